import { Link, useSearchParams } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { SelectField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber } from '../../kit/format/number';
import { UNCLASSIFIED_SORTS } from '../../../shared/domain/spend';
import { DataTable, sortable } from '../../kit/list/DataTable';
import type { Sorting } from '../../kit/list/useSort';
import { SpendHeader } from './SpendHeader';
import { linesLink } from './spendLinks';
import './spend.css';

const PAGE = 100;
const ruleLink = (field: string, pattern: string, organisationId: string) => `/spend/rules?${new URLSearchParams({ field, op: 'equals', pattern, org: organisationId }).toString()}`;

/** Spend no rule has classified yet, grouped by organisation, service area and expense type, biggest first, every group (a page at a time). */
export function UnclassifiedPage() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('from') ?? 0) || 0);
  const org = params.get('org') ?? '';
  // Sorted by the server (the list is paged there); the order is kept in the URL like every list's.
  const rawSort = params.get('sort') ?? '';
  const descending = rawSort.startsWith('-');
  const sortKey = UNCLASSIFIED_SORTS.find((k) => k === rawSort.replace(/^-/, '')) ?? null;
  const page = useApi(
    'spend.unclassified',
    { ...(org ? { organisationId: org } : {}), ...(sortKey ? { sort: sortKey, dir: descending ? 'desc' : 'asc' } : {}), offset, limit: PAGE },
    { placeholderData: (prev) => prev },
  );
  const orgs = useApi('organisation.list', {});
  const summary = useApi('spend.summary', {});
  const anySpend = (summary.data ?? []).length > 0;
  const go = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const sorting: Sorting = {
    key: sortKey,
    descending,
    // A new order starts again at the first page.
    toggle: (k) => go({ sort: sortKey === k && !descending ? `-${k}` : k, from: null }),
    apply: (rows) => [...rows],
  };
  const data = page.data;
  return (
    <div className="page page--wide">
      <SpendHeader title="Unclassified spend" />
      {page.isPending && <Loading what="unclassified spend" />}
      <ErrorSummary error={page.error} />
      {data && data.totalGroups === 0 && !org && (
        <EmptyState title={anySpend ? 'Every line is classified' : 'No spend imported yet'}>
          {anySpend ? <p>All imported spend is in a theme. See it on the <Link to="/spend">whole-place map</Link>.</p> : <Link to="/spend/import" className="button">Import a spend file</Link>}
        </EmptyState>
      )}
      {data && (data.totalGroups > 0 || org) && (
        <>
          <p className="lead">
            {countOf(data.totalRows, 'line')} totalling <strong>{formatMoney(data.totalPence)}</strong> are in no theme, in {countOf(data.totalGroups, 'group')}. Work down the list, biggest first: a rule for a
            service area or expense type moves all its lines into a theme. <Link to={linesLink({ theme: 'unclassified', org: org || null })}>See the unclassified lines</Link>.
          </p>
          <div className="filters spend-view-controls">
            <SelectField label="Organisation" value={org} onChange={(v) => go({ org: v, from: null })} emptyLabel="All organisations" options={namedOptions(orgs.data)} />
          </div>
          <DataTable
            caption={`Groups ${formatNumber(offset + 1)} to ${formatNumber(offset + data.groups.length)} of ${formatNumber(data.totalGroups)}${sortKey ? '' : ', biggest spend first'}`}
            sorting={sorting}
            scrollRegion="Unclassified spend, scrollable"
            columns={[...sortable(['Organisation', 'organisation'], ['Service area', 'serviceArea'], ['Expense type', 'expenseType'], ['Lines', 'lines', 'num'], ['Total', 'total', 'num']), 'Make a rule']}
          >
            {data.groups.map((g) => (
              <tr key={`${g.organisationId}|${g.serviceArea ?? ''}|${g.expenseType ?? ''}`}>
                <td>{g.organisation}</td>
                <td>{g.serviceArea ?? '—'}</td>
                <td>{g.expenseType ?? '—'}</td>
                <td className="num">{formatNumber(g.rows)}</td>
                <td className="num">{formatMoney(g.totalPence)}</td>
                <td className="spend-nowrap">
                  {g.serviceArea && (
                    <Link to={ruleLink('serviceArea', g.serviceArea, g.organisationId)} aria-label={`Service area rule for ${g.serviceArea} of ${g.organisation}`}>
                      Service area rule
                    </Link>
                  )}
                  {g.serviceArea && g.expenseType && ' · '}
                  {g.expenseType && (
                    <Link to={ruleLink('expenseType', g.expenseType, g.organisationId)} aria-label={`Expense type rule for ${g.expenseType} of ${g.organisation}`}>
                      Expense type rule
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <nav className="spend-pager" aria-label="Pages of groups">
            <button type="button" className="button button--secondary" disabled={offset === 0} onClick={() => go({ from: String(Math.max(0, offset - PAGE)) })}>
              Previous {PAGE}
            </button>
            <span>
              Page {formatNumber(Math.floor(offset / PAGE) + 1)} of {formatNumber(Math.max(1, Math.ceil(data.totalGroups / PAGE)))}
            </span>
            <button type="button" className="button button--secondary" disabled={offset + PAGE >= data.totalGroups} onClick={() => go({ from: String(offset + PAGE) })}>
              Next {PAGE}
            </button>
          </nav>
        </>
      )}
    </div>
  );
}
