import { money } from '../money';
import { clip, INK, rect, text, WIDTH, type Chart, type DataTable } from './svg';

const MAX = 10;

/** White text on the darker half of the scale, ink on the lighter (both at least 4.5:1). */
const shade = (f: number): { fill: string; ink: string } => {
  const steps = ['#f3f2f1', '#d2e2f1', '#a6c5e3', '#5694ca', '#1d70b8', '#003078'];
  const i = Math.min(steps.length - 1, Math.round(f * (steps.length - 1)));
  return { fill: steps[i]!, ink: i >= 4 ? '#ffffff' : INK };
};

/**
 * The "wrong pocket" matrix as a grid: rows are the organisations that pay, columns those whose
 * budgets benefit, shading by size. Cells on the diagonal (paying and saving in the same pocket) are
 * outlined; everything off it is a benefit landing in someone else's budget.
 */
export function wrongPocketChart(payers: readonly string[], beneficiaries: readonly string[], cells: readonly (readonly number[])[]): { chart: Chart; data: DataTable } {
  const rows = payers.slice(0, MAX);
  const cols = beneficiaries.slice(0, MAX);
  const left = 170;
  const top = 110;
  const cellW = Math.min(90, (WIDTH - left - 10) / Math.max(1, cols.length));
  const cellH = 28;
  const max = Math.max(1, ...cells.flat().map(Math.abs));
  const parts: string[] = [];
  cols.forEach((c, j) => parts.push(text(left + j * cellW + cellW / 2, top - 8, clip(c, 18), { rotate: -40, size: 10 })));
  rows.forEach((p, i) => {
    const y = top + i * cellH;
    parts.push(text(left - 8, y + cellH / 2 + 4, clip(p, 26), { anchor: 'end' }));
    cols.forEach((c, j) => {
      const v = cells[i]?.[j] ?? 0;
      const s = shade(Math.abs(v) / max);
      const x = left + j * cellW;
      parts.push(rect(x, y, cellW, cellH, s.fill, p === c ? ` stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"` : ' stroke="#ffffff" stroke-width="1"'));
      if (v !== 0) parts.push(text(x + cellW / 2, y + cellH / 2 + 4, money(v), { anchor: 'middle', size: 10, fill: s.ink }));
    });
  });
  const legendY = top + rows.length * cellH + 22;
  parts.push(rect(12, legendY - 10, 14, 14, '#ffffff', ` stroke="${INK}" stroke-width="2" stroke-dasharray="4 2"`), text(32, legendY + 1, 'Same organisation pays and benefits; every other cell is a benefit in another budget.'));

  let offDiagonal = 0;
  let total = 0;
  rows.forEach((p, i) => cols.forEach((c, j) => {
    const v = cells[i]?.[j] ?? 0;
    total += v;
    if (p !== c) offDiagonal += v;
  }));
  const biggest = rows
    .flatMap((p, i) => cols.map((c, j) => ({ p, c, v: cells[i]?.[j] ?? 0 })))
    .filter((x) => x.p !== x.c && x.v > 0)
    .sort((a, b) => b.v - a.v)
    .slice(0, 3);
  return {
    chart: {
      title: 'Who pays and who benefits (the wrong pocket)',
      description:
        `A grid of ${rows.length} paying organisations by ${cols.length} benefiting organisations, present values in the central case. ` +
        `${money(offDiagonal)} of ${money(total)} lands in a different organisation's budget from the one that pays.` +
        (biggest.length ? ` Largest: ${biggest.map((b) => `${b.p} pays, ${b.c} benefits, ${money(b.v)}`).join('; ')}.` : ''),
      height: legendY + 14,
      body: parts.join(''),
    },
    data: {
      head: ['Pays ↓ / Benefits →', ...beneficiaries],
      rows: payers.map((p, i) => [p, ...beneficiaries.map((_, j) => money(cells[i]?.[j] ?? 0))]),
      numeric: beneficiaries.map((_, j) => j + 1),
    },
  };
}

