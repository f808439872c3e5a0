import { Link } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatMoney } from '../../kit/format/money';
import { formatNumber } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { SpendHeader } from './SpendHeader';

const ruleLink = (field: string, pattern: string) => `/spend/rules?${new URLSearchParams({ field, op: 'equals', pattern }).toString()}`;

/** Spend no rule has classified yet, grouped by what a rule could match, biggest first. */
export function UnclassifiedPage() {
  const groups = useApi('spend.unclassified', {});
  const summary = useApi('spend.summary', {});
  const anySpend = (summary.data ?? []).length > 0;
  return (
    <div className="page page--wide">
      <SpendHeader title="Unclassified spend" />
      <ListState
        query={groups}
        what="unclassified spend"
        empty={
          <EmptyState title={anySpend ? 'Every line is classified' : 'No spend imported yet'}>
            {anySpend ? <p>All imported spend is in a theme. See it on the <Link to="/spend">whole-place map</Link>.</p> : <Link to="/spend/import" className="button">Import a spend file</Link>}
          </EmptyState>
        }
      >
        {(rows) => (
          <>
            <p className="lead">
              Work down this list, biggest spend first: make a rule for a service area or expense type and its lines move into a theme. <Link to="/spend/lines?theme=unclassified">See all unclassified lines</Link>.
            </p>
            <DataTable caption={`Unclassified spend by service area and expense type (${rows.length} groups)`} columns={['Service area', 'Expense type', ...numeric('Lines', 'Total'), 'Make a rule']}>
              {rows.map((g) => (
                <tr key={`${g.serviceArea ?? ''}|${g.expenseType ?? ''}`}>
                  <td>{g.serviceArea ?? '—'}</td>
                  <td>{g.expenseType ?? '—'}</td>
                  <td className="num">{formatNumber(g.rows)}</td>
                  <td className="num">{formatMoney(g.totalPence)}</td>
                  <td className="spend-nowrap">
                    {g.serviceArea && (
                      <Link to={ruleLink('serviceArea', g.serviceArea)} aria-label={`Make a rule for service area ${g.serviceArea}`}>
                        Service area rule
                      </Link>
                    )}
                    {g.serviceArea && g.expenseType && ' · '}
                    {g.expenseType && (
                      <Link to={ruleLink('expenseType', g.expenseType)} aria-label={`Make a rule for expense type ${g.expenseType}`}>
                        Expense type rule
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </>
        )}
      </ListState>
    </div>
  );
}
