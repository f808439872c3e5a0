import { formatDate } from '../../../shared/calc/timetable';
import { listBenefits } from '../../momentum/queries';
import { html } from '../html';
import { money as formatPounds } from '../money';
import type { ReportSection } from '../types';

export const benefitsSection: ReportSection = {
  id: 'benefits',
  title: 'Benefits register',
  async unavailable() {
    return null;
  },
  async render({ ctx, today }) {
    const list = await listBenefits(ctx);
    if (list.length === 0) return { html: html`<p>No benefits have been registered yet.</p>`, tables: [] };
    const total = list.reduce((s, b) => s + b.fullYearPence, 0);
    const cash = list.filter((b) => b.cashReleasing).reduce((s, b) => s + b.fullYearPence, 0);
    const expected = list.reduce((s, b) => s + (b.expectedToDatePence ?? 0), 0);
    const realised = list.reduce((s, b) => s + b.realisedToDatePence, 0);
    const body = html`
      <p>${list.length} benefit${list.length === 1 ? '' : 's'} worth ${formatPounds(total)} a full year, of which ${formatPounds(cash)} is cash-releasing.
        By ${formatDate(today)} ${formatPounds(expected)} was expected to have been realised and ${formatPounds(realised)} has been.</p>
      <table class="numbers"><caption>Benefits: estimated and realised</caption>
        <thead><tr><th scope="col">Benefit</th><th scope="col">Owner</th><th scope="col">Measure and target</th><th scope="col" class="num">Full year</th><th scope="col">Cash-releasing</th><th scope="col" class="num">Expected to date</th><th scope="col" class="num">Realised to date</th></tr></thead>
        <tbody>${list.map(
          (b) => html`<tr><th scope="row">${b.title}</th><td>${[b.owner, b.organisationName].filter(Boolean).join(', ') || '—'}</td><td>${b.measure ?? '—'}${b.target ? html`<br>Target: ${b.target}` : ''}</td><td class="num">${formatPounds(b.fullYearPence)}</td><td>${b.cashReleasing ? 'Yes' : 'No'}</td><td class="num">${b.expectedToDatePence === null ? 'No start date' : formatPounds(b.expectedToDatePence)}</td><td class="num">${formatPounds(b.realisedToDatePence)}</td></tr>`,
        )}</tbody>
        <tfoot><tr><th scope="row" colspan="3">All benefits</th><td class="num">${formatPounds(total)}</td><td></td><td class="num">${formatPounds(expected)}</td><td class="num">${formatPounds(realised)}</td></tr></tfoot>
      </table>`;
    return {
      html: body,
      tables: [
        {
          name: 'Benefits register',
          columns: [
            { header: 'Benefit', kind: 'text' },
            { header: 'Owner', kind: 'text' },
            { header: 'Organisation', kind: 'text' },
            { header: 'Measure', kind: 'text' },
            { header: 'Target', kind: 'text' },
            { header: 'Full year', kind: 'money' },
            { header: 'Cash-releasing', kind: 'text' },
            { header: 'Starts', kind: 'date' },
            { header: 'Expected to date', kind: 'money' },
            { header: 'Realised to date', kind: 'money' },
          ],
          rows: list.map((b) => [b.title, b.owner, b.organisationName, b.measure, b.target, b.fullYearPence, b.cashReleasing ? 'Yes' : 'No', b.startsOn, b.expectedToDatePence, b.realisedToDatePence]),
        },
        {
          name: 'Benefit realisations',
          columns: [{ header: 'Benefit', kind: 'text' }, { header: 'Date', kind: 'date' }, { header: 'Realised', kind: 'money' }, { header: 'Note', kind: 'text' }],
          rows: list.flatMap((b) => b.realisations.map((r) => [b.title, r.realisedOn, r.realisedPence, r.note])),
        },
      ],
    };
  },
};
