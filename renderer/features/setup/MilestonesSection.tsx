import { useState } from 'react';
import { localToday, milestoneStanding } from '../../../shared/calc/timetable';
import { MilestoneInput, type Milestone } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { TextField } from '../../kit/form/fields';
import { useAddForm } from '../../kit/form/useAddForm';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { useReturnFocus } from '../../kit/focus/useReturnFocus';
import { Section } from '../../kit/page/Section';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';
import { InlineEditRow } from './InlineEditRow';

export function MilestonesSection({ milestones }: { milestones: Milestone[] }) {
  const update = useApiMutation('milestone.update');
  const remove = useDeleteWithUndo('milestone.delete', 'milestones');
  const [editing, setEditing] = useState<string | null>(null);
  const form = useAddForm('milestone.add', {
    initial: { title: '', dueDate: '' },
    schema: MilestoneInput,
    toInput: (v) => ({ ...v, done: false }),
    added: (m) => `Added milestone ${m.title}`,
  });
  const today = localToday();
  // After Save or Cancel, focus returns to the row's Edit button rather than the page.
  const returnFocus = useReturnFocus();
  const stopEditing = (id: string) => {
    setEditing(null);
    returnFocus(`edit-milestone-${id}`);
  };
  return (
    <Section id="milestones-heading" title="Timetable">
      {milestones.length === 0 ? (
        <EmptyState title="No milestones yet">
          <p>Add the dates that matter: board meetings, interim findings, the final report.</p>
        </EmptyState>
      ) : (
        <DataTable caption="Milestones" hideCaption columns={['Done', 'Milestone', 'Due', 'When', { label: 'Actions', hidden: true }]}>
          {milestones.map((m) => {
            const done = (
              <td>
                <input type="checkbox" checked={m.done} aria-label={`${m.title} done`} onChange={(e) => update.mutate({ id: m.id, rev: m.rev, patch: { done: e.target.checked } })} />
              </td>
            );
            if (editing === m.id) {
              return (
                <InlineEditRow
                  key={m.id}
                  method="milestone.update"
                  record={m}
                  name={m.title}
                  lead={done}
                  fields={[
                    { key: 'title', label: 'Title' },
                    { key: 'dueDate', label: 'Due date', type: 'date' },
                  ]}
                  initial={{ title: m.title, dueDate: m.dueDate }}
                  toPatch={(v) => ({ title: v.title, dueDate: v.dueDate })}
                  onDone={() => stopEditing(m.id)}
                />
              );
            }
            const standing = milestoneStanding(m, today);
            return (
              <tr key={m.id} className={m.done ? 'is-done' : standing.overdue ? 'is-overdue' : undefined}>
                {done}
                <td>{m.title}</td>
                <td>{formatDate(m.dueDate)}</td>
                <td>{standing.overdue ? <strong className="overdue-flag overdue-flag--milestone">{standing.text}</strong> : standing.text}</td>
                <td className="table__actions">
                  <button type="button" id={`edit-milestone-${m.id}`} className="button button--small button--secondary" aria-label={`Edit milestone ${m.title}`} onClick={() => setEditing(m.id)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="button button--small button--secondary" aria-label={`Delete milestone ${m.title}`} onClick={() => void remove(m, m.title)}>
                    Delete
                  </button>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <ErrorSummary error={update.error} />
      <AddForm form={form} title="Add a milestone" submitLabel="Add milestone">
        <div className="field-row">
          <TextField label="Milestone" {...form.bind('title')} />
          <TextField label="Due date" type="date" {...form.bind('dueDate')} />
        </div>
      </AddForm>
    </Section>
  );
}
