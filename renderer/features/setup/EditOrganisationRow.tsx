import { useState } from 'react';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type Organisation, type OrganisationType } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';

/** A table row that turns into a small form, so renaming a partner never loses its links. */
export function EditOrganisationRow({ org, onDone }: { org: Organisation; onDone(): void }) {
  const [name, setName] = useState(org.name);
  const [type, setType] = useState<OrganisationType>(org.type);
  const update = useApiMutation('organisation.update');
  const toasts = useToasts();
  const nameError = fieldError(update.error, 'name') ?? (update.error && !update.error.fields ? update.error.message : undefined);
  const save = () =>
    update.mutate({ id: org.id, rev: org.rev, patch: { name, type } }, {
      onSuccess: (o) => {
        toasts.show(`Saved ${o.name}`);
        onDone();
      },
    });
  return (
    <tr>
      <td>
        <label className="visually-hidden" htmlFor={`org-name-${org.id}`}>Name of {org.name}</label>
        <input id={`org-name-${org.id}`} className="input-inline" value={name} onChange={(e) => setName(e.target.value)}
          aria-invalid={nameError ? true : undefined} aria-describedby={nameError ? `org-err-${org.id}` : undefined}
          onKeyDown={(e) => { if (e.key === 'Enter') save(); if (e.key === 'Escape') onDone(); }} autoFocus />
        {nameError && <p className="field__error" id={`org-err-${org.id}`}>{nameError}</p>}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`org-type-${org.id}`}>Type of {org.name}</label>
        <select id={`org-type-${org.id}`} className="input-inline" value={type} onChange={(e) => setType(e.target.value as OrganisationType)}>
          {ORGANISATION_TYPES.map((t) => <option key={t} value={t}>{ORGANISATION_TYPE_LABELS[t]}</option>)}
        </select>
      </td>
      <td className="table__actions">
        <button type="button" className="button button--small" onClick={save} disabled={update.isPending}>Save</button>{' '}
        <button type="button" className="button button--small button--secondary" onClick={onDone}>Cancel</button>
      </td>
    </tr>
  );
}
