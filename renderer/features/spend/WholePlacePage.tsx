import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { SpendSummaryRow } from '../../../shared/domain/spend';
import { fileUrl } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { SelectField } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { formatNumber, formatShare } from '../../kit/format/number';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { AgencyBarChart, ThemeTreemap, type SeriesKey } from './SpendCharts';
import { SpendHeader } from './SpendHeader';

const themeKey = (r: SpendSummaryRow) => r.themeId ?? 'unclassified';
const linesLink = (q: Record<string, string | null>) =>
  `/spend/lines?${new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== null)).toString()}`;

export function WholePlacePage() {
  const summary = useApi('spend.summary', {});
  const [year, setYear] = useState('');
  const exporter = useApiMutation('spend.exportSummary');

  const view = useMemo(() => {
    const all = summary.data ?? [];
    const years = [...new Set(all.map((r) => r.year))].sort();
    const rows = year ? all.filter((r) => r.year === year) : all;
    const keysMap = new Map<string, string>();
    for (const r of rows) keysMap.set(themeKey(r), r.theme ?? 'Unclassified');
    const keys: SeriesKey[] = [...keysMap].map(([key, label]) => ({ key, label })).sort((a, b) => (a.key === 'unclassified' ? 1 : b.key === 'unclassified' ? -1 : a.label.localeCompare(b.label)));
    const orgs = [...new Map(rows.map((r) => [r.organisationId, r.organisation])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
    const bars = orgs.map(([id, name]) => {
      const bar: Record<string, string | number> = { organisation: name };
      for (const r of rows.filter((x) => x.organisationId === id)) bar[themeKey(r)] = ((bar[themeKey(r)] as number | undefined) ?? 0) + r.totalPence / 100;
      return bar;
    });
    const byTheme: Record<string, number> = {};
    for (const r of rows) byTheme[themeKey(r)] = (byTheme[themeKey(r)] ?? 0) + r.totalPence;
    const lineGroups = [...new Map(rows.map((r) => [`${r.organisationId}|${r.year}`, { organisationId: r.organisationId, organisation: r.organisation, year: r.year }])).values()].sort(
      (a, b) => a.organisation.localeCompare(b.organisation) || a.year.localeCompare(b.year),
    );
    const total = rows.reduce((n, r) => n + r.totalPence, 0);
    const lines = rows.reduce((n, r) => n + r.rows, 0);
    const classified = rows.filter((r) => r.themeId).reduce((n, r) => n + r.rows, 0);
    return { all, years, rows, keys, orgs, bars, byTheme, lineGroups, total, lines, classified };
  }, [summary.data, year]);

  if (summary.isPending) return <Loading what="the spend map" />;
  const cell = (orgId: string, yr: string, key: string) =>
    view.rows.filter((r) => r.organisationId === orgId && r.year === yr && themeKey(r) === key).reduce((n, r) => n + r.totalPence, 0);
  const hasCell = (orgId: string, yr: string, key: string) => view.rows.some((r) => r.organisationId === orgId && r.year === yr && themeKey(r) === key);
  const scope = year ? `in ${year}` : 'in all years';
  const biggest = [...view.bars].sort((a, b) => sumOf(b) - sumOf(a))[0];
  const barDescription = `Spend by organisation ${scope}, each bar stacked by theme. ${view.orgs.length} organisations totalling ${formatMoney(view.total)}${biggest ? `; the largest is ${biggest.organisation} at ${formatMoney(Math.round(sumOf(biggest) * 100))}` : ''}. Every figure is in the table below.`;
  const topTheme = view.keys.map((k) => ({ ...k, pence: view.byTheme[k.key] ?? 0 })).sort((a, b) => b.pence - a.pence)[0];
  const treeDescription = `Share of spend by theme ${scope}: ${view.keys.length} themes${topTheme ? `, the largest ${topTheme.label} at ${formatMoney(topTheme.pence)}` : ''}. Every figure is in the table below.`;

  return (
    <div className="page page--wide">
      <SpendHeader title="Whole-place spend" />
      <ErrorSummary error={summary.error ?? exporter.error} />
      {view.all.length === 0 ? (
        <EmptyState title="No spend imported yet">
          <p>Start counting: import the spend files each partner publishes (for example a council’s “expenditure over £500” or an NHS trust’s “spend over £25,000”).</p>
          <Link to="/spend/import" className="button">Import a spend file</Link>
        </EmptyState>
      ) : (
        <>
          <div className="filters spend-filters">
            <SelectField label="Financial year" value={year} onChange={setYear} emptyLabel="All years" options={view.years.map((y) => ({ value: y, label: y }))} />
          </div>
          <div className="tiles">
            <div className="tile">
              <h2>Total spend {scope}</h2>
              <p className="tile__figure">{formatMoney(view.total)}</p>
            </div>
            <div className="tile">
              <h2>Lines</h2>
              <p className="tile__figure">{formatNumber(view.lines)}</p>
              <p className="muted">{view.orgs.length} organisations</p>
            </div>
            <Link className="tile" to="/spend/unclassified">
              <h2>Classified to a theme</h2>
              <p className="tile__figure">{formatShare(view.classified, view.lines)}</p>
              <p className="muted">{formatNumber(view.lines - view.classified)} lines to classify</p>
            </Link>
          </div>
          <Section id="charts-heading" title="Charts">
            <div className="spend-chart-pair">
              <AgencyBarChart data={view.bars} keys={view.keys} description={barDescription} />
              <ThemeTreemap totals={view.byTheme} keys={view.keys} description={treeDescription} />
            </div>
          </Section>
          <section className="card" aria-labelledby="table-heading">
            <div className="spend-section-header">
              <h2 id="table-heading">Spend by organisation, theme and year</h2>
              <div className="button-row">
                <button type="button" className="button button--secondary button--small" disabled={exporter.isPending} onClick={() => exporter.mutate({ format: 'csv' })}>
                  Export CSV
                </button>
                <button type="button" className="button button--secondary button--small" disabled={exporter.isPending} onClick={() => exporter.mutate({ format: 'xlsx' })}>
                  Export XLSX
                </button>
                {exporter.data && (
                  <a href={fileUrl(exporter.data.urlPath)} download={exporter.data.name} className="spend-download">
                    Download {exporter.data.name}
                  </a>
                )}
              </div>
            </div>
            <div className="spend-scroll">
              <DataTable
                className="table spend-table"
                caption="Select a figure to see the lines behind it. UK financial years run April to March."
                columns={['Organisation', 'Year', ...view.keys.map((k) => ({ label: k.label, key: k.key, num: true })), { label: 'Total', key: '(total)', num: true }]}
                foot={
                  <tr>
                    <th scope="row" colSpan={2}>All organisations</th>
                    {view.keys.map((k) => (
                      <td className="num" key={k.key}>{formatMoney(view.byTheme[k.key] ?? 0)}</td>
                    ))}
                    <td className="num"><strong>{formatMoney(view.total)}</strong></td>
                  </tr>
                }
              >
                {view.lineGroups.map((g) => {
                  const rowTotal = view.keys.reduce((n, k) => n + cell(g.organisationId, g.year, k.key), 0);
                  return (
                    <tr key={`${g.organisationId}|${g.year}`}>
                      <th scope="row">{g.organisation}</th>
                      <td>{g.year}</td>
                      {view.keys.map((k) => (
                        <td className="num" key={k.key}>
                          {hasCell(g.organisationId, g.year, k.key) ? (
                            <Link to={linesLink({ org: g.organisationId, theme: k.key, year: g.year })}>{formatMoney(cell(g.organisationId, g.year, k.key))}</Link>
                          ) : (
                            '—'
                          )}
                        </td>
                      ))}
                      <td className="num">
                        <Link to={linesLink({ org: g.organisationId, year: g.year, theme: null })}>{formatMoney(rowTotal)}</Link>
                      </td>
                    </tr>
                  );
                })}
              </DataTable>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function sumOf(bar: Record<string, string | number>): number {
  return Object.entries(bar).reduce((n, [k, v]) => (k === 'organisation' ? n : n + Number(v)), 0);
}
