/**
 * The appendix: every table of the report that holds money, in full and to the penny (the body
 * rounds to £k/£m). Rendered after the other sections, from their tables.
 */
import { formatDate } from '../../../shared/calc/timetable';
import { html } from '../html';
import { exactMoney } from '../money';
import type { ExtractTable, ReportSection } from '../types';

/** A table longer than this is cut, with a note: the extracts hold every row. */
const MAX_ROWS = 400;

const cell = (v: string | number | null, kind: ExtractTable['columns'][number]['kind']) => {
  if (v === null || v === undefined || v === '') return '—';
  if (kind === 'money' && typeof v === 'number') return exactMoney(v);
  if (kind === 'date' && typeof v === 'string') return formatDate(v);
  if (typeof v === 'number') return v.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return v;
};

export const appendixSection: ReportSection = {
  id: 'appendix',
  title: 'Appendix: the figures in full',
  async unavailable() {
    return null;
  },
  async render(rc) {
    const money = rc.tables.filter((t) => t.rows.length > 0 && t.columns.some((c) => c.kind === 'money'));
    if (money.length === 0) return { html: html`<p>None of the sections in this report has money figures to set out.</p>`, tables: [] };
    const body = html`<p>Every money figure of the report, exactly (pounds and pence). The same tables are in the extracts (CSV and XLSX).</p>
      ${money.map((t, k) => {
        const num = (kind: string) => kind === 'money' || kind === 'number';
        return html`<table class="numbers appendix"><caption>Table A${k + 1}: ${t.name}</caption>
          <thead><tr>${t.columns.map((c) => html`<th scope="col"${num(c.kind) ? html` class="num"` : ''}>${c.header}${c.kind === 'money' ? ' (£)' : ''}</th>`)}</tr></thead>
          <tbody>${t.rows.slice(0, MAX_ROWS).map((r) => html`<tr>${t.columns.map((c, i) => (i === 0 ? html`<th scope="row">${cell(r[i] ?? null, c.kind)}</th>` : html`<td${num(c.kind) ? html` class="num"` : ''}>${cell(r[i] ?? null, c.kind)}</td>`))}</tr>`)}</tbody>
        </table>${t.rows.length > MAX_ROWS ? html`<p class="note">The first ${MAX_ROWS} of ${t.rows.length.toLocaleString('en-GB')} rows; every row is in the "${t.name}" extract.</p>` : ''}`;
      })}`;
    return { html: body, tables: [] };
  },
};
