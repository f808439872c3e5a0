import { useState } from 'react';
import { BarrierInput, type Barrier } from '../../../shared/domain/learning';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, fieldError } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { TextField } from '../../kit/form/fields';
import { useAddForm } from '../../kit/form/useAddForm';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { ListState } from '../../kit/list/ListState';
import { PageHeader } from '../../kit/page/PageHeader';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';
import { MOMENTUM_TABS } from './LearningTabs';

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

function AddBarrier() {
  const form = useAddForm('barrier.add', { initial: { name: '' }, schema: BarrierInput, toInput: (v) => v, added: (b) => `Added barrier ${b.name}` });
  return (
    <AddForm form={form} title="Add a barrier" submitLabel="Add barrier" className="card" level={2}>
      <TextField label="Barrier name" {...form.bind('name')} />
    </AddForm>
  );
}

export function BarriersPage() {
  const barriers = useApi('barrier.list', {});
  const counts = useApi('learning.byBarrier', {});
  const countOfBarrier = (id: string) => counts.data?.find((c) => c.barrierId === id)?.count ?? 0;
  const sort = useSort<Barrier>({ name: (b) => b.name, entries: (b) => countOfBarrier(b.id) });
  return (
    <div className="page">
      <PageHeader title="Barriers" tabs={MOMENTUM_TABS} />
      <p className="lead">The barriers the learning log is tagged with. The list starts with the ones Total Place pilots met; rename, add or remove them to fit your place.</p>
      <ListState query={barriers} what="barriers" empty={<EmptyState title="No barriers"><p>Add the barriers your team wants to tag learning with.</p></EmptyState>}>
        {(rows) => (
          <DataTable caption="Barriers and how many entries cite them" hideCaption sorting={sort} columns={[...sortable(['Barrier', 'name'], ['Entries', 'entries', 'num']), { label: 'Actions', hidden: true }]}>
            {sort.apply(rows).map((b) => (
              <BarrierRow key={`${b.id}-${b.rev}`} barrier={b} count={countOfBarrier(b.id)} />
            ))}
          </DataTable>
        )}
      </ListState>
      <AddBarrier />
    </div>
  );
}
