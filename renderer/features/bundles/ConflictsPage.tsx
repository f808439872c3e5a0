import { useState } from 'react';
import type { ConflictView } from '../../../shared/domain/bundles';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { Section } from '../../kit/page/Section';
import { BundlesHeader } from './BundlesHeader';

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const FIELD_NAMES: Record<string, string> = { deletedAt: 'Deleted' };
const fieldName = (f: string) => FIELD_NAMES[f] ?? f.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** Records changed on both sides: both versions kept until someone here decides. */
export function ConflictsPage() {
  const conflicts = useApi('conflict.list', { includeResolved: false });
  return (
    <div className="page">
      <BundlesHeader title="Conflicts" />
      <ListState
        query={conflicts}
        what="conflicts"
        empty={
          <EmptyState title="No conflicts to resolve">
            <p>When a partner's bundle changes a record you have also changed, both versions are kept here for you to choose between or merge. Nothing is ever overwritten silently.</p>
          </EmptyState>
        }
      >
        {(rows) => rows.map((c) => <ConflictCard key={c.id} conflict={c} />)}
      </ListState>
    </div>
  );
}

function ConflictCard({ conflict: c }: { conflict: ConflictView }) {
  const resolve = useApiMutation('conflict.resolve');
  const toasts = useToasts();
  const [merged, setMerged] = useState<Record<string, string>>(() => Object.fromEntries(c.fields.map((f) => [f.field, show(f.mine) === '(empty)' ? '' : show(f.mine)])));
  const [editing, setEditing] = useState(false);
  const done = (what: string) => () => toasts.show(`${what} for ${c.noun.toLowerCase()} “${c.label}”`);
  const mergedValues = () =>
    Object.fromEntries(
      c.fields.map((f) => {
        const raw = merged[f.field] ?? '';
        const orig = f.mine ?? f.theirs;
        if (raw === '') return [f.field, null];
        return [f.field, typeof orig === 'number' && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw];
      }),
    );
  return (
    <Section id={`conflict-${c.id}`} title={`${c.noun}: ${c.label}`}>
      <p className="muted">
        Changed here and by {c.sender} (bundle received {formatDate(c.createdAt, 'minute')}).
      </p>
      <DataTable caption="Fields that differ between the two versions" hideCaption columns={['Field', 'Ours', `Theirs (${c.sender})`, ...(editing ? ['Merged'] : [])]}>
        {c.fields.map((f) => (
          <tr key={f.field}>
            <th scope="row">{fieldName(f.field)}</th>
            <td>{show(f.mine)}</td>
            <td>{show(f.theirs)}</td>
            {editing && (
              <td>
                <label className="visually-hidden" htmlFor={`${c.id}-${f.field}`}>
                  Merged {fieldName(f.field)}
                </label>
                <input id={`${c.id}-${f.field}`} type="text" value={merged[f.field] ?? ''} onChange={(e) => setMerged({ ...merged, [f.field]: e.target.value })} />
              </td>
            )}
          </tr>
        ))}
      </DataTable>
      <ErrorSummary error={resolve.error} />
      <div className="button-row">
        <button type="button" className="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, choice: 'mine' }, { onSuccess: done('Kept our version') })}>
          Keep ours
        </button>
        <button type="button" className="button" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, choice: 'theirs' }, { onSuccess: done('Took their version') })}>
          Take theirs
        </button>
        {editing ? (
          <button type="button" className="button button--secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: c.id, choice: 'merged', merged: mergedValues() }, { onSuccess: done('Saved the merged version') })}>
            Save merged version
          </button>
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
            Edit a merged version
          </button>
        )}
      </div>
    </Section>
  );
}
