import { Link } from 'react-router';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { SpendHeader } from './SpendHeader';
import { formatPounds } from './format';

const ruleLink = (field: string, pattern: string) => `/spend/rules?${new URLSearchParams({ field, op: 'equals', pattern }).toString()}`;

/** Spend no rule has classified yet, grouped by what a rule could match, biggest first. */
export function UnclassifiedPage() {
  const groups = useApi('spend.unclassified', {});
  const summary = useApi('spend.summary', {});
  const anySpend = (summary.data ?? []).length > 0;
  return (
    <div className="page page--wide">
      <SpendHeader title="Unclassified spend" />
      {groups.isPending && <Loading what="unclassified spend" />}
      <ErrorSummary error={groups.error} />
      {groups.data && groups.data.length === 0 && (
        <EmptyState title={anySpend ? 'Every line is classified' : 'No spend imported yet'}>
          {anySpend ? <p>All imported spend is in a theme. See it on the <Link to="/spend">whole-place map</Link>.</p> : <Link to="/spend/import" className="button">Import a spend file</Link>}
        </EmptyState>
      )}
      {groups.data && groups.data.length > 0 && (
        <>
          <p className="lead">
            Work down this list, biggest spend first: make a rule for a service area or expense type and its lines move into a theme. <Link to="/spend/lines?theme=unclassified">See all unclassified lines</Link>.
          </p>
          <table className="table">
            <caption>Unclassified spend by service area and expense type ({groups.data.length} groups)</caption>
            <thead>
              <tr>
                <th scope="col">Service area</th>
                <th scope="col">Expense type</th>
                <th scope="col" className="num">Lines</th>
                <th scope="col" className="num">Total</th>
                <th scope="col">Make a rule</th>
              </tr>
            </thead>
            <tbody>
              {groups.data.map((g) => (
                <tr key={`${g.serviceArea ?? ''}|${g.expenseType ?? ''}`}>
                  <td>{g.serviceArea ?? '—'}</td>
                  <td>{g.expenseType ?? '—'}</td>
                  <td className="num">{g.rows.toLocaleString('en-GB')}</td>
                  <td className="num">{formatPounds(g.totalPence)}</td>
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
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
