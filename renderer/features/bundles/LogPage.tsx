import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { BundlesHeader, formatWhen } from './BundlesHeader';

const countsText = (c: Record<string, number>, direction: 'export' | 'import') =>
  direction === 'export'
    ? `${c.records ?? 0} records, ${c.attachments ?? 0} attachments${c.withheld ? `, ${c.withheld} withheld` : ''}`
    : `${c.added ?? 0} added, ${c.updated ?? 0} updated, ${c.conflicts ?? 0} conflicts, ${c.unchanged ?? 0} unchanged`;

/** Every bundle sent and received: who, when, which key, what. */
export function LogPage() {
  const log = useApi('bundle.log', {});
  return (
    <div className="page">
      <BundlesHeader title="Exchange log" />
      {log.isLoading && <Loading what="the exchange log" />}
      <ErrorSummary error={log.error} />
      {log.data?.length === 0 && (
        <EmptyState title="No bundles sent or received yet">
          <p>Every bundle you send or apply is recorded here, with the partner's fingerprint and any sensitive items you chose to include.</p>
        </EmptyState>
      )}
      {log.data && log.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Bundles sent and received, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Direction</th>
              <th scope="col">Partner</th>
              <th scope="col">What</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {log.data.map((e) => (
              <tr key={e.id}>
                <td>{formatWhen(e.at)}</td>
                <td>{e.direction === 'export' ? 'Sent' : 'Received'}</td>
                <td>
                  {e.counterpart}
                  {e.counterpartFingerprints.map((f) => (
                    <div key={f}>
                      <code className="fingerprint fingerprint--short">{f.slice(0, 16).replace(/(.{4})(?=.)/g, '$1 ')}…</code>
                    </div>
                  ))}
                </td>
                <td>
                  {countsText(e.counts, e.direction)}
                  <br />
                  <small>Scope: {e.scope.join(', ')}</small>
                  {e.decisions.length > 0 && (
                    <ul className="plain-list">
                      {e.decisions.map((d) => (
                        <li key={`${d.table}:${d.id}`}>
                          Included {d.sensitivity === 'personal' ? 'personal data' : 'team-only'} “{d.label}”: {d.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{e.actor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
