import { useApi } from '../../api/hooks';
import { formatDate } from '../format/date';

const OP_LABELS = { create: 'Created', update: 'Edited', delete: 'Moved to recycle bin', restore: 'Restored', merge: 'Merged from a bundle' } as const;

/** Every revision of a record: who, when, and which fields changed. */
export function HistoryList({ table, id }: { table: string; id: string }) {
  const history = useApi('record.history', { table, id });
  if (!history.data || history.data.length === 0) return null;
  return (
    <details className="card">
      <summary><h2 className="inline-heading">Change history ({history.data.length})</h2></summary>
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
