import { money } from '../money';
import { clip, INK, line, MUTED, rect, RULE, text, ticks, WIDTH, type Chart, type DataTable } from './svg';

export interface NpvRange {
  name: string;
  p10: number;
  p50: number | null;
  p90: number;
  central: number;
}

const MAX_ROWS = 30;

/**
 * Net present value ranges: for each row a bar from P10 to P90 (an 80% chance the NPV lies within
 * it, by simulation), a diamond at the central estimate and a tick at the median, against a zero
 * line — a bar crossing zero is an intervention that may not pay back.
 */
export function npvRangeChart(title: string, rows: readonly NpvRange[], note = ''): { chart: Chart; data: DataTable } {
  const shown = [...rows].sort((a, b) => b.central - a.central).slice(0, MAX_ROWS);
  const left = 190;
  const right = WIDTH - 20;
  const top = 26;
  const rowH = 24;
  const lo = Math.min(0, ...shown.map((r) => Math.min(r.p10, r.central)));
  const hi = Math.max(0, ...shown.map((r) => Math.max(r.p90, r.central)));
  const axis = ticks(lo, hi === lo ? lo + 1 : hi, 5);
  const min = Math.min(lo, axis[0] ?? lo);
  const max = Math.max(hi, axis.at(-1) ?? hi, min + 1);
  const x = (v: number) => left + ((v - min) / (max - min)) * (right - left);
  const parts: string[] = [];
  for (const v of axis) parts.push(line(x(v), top - 6, x(v), top + shown.length * rowH, v === 0 ? INK : RULE, v === 0 ? 1.5 : 1), text(x(v), top - 10, money(v), { anchor: 'middle', size: 10 }));
  shown.forEach((r, i) => {
    const y = top + i * rowH + rowH / 2;
    const colour = r.p10 < 0 ? '#d4351c' : '#00703c';
    parts.push(text(left - 8, y + 4, clip(r.name, 30), { anchor: 'end' }));
    parts.push(rect(x(r.p10), y - 5, x(r.p90) - x(r.p10), 10, colour, ' fill-opacity="0.35"'), line(x(r.p10), y - 7, x(r.p10), y + 7, colour, 2), line(x(r.p90), y - 7, x(r.p90), y + 7, colour, 2));
    if (r.p50 !== null) parts.push(line(x(r.p50), y - 6, x(r.p50), y + 6, INK, 1.5));
    const cx = x(r.central);
    parts.push(`<path d="M${cx.toFixed(1)} ${(y - 6).toFixed(1)} l6 6 l-6 6 l-6 -6 z" fill="${INK}"/>`);
  });
  const ly = top + shown.length * rowH + 20;
  parts.push(
    rect(12, ly - 9, 22, 10, '#00703c', ' fill-opacity="0.35"'),
    text(40, ly, 'P10 to P90 (green: P10 above zero; red: it may not pay back)', { fill: MUTED }),
    `<path d="M18 ${ly + 10} l6 6 l-6 6 l-6 -6 z" fill="${INK}"/>`,
    text(40, ly + 20, 'central estimate; the thin mark is the median (P50)', { fill: MUTED }),
  );
  const negatives = shown.filter((r) => r.p10 < 0).length;
  return {
    chart: {
      title,
      description:
        `Ranges of net present value, P10 to P90, for ${shown.length === rows.length ? shown.length : `the ${shown.length} largest of ${rows.length}`} ${rows.length === 1 ? 'row' : 'rows'}. ` +
        shown
          .slice(0, 5)
          .map((r) => `${r.name}: central ${money(r.central)}, P10 ${money(r.p10)} to P90 ${money(r.p90)}`)
          .join('; ') +
        `. ${negatives} of them could have a negative NPV (P10 below zero).${note ? ` ${note}` : ''}`,
      height: ly + 32,
      body: parts.join(''),
    },
    data: {
      head: ['Name', 'P10', 'P50', 'Central', 'P90'],
      rows: rows.map((r) => [r.name, money(r.p10), r.p50 === null ? '—' : money(r.p50), money(r.central), money(r.p90)]),
      numeric: [1, 2, 3, 4],
    },
  };
}
