import { money } from '../money';
import { clip, GREY, legend, line, PALETTE, rect, RULE, text, ticks, WIDTH, type Chart, type DataTable } from './svg';

const MAX_AGENCIES = 12;
const MAX_THEMES = 8;
const UNCLASSIFIED = 'Unclassified';
const OTHER_THEMES = 'Other themes';
const OTHER_AGENCIES = 'Other agencies';

export interface SpendCell {
  organisation: string;
  theme: string | null;
  totalPence: number;
}

/**
 * Spend by agency, each bar split by theme: the whole-place picture at a glance. The biggest
 * agencies and themes are drawn; the rest are grouped ("Other …") so the chart stays legible, and
 * the data table lists every agency and theme.
 */
export function spendByAgencyChart(cells: readonly SpendCell[]): { chart: Chart; data: DataTable } {
  const themeTotals = new Map<string, number>();
  const agencyTotals = new Map<string, number>();
  for (const c of cells) {
    const theme = c.theme ?? UNCLASSIFIED;
    themeTotals.set(theme, (themeTotals.get(theme) ?? 0) + c.totalPence);
    agencyTotals.set(c.organisation, (agencyTotals.get(c.organisation) ?? 0) + c.totalPence);
  }
  const named = [...themeTotals.entries()].filter(([t]) => t !== UNCLASSIFIED).sort((a, b) => b[1] - a[1]);
  const keptThemes = named.slice(0, MAX_THEMES).map(([t]) => t);
  const themeOf = (t: string | null) => (t === null ? UNCLASSIFIED : keptThemes.includes(t) ? t : OTHER_THEMES);
  const series = [...keptThemes, ...(named.length > MAX_THEMES ? [OTHER_THEMES] : []), ...(themeTotals.has(UNCLASSIFIED) ? [UNCLASSIFIED] : [])];
  const colour = (s: string) => (s === UNCLASSIFIED ? GREY : s === OTHER_THEMES ? '#b1b4b6' : PALETTE[keptThemes.indexOf(s) % PALETTE.length]!);

  const agencies = [...agencyTotals.entries()].sort((a, b) => b[1] - a[1]);
  const kept = agencies.slice(0, MAX_AGENCIES).map(([a]) => a);
  const agencyOf = (a: string) => (kept.includes(a) ? a : OTHER_AGENCIES);
  const bars = [...kept, ...(agencies.length > MAX_AGENCIES ? [OTHER_AGENCIES] : [])];
  const seg = new Map<string, number>();
  for (const c of cells) {
    const k = `${agencyOf(c.organisation)}\u0000${themeOf(c.theme)}`;
    seg.set(k, (seg.get(k) ?? 0) + c.totalPence);
  }
  const barTotal = (a: string) => series.reduce((s, t) => s + Math.max(0, seg.get(`${a}\u0000${t}`) ?? 0), 0);
  const max = Math.max(1, ...bars.map(barTotal));

  const left = 170;
  const right = WIDTH - 70;
  const top = 24;
  const rowH = 24;
  const axis = ticks(0, max, 4);
  const scale = (v: number) => left + (v / Math.max(max, axis.at(-1) ?? max)) * (right - left);
  const parts: string[] = [];
  for (const v of axis) parts.push(line(scale(v), top - 6, scale(v), top + bars.length * rowH, RULE), text(scale(v), top - 10, money(v), { anchor: 'middle', size: 10 }));
  bars.forEach((a, i) => {
    const y = top + i * rowH;
    parts.push(text(left - 8, y + rowH / 2 + 4, clip(a, 26), { anchor: 'end' }));
    let x = left;
    for (const t of series) {
      const v = Math.max(0, seg.get(`${a}\u0000${t}`) ?? 0);
      const w = scale(v) - left;
      if (w > 0) parts.push(rect(x, y + 4, w, rowH - 8, colour(t), ' stroke="#ffffff" stroke-width="0.5"'));
      x += w;
    }
    parts.push(text(x + 6, y + rowH / 2 + 4, money(barTotal(a)), { size: 10 }));
  });
  const lg = legend(series.map((s) => ({ label: s, colour: colour(s) })), 12, top + bars.length * rowH + 24, WIDTH - 24);
  parts.push(lg.body);

  const grand = agencies.reduce((s, [, v]) => s + v, 0);
  const chart: Chart = {
    title: 'Spend by agency and theme',
    description:
      `Horizontal bars, one per agency, split by theme. Total ${money(grand)} across ${agencies.length} agencies. ` +
      agencies
        .slice(0, 5)
        .map(([a, v]) => `${a}: ${money(v)}`)
        .join('; ') +
      (agencies.length > 5 ? `; and ${agencies.length - 5} more.` : '.'),
    height: top + bars.length * rowH + 24 + lg.height + 6,
    body: parts.join(''),
  };

  const allThemes = [...named.map(([t]) => t), ...(themeTotals.has(UNCLASSIFIED) ? [UNCLASSIFIED] : [])];
  const exact = new Map<string, number>();
  for (const c of cells) exact.set(`${c.organisation}\u0000${c.theme ?? UNCLASSIFIED}`, (exact.get(`${c.organisation}\u0000${c.theme ?? UNCLASSIFIED}`) ?? 0) + c.totalPence);
  const data: DataTable = {
    head: ['Agency', ...allThemes, 'Total'],
    rows: agencies.map(([a, total]) => [a, ...allThemes.map((t) => (exact.has(`${a}\u0000${t}`) ? money(exact.get(`${a}\u0000${t}`)!) : '—')), money(total)]),
    numeric: allThemes.map((_, i) => i + 1).concat(allThemes.length + 1),
  };
  return { chart, data };
}
