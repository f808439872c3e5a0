import { useState } from 'react';
import type { Organisation, TeamMember } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { useDeleteWithUndo } from './useDeleteWithUndo';

export function TeamSection({ members, organisations }: { members: TeamMember[]; organisations: Organisation[] }) {
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState('');
  const [fte, setFte] = useState('1');
  const add = useApiMutation('teamMember.add');
  const toasts = useToasts();
  const remove = useDeleteWithUndo('teamMember.delete', 'teamMembers');
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '—';
  const totalFte = members.reduce((s, m) => s + m.fte, 0);

  return (
    <section className="card" aria-labelledby="team-heading">
      <h2 id="team-heading">Team</h2>
      {members.length === 0 ? (
        <EmptyState title="No team members yet">
          <p>Record who is seconded, from which organisation, and for how much of their time.</p>
        </EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Team members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Home organisation</th>
              <th scope="col">Role</th>
              <th scope="col" className="num">Seconded FTE</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{orgName(m.organisationId)}</td>
                <td>{m.role ?? '—'}</td>
                <td className="num">{m.fte.toFixed(1)}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small button--secondary" aria-label={`Delete ${m.name}`} onClick={() => void remove(m, m.name)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>Total seconded</th>
              <td className="num">{totalFte.toFixed(1)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      <form
        className="inline-form"
        aria-label="Add a team member"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            { name, organisationId: organisationId || null, role: role || null, fte: fte === '' ? Number.NaN : Number(fte) },
            {
              onSuccess: (m) => {
                toasts.show(`Added ${m.name} to the team`);
                setName('');
                setRole('');
                setFte('1');
              },
            },
          );
        }}
      >
        <h3>Add a team member</h3>
        <ErrorSummary error={add.error} />
        <div className="field-row">
          <TextField label="Name" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
          <SelectField label="Home organisation" value={organisationId} onChange={setOrganisationId} emptyLabel="Not recorded"
            options={organisations.map((o) => ({ value: o.id, label: o.name }))} />
          <TextField label="Role" value={role} onChange={setRole} />
          <TextField label="Seconded FTE" hint="0 to 1.0" type="number" step="0.1" min="0" max="1" value={fte} onChange={setFte} error={fieldError(add.error, 'fte')} />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add team member
        </button>
      </form>
    </section>
  );
}
