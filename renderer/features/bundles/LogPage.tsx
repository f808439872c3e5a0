import { useApi } from '../../api/hooks';
import { MarkingBadge } from '../evidence/Badges';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { BundlesHeader } from './BundlesHeader';
import { countOf } from '../../kit/format/number';

const countsText = (c: Record<string, number>, direction: 'export' | 'import') =>
  direction === 'export'
    ? `${countOf(c.records ?? 0, 'record')}, ${countOf(c.attachments ?? 0, 'attachment')}${c.withheld ? `, ${c.withheld} withheld` : ''}`
    : `${c.added ?? 0} added, ${c.updated ?? 0} updated, ${countOf(c.conflicts ?? 0, 'conflict')}, ${c.unchanged ?? 0} unchanged`;

/** Every bundle sent and received: who, when, which key, what. */
export function LogPage() {
  const log = useApi('bundle.log', {});
  return (
    <div className="page">
      <BundlesHeader title="Exchange log" />
      <ListState
        query={log}
        what="the exchange log"
        empty={
          <EmptyState title="No bundles sent or received yet">
            <p>Every bundle you send or apply is recorded here, with the partner's fingerprint and any sensitive items you chose to include.</p>
          </EmptyState>
        }
      >
        {(entries) => (
          <DataTable caption="Bundles sent and received, newest first" hideCaption columns={['When', 'Direction', 'Partner', 'What', 'By']}>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.at, 'minute')}</td>
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
                  {e.marking && (
                    <>
                      <br />
                      <MarkingBadge value={e.marking} />
                    </>
                  )}
                  {e.agreements.length > 0 && (
                    <>
                      <br />
                      <small>Data-sharing agreement: {e.agreements.map((g) => `${g.dsaReference ?? 'none'}${g.dpiaReference ? ` (DPIA ${g.dpiaReference})` : ''}`).join(', ')}</small>
                    </>
                  )}
                  {e.redactions.length > 0 && (
                    <>
                      <br />
                      <small>Redacted: {e.redactions.map((r) => `${r.label} ×${r.count}`).join(', ')}</small>
                    </>
                  )}
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
          </DataTable>
        )}
      </ListState>
    </div>
  );
}
