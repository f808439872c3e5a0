import { clip, line, PALETTE, rect, RULE, text, WIDTH, type Chart, type DataTable } from './svg';

/** Hypotheses by status: one bar per status, verdicts first. */
export function statusChart(counts: readonly { label: string; count: number }[]): { chart: Chart; data: DataTable } {
  const left = 150;
  const right = WIDTH - 50;
  const rowH = 26;
  const top = 8;
  const max = Math.max(1, ...counts.map((c) => c.count));
  const parts: string[] = [line(left, top, left, top + counts.length * rowH, RULE)];
  counts.forEach((c, i) => {
    const y = top + i * rowH;
    const w = (c.count / max) * (right - left);
    parts.push(text(left - 8, y + rowH / 2 + 4, clip(c.label, 22), { anchor: 'end' }));
    if (w > 0) parts.push(rect(left, y + 5, w, rowH - 10, PALETTE[i % PALETTE.length]!));
    parts.push(text(left + w + 6, y + rowH / 2 + 4, String(c.count), { weight: 'bold' }));
  });
  const total = counts.reduce((s, c) => s + c.count, 0);
  return {
    chart: {
      title: 'Hypotheses by status',
      description: `${total} hypotheses: ${counts.map((c) => `${c.label.toLowerCase()} ${c.count}`).join(', ')}.`,
      height: top * 2 + counts.length * rowH,
      body: parts.join(''),
    },
    data: { head: ['Status', 'Hypotheses'], rows: counts.map((c) => [c.label, String(c.count)]), numeric: [1] },
  };
}
