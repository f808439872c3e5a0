import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SpendSummaryRow } from '../../../shared/domain/spend';
import { fileUrl } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { SelectField } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber, formatShare } from '../../kit/format/number';
import { Section } from '../../kit/page/Section';
import { AgencyBars, ThemeBars, type SeriesKey } from './SpendCharts';
import { SpendHeader } from './SpendHeader';
import { latestCompleteYear, linesLink } from './spendLinks';
import './spend.css';

const themeKey = (r: SpendSummaryRow) => r.themeId ?? 'unclassified';
const ALL = 'all';

export function WholePlacePage() {
  const summary = useApi('spend.summary', {});
  const [chosenYear, setYear] = useState<string | null>(null);
  const exporter = useApiMutation('spend.exportSummary');
  const navigate = useNavigate();

  const years = useMemo(() => [...new Set((summary.data ?? []).map((r) => r.year))].sort(), [summary.data]);
  // One financial year at a time by default (the latest that has ended): years added together mean little.
  const year = chosenYear ?? latestCompleteYear(years, new Date()) ?? ALL;
  const view = useMemo(() => {
    const all = summary.data ?? [];
    const rows = year === ALL ? all : all.filter((r) => r.year === year);
    const keysMap = new Map<string, string>();
    for (const r of rows) keysMap.set(themeKey(r), r.theme ?? 'Unclassified');
    const keys: SeriesKey[] = [...keysMap].map(([key, label]) => ({ key, label })).sort((a, b) => (a.key === 'unclassified' ? 1 : b.key === 'unclassified' ? -1 : a.label.localeCompare(b.label)));
    const orgs = [...new Map(rows.map((r) => [r.organisationId, r.organisation])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
    const cells = new Map<string, number>();
    const cellKey = (org: string, yr: string, key: string) => `${org}|${yr}|${key}`;
    for (const r of rows) cells.set(cellKey(r.organisationId, r.year, themeKey(r)), (cells.get(cellKey(r.organisationId, r.year, themeKey(r))) ?? 0) + r.totalPence);
    const bars = orgs.map(([id, name]) => {
      const bar: { organisation: string; organisationId: string } & Record<string, string | number> = { organisation: name, organisationId: id };
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
    return { all, rows, keys, orgs, cells, cellKey, bars, byTheme, lineGroups, total, lines, classified };
  }, [summary.data, year]);

  if (summary.isPending) return <Loading what="the spend map" />;
  const scope = year === ALL ? 'in all years added together' : `in ${year}`;
  const yearFilter = year === ALL ? null : year;
  const biggest = [...view.bars].sort((a, b) => sumOf(b) - sumOf(a))[0];
  const barDescription = `Spend by organisation ${scope}, each bar divided by theme: ${view.orgs.length} organisations totalling ${formatMoney(view.total)}${biggest ? `; the largest is ${biggest.organisation} at ${formatMoney(Math.round(sumOf(biggest) * 100))}` : ''}. Every figure is in the table below.`;
  const topTheme = view.keys.map((k) => ({ ...k, pence: view.byTheme[k.key] ?? 0 })).sort((a, b) => b.pence - a.pence)[0];
  const themeDescription = `Spend by theme ${scope}: ${countOf(view.keys.length, 'theme')}${topTheme ? `, the largest ${topTheme.label} at ${formatMoney(topTheme.pence)}` : ''}. Every figure is in the table below.`;
  const rowTotal = (orgId: string, yr: string) => view.keys.reduce((n, k) => n + (view.cells.get(view.cellKey(orgId, yr, k.key)) ?? 0), 0);

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
          <div className="filters spend-view-controls">
            <SelectField
              label="Financial year"
              hint="April to March. The latest year that has ended is shown first."
              value={year}
              onChange={setYear}
              options={[...years.map((y) => ({ value: y, label: y })), { value: ALL, label: 'All years added together' }]}
            />
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
              <p className="muted">{countOf(view.lines - view.classified, 'line')} to classify</p>
            </Link>
          </div>
          <Section id="charts-heading" title="Charts">
            <h3>By organisation</h3>
            <AgencyBars data={view.bars} keys={view.keys} description={barDescription} onSegment={(org, theme) => navigate(linesLink({ org, theme, year: yearFilter }))} />
            <h3>By theme</h3>
            <ThemeBars totals={view.byTheme} keys={view.keys} description={themeDescription} onTheme={(theme) => navigate(linesLink({ theme, year: yearFilter }))} />
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
            <p className="spend-grid-hint" id="grid-hint">
              Select a figure to see the lines behind it. The organisation and total columns stay in view; the table scrolls with the arrow keys once selected.
            </p>
            {/* Focusable so keyboard users can scroll it (WCAG 2.1.1); the region names what scrolls. */}
            <div className="spend-grid" tabIndex={0} role="region" aria-label="The spend table (it scrolls)" aria-describedby="grid-hint">
              <table className="table spend-table">
                <caption className="visually-hidden">Spend by organisation, theme and UK financial year (April to March), {scope}.</caption>
                <thead>
                  <tr>
                    <th scope="col" className="spend-grid__lead">Organisation</th>
                    <th scope="col">Year</th>
                    {view.keys.map((k) => (
                      <th scope="col" className="num" key={k.key}>{k.label}</th>
                    ))}
                    <th scope="col" className="num spend-grid__total">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {view.lineGroups.map((g) => (
                    <tr key={`${g.organisationId}|${g.year}`}>
                      <th scope="row" className="spend-grid__lead">{g.organisation}</th>
                      <td>{g.year}</td>
                      {view.keys.map((k) => {
                        const pence = view.cells.get(view.cellKey(g.organisationId, g.year, k.key));
                        return (
                          <td className="num" key={k.key}>
                            {pence === undefined ? '—' : <Link to={linesLink({ org: g.organisationId, theme: k.key, year: g.year })}>{formatMoney(pence)}</Link>}
                          </td>
                        );
                      })}
                      <td className="num spend-grid__total">
                        <Link to={linesLink({ org: g.organisationId, year: g.year })}>{formatMoney(rowTotal(g.organisationId, g.year))}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row" colSpan={2} className="spend-grid__lead">All organisations</th>
                    {view.keys.map((k) => (
                      <td className="num" key={k.key}>
                        <Link to={linesLink({ theme: k.key, year: yearFilter })}>{formatMoney(view.byTheme[k.key] ?? 0)}</Link>
                      </td>
                    ))}
                    <td className="num spend-grid__total">{formatMoney(view.total)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function sumOf(bar: Record<string, string | number>): number {
  return Object.entries(bar).reduce((n, [k, v]) => (k === 'organisation' || k === 'organisationId' ? n : n + Number(v)), 0);
}
