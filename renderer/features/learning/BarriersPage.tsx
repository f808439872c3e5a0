import { useState } from 'react';
import type { Barrier } from '../../../shared/domain/learning';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading, fieldError } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { MomentumTabs } from './LearningTabs';

function BarrierRow({ barrier, count }: { barrier: Barrier; count: number }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(barrier.name);
  const update = useApiMutation('barrier.update');
  const remove = useDeleteWithUndo('barrier.delete', 'barriers');
  const [error, setError] = useState<string | null>(null);
  return (
    <tr>
      <td>
        {editing ? (
          <form
            className="inline-edit"
            aria-label={`Rename ${barrier.name}`}
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ id: barrier.id, rev: barrier.rev, patch: { name } }, { onSuccess: () => setEditing(false) });
            }}
          >
            <TextField label="New name" value={name} onChange={setName} error={fieldError(update.error, 'name') ?? update.error?.message} autoFocus />
            <div className="button-row">
              <button type="submit" className="button button--small">Save</button>
              <button type="button" className="button button--small button--secondary" onClick={() => { setEditing(false); setName(barrier.name); }}>Cancel</button>
            </div>
          </form>
        ) : (
          barrier.name
        )}
        {error && <p className="field__error" role="alert">{error}</p>}
      </td>
      <td className="num">{count}</td>
      <td className="table__actions">
        {!editing && (
          <div className="button-row">
            <button type="button" className="button button--small button--secondary" aria-label={`Rename ${barrier.name}`} onClick={() => setEditing(true)}>Rename</button>
            <button type="button" className="button button--small button--secondary" aria-label={`Delete ${barrier.name}`} onClick={() => void remove(barrier, barrier.name).then(setError)}>Delete</button>
          </div>
        )}
      </td>
    </tr>
  );
}

export function BarriersPage() {
  const barriers = useApi('barrier.list', {});
  const counts = useApi('learning.byBarrier', {});
  const add = useApiMutation('barrier.add');
  const toasts = useToasts();
  const [name, setName] = useState('');
  return (
    <div className="page">
      <div className="page-header">
        <h1>Barriers</h1>
        <MomentumTabs />
      </div>
      <p className="lead">The barriers the learning log is tagged with. The list starts with the ones Total Place pilots met; rename, add or remove them to fit your place.</p>
      {barriers.isPending && <Loading what="barriers" />}
      <ErrorSummary error={barriers.error} />
      {barriers.data && barriers.data.length === 0 && (
        <EmptyState title="No barriers"><p>Add the barriers your team wants to tag learning with.</p></EmptyState>
      )}
      {barriers.data && barriers.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Barriers and how many entries cite them</caption>
          <thead>
            <tr>
              <th scope="col">Barrier</th>
              <th scope="col" className="num">Entries</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {barriers.data.map((b) => (
              <BarrierRow key={`${b.id}-${b.rev}`} barrier={b} count={counts.data?.find((c) => c.barrierId === b.id)?.count ?? 0} />
            ))}
          </tbody>
        </table>
      )}
      <form
        className="card"
        aria-label="Add a barrier"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ name }, { onSuccess: (b) => { toasts.show(`Added barrier ${b.name}`); setName(''); } });
        }}
      >
        <h2>Add a barrier</h2>
        <ErrorSummary error={add.error} />
        <TextField label="Barrier name" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
        <button type="submit" className="button" disabled={add.isPending}>Add barrier</button>
      </form>
    </div>
  );
}
