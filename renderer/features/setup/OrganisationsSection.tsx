import { useState } from 'react';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type Organisation, type OrganisationType } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { EditOrganisationRow } from './EditOrganisationRow';
import { useDeleteWithUndo } from './useDeleteWithUndo';

export function OrganisationsSection({ organisations }: { organisations: Organisation[] }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<OrganisationType | ''>('');
  const add = useApiMutation('organisation.add');
  const toasts = useToasts();
  const remove = useDeleteWithUndo('organisation.delete', 'organisations');
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <section className="card" aria-labelledby="orgs-heading">
      <h2 id="orgs-heading">Partner organisations</h2>
      {organisations.length === 0 ? (
        <EmptyState title="No partner organisations yet">
          <p>Add every public body taking part: the council, NHS, police, fire, Jobcentre Plus, the voluntary sector.</p>
        </EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Partner organisations</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => editing === o.id ? (
              <EditOrganisationRow key={o.id} org={o} onDone={() => setEditing(null)} />
            ) : (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{ORGANISATION_TYPE_LABELS[o.type]}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small button--secondary" aria-label={`Edit ${o.name}`} onClick={() => setEditing(o.id)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="button button--small button--secondary" aria-label={`Delete ${o.name}`}
                    onClick={() => void remove(o, o.name).then(setDeleteError)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleteError && <p className="field__error" role="alert">{deleteError}</p>}
      <form
        className="inline-form"
        aria-label="Add an organisation"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            { name, type: type as OrganisationType },
            {
              onSuccess: (o) => {
                toasts.show(`Added ${o.name}`);
                setName('');
                setType('');
              },
            },
          );
        }}
      >
        <h3>Add an organisation</h3>
        <ErrorSummary error={add.error} />
        <div className="field-row">
          <TextField label="Organisation name" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
          <SelectField
            label="Type"
            value={type}
            onChange={(v) => setType(v as OrganisationType)}
            emptyLabel="Choose a type"
            options={ORGANISATION_TYPES.map((t) => ({ value: t, label: ORGANISATION_TYPE_LABELS[t] }))}
            error={fieldError(add.error, 'type')}
          />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add organisation
        </button>
      </form>
    </section>
  );
}
