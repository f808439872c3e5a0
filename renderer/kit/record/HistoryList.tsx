import { useApi } from '../../api/hooks';
import { formatDate } from '../format/date';

const OP_LABELS = { create: 'Created', update: 'Edited', delete: 'Moved to recycle bin', restore: 'Restored', merge: 'Merged (two versions reconciled)' } as const;

/** Every revision of a record: who, when, and which fields changed. */
export function HistoryList({ table, id }: { table: string; id: string }) {
  const history = useApi('record.history', { table, id });
  if (!history.data || history.data.length === 0) return null;
  // Revisions in the order they were made here; with a team, teammates' come in as they sync.
  const last = history.data.at(-1);
  return (
    <details className="card">
      <summary>
        <h2 className="inline-heading">Change history ({history.data.length})</h2>
        {last && <span className="muted"> — last changed by {last.actor}, {formatDate(last.at, 'minute')}</span>}
      </summary>
      <ol className="timeline">
        {[...history.data].reverse().map((r) => (
          <li key={r.rev}>
            <strong>{OP_LABELS[r.op]}</strong> by {r.actor}, {formatDate(r.at, 'minute')}
            {r.changed.length > 0 && <span className="muted"> — {r.changed.join(', ')}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}
