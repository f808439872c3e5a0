import { useState } from 'react';
import { MAX_FTE, TeamMemberInput, type Organisation, type TeamMember } from '../../../shared/domain/pilot';
import { EmptyState } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { SelectField, TextField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { useAddForm } from '../../kit/form/useAddForm';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { useReturnFocus } from '../../kit/focus/useReturnFocus';
import { Section } from '../../kit/page/Section';
import { InlineEditRow } from './InlineEditRow';
import { useSafeDelete } from './useSafeDelete';

const FULL_TIME = MAX_FTE.toFixed(1);

export function TeamSection({ members, organisations }: { members: TeamMember[]; organisations: Organisation[] }) {
  const remove = useSafeDelete('teamMember.delete', 'teamMembers', 'team member');
  const [editing, setEditing] = useState<string | null>(null);
  const returnFocus = useReturnFocus();
  const stopEditing = (id: string) => {
    setEditing(null);
    returnFocus(`edit-member-${id}`);
  };
  const form = useAddForm('teamMember.add', {
    initial: { name: '', organisationId: '', role: '', fte: String(MAX_FTE) },
    schema: TeamMemberInput,
    // A blank FTE is sent as not-a-number so the schema says it is missing, rather than reading 0.
    toInput: (v) => ({ name: v.name, organisationId: v.organisationId || null, role: v.role || null, fte: v.fte === '' ? Number.NaN : Number(v.fte) }),
    added: (m) => `Added ${m.name} to the team`,
    keep: ['organisationId'],
  });
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '—';
  const totalFte = members.reduce((s, m) => s + m.fte, 0);
  // Its own URL parameter: the organisations table on the same page sorts too.
  const sort = useSort<TeamMember>({ name: (m) => m.name, organisation: (m) => orgName(m.organisationId), role: (m) => m.role, fte: (m) => m.fte }, { param: 'teamSort' });

  return (
    <Section id="team-heading" title="Team">
      {members.length === 0 ? (
        <EmptyState level={3} title="No team members yet">
          <p>Record who is seconded, from which organisation, and for how much of their time.</p>
        </EmptyState>
      ) : (
        <DataTable
          caption="Team members"
          hideCaption
          sorting={sort}
          columns={[...sortable(['Name', 'name'], ['Home organisation', 'organisation'], ['Role', 'role'], ['Seconded FTE', 'fte', 'num']), { label: 'Actions', hidden: true }]}
          foot={
            <tr>
              <th scope="row" colSpan={3}>Total seconded</th>
              <td className="num">{totalFte.toFixed(1)}</td>
              <td />
            </tr>
          }
        >
          {sort.apply(members).map((m) =>
            editing === m.id ? (
              <InlineEditRow
                key={m.id}
                method="teamMember.update"
                record={m}
                name={m.name}
                fields={[
                  { key: 'name', label: 'Name' },
                  { key: 'organisationId', label: 'Home organisation', options: [{ value: '', label: 'Not recorded' }, ...namedOptions(organisations)] },
                  { key: 'role', label: 'Role' },
                  { key: 'fte', label: 'Seconded FTE', type: 'number', step: '0.1', min: '0', max: String(MAX_FTE) },
                ]}
                initial={{ name: m.name, organisationId: m.organisationId ?? '', role: m.role ?? '', fte: String(m.fte) }}
                toPatch={(v) => ({ name: v.name, organisationId: v.organisationId || null, role: v.role || null, fte: v.fte === '' ? Number.NaN : Number(v.fte) })}
                onDone={() => stopEditing(m.id)}
              />
            ) : (
              <tr key={m.id}>
                <td>{m.name}</td>
                <td>{orgName(m.organisationId)}</td>
                <td>{m.role ?? '—'}</td>
                <td className="num">{m.fte.toFixed(1)}</td>
                <td className="table__actions">
                  <button type="button" id={`edit-member-${m.id}`} className="button button--small button--secondary" aria-label={`Edit ${m.name}`} onClick={() => setEditing(m.id)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="button button--small button--secondary" aria-label={`Delete ${m.name}`} onClick={() => remove.request(m, m.name)}>
                    Delete
                  </button>
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      {remove.error && <p className="field__error" role="alert">{remove.error}</p>}
      {remove.dialog}
      <AddForm form={form} title="Add a team member" submitLabel="Add team member">
        <div className="field-row">
          <TextField label="Name" {...form.bind('name')} />
          <SelectField label="Home organisation" {...form.bind('organisationId')} emptyLabel="Not recorded" options={namedOptions(organisations)} />
          <TextField label="Role" {...form.bind('role')} />
          <TextField label="Seconded FTE" hint={`0 to ${FULL_TIME}`} type="number" step="0.1" min="0" max={String(MAX_FTE)} {...form.bind('fte')} />
        </div>
      </AddForm>
    </Section>
  );
}
