import { spendSummary } from '../../spend/queries';
import { spendByAgencyChart } from '../charts/spendChart';
import { figure } from '../charts/svg';
import { html } from '../html';
import { money as formatPounds } from '../money';
import type { ReportSection } from '../types';

export const spendSection: ReportSection = {
  id: 'spend',
  title: 'The spend map',
  async unavailable() {
    return null;
  },
  async render({ ctx, nextFigure }) {
    const rows = await spendSummary(ctx);
    if (rows.length === 0) return { html: html`<p>No spend has been imported yet.</p>`, tables: [] };
    const years = [...new Set(rows.map((x) => x.year))].sort();
    const keyOf = (x: { organisation: string; theme: string | null }) => `${x.organisation}\u0000${x.theme ?? ''}`;
    const lines = new Map<string, { organisation: string; theme: string | null; byYear: Map<string, number>; total: number }>();
    for (const x of rows) {
      const line = lines.get(keyOf(x)) ?? { organisation: x.organisation, theme: x.theme, byYear: new Map(), total: 0 };
      line.byYear.set(x.year, (line.byYear.get(x.year) ?? 0) + x.totalPence);
      line.total += x.totalPence;
      lines.set(keyOf(x), line);
    }
    const sorted = [...lines.values()].sort((a, b) => a.organisation.localeCompare(b.organisation) || (a.theme ?? '\uffff').localeCompare(b.theme ?? '\uffff'));
    const yearTotal = (y: string) => rows.filter((x) => x.year === y).reduce((s, x) => s + x.totalPence, 0);
    const grand = rows.reduce((s, x) => s + x.totalPence, 0);
    const agencies = new Map<string, number>();
    for (const x of rows) agencies.set(x.organisation, (agencies.get(x.organisation) ?? 0) + x.totalPence);
    const chart = spendByAgencyChart(rows);
    const body = html`
      ${figure('figure-spend', nextFigure(), 'Spend by agency and theme, all years', chart.chart, chart.data)}
      <p>${formatPounds(grand)} of spending by ${agencies.size} ${agencies.size === 1 ? 'agency' : 'agencies'} across ${years.length} financial year${years.length === 1 ? '' : 's'} (${years.join(', ')}), from ${rows.reduce((s, x) => s + x.rows, 0).toLocaleString('en-GB')} transaction lines.</p>
      <table class="numbers">
        <caption>Spend by agency, theme and financial year</caption>
        <thead><tr><th scope="col">Agency</th><th scope="col">Theme</th>${years.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col" class="num">Total</th></tr></thead>
        <tbody>${sorted.map(
          (l) => html`<tr><th scope="row">${l.organisation}</th><td>${l.theme ?? 'Unclassified'}</td>${years.map((y) => html`<td class="num">${l.byYear.has(y) ? formatPounds(l.byYear.get(y)!) : '—'}</td>`)}<td class="num">${formatPounds(l.total)}</td></tr>`,
        )}</tbody>
        <tfoot><tr><th scope="row" colspan="2">All agencies</th>${years.map((y) => html`<td class="num">${formatPounds(yearTotal(y))}</td>`)}<td class="num">${formatPounds(grand)}</td></tr></tfoot>
      </table>`;
    return {
      html: body,
      tables: [
        {
          name: 'Spend map',
          columns: [
            { header: 'Agency', kind: 'text' },
            { header: 'Theme', kind: 'text' },
            { header: 'Financial year', kind: 'text' },
            { header: 'Lines', kind: 'number' },
            { header: 'Total', kind: 'money' },
          ],
          rows: rows.map((x) => [x.organisation, x.theme, x.year, x.rows, x.totalPence]),
        },
      ],
    };
  },
};
