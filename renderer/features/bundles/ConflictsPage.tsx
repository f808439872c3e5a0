import { useState } from 'react';
import type { ConflictView } from '../../../shared/domain/bundles';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { useToasts } from '../../components/Toasts';
import { BundlesHeader, formatWhen } from './BundlesHeader';

const show = (v: unknown): string => (v === null || v === undefined || v === '' ? '(empty)' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const FIELD_NAMES: Record<string, string> = { deletedAt: 'Deleted' };
const fieldName = (f: string) => FIELD_NAMES[f] ?? f.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

/** Records changed on both sides: both versions kept until someone here decides. */
export function ConflictsPage() {
  const conflicts = useApi('conflict.list', { includeResolved: false });
  return (
    <div className="page">
      <BundlesHeader title="Conflicts" />
      {conflicts.isLoading && <Loading what="conflicts" />}
      <ErrorSummary error={conflicts.error} />
      {conflicts.data?.length === 0 && (
        <EmptyState title="No conflicts to resolve">
          <p>When a partner's bundle changes a record you have also changed, both versions are kept here for you to choose between or merge. Nothing is ever overwritten silently.</p>
        </EmptyState>
      )}
      {conflicts.data?.map((c) => <ConflictCard key={c.id} conflict={c} />)}
    </div>
  );
}

function ConflictCard({ conflict: c }: { conflict: ConflictView }) {
  const resolve = useApiMutation('conflict.resolve');
  const toasts = useToasts();
  const [merged, setMerged] = useState<Record<string, string>>(() => Object.fromEntries(c.fields.map((f) => [f.field, show(f.mine) === '(empty)' ? '' : show(f.mine)])));
  const [editing, setEditing] = useState(false);
  const headingId = `conflict-${c.id}`;
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
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {c.noun}: {c.label}
      </h2>
      <p className="muted">
        Changed here and by {c.sender} (bundle received {formatWhen(c.createdAt)}).
      </p>
      <table className="table">
        <caption className="visually-hidden">Fields that differ between the two versions</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Ours</th>
            <th scope="col">Theirs ({c.sender})</th>
            {editing && <th scope="col">Merged</th>}
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
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
    </section>
  );
}
