import { daysBetween, describeCountdown, localToday } from '../../../shared/calc/timetable';
import { MilestoneInput, type Milestone } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { TextField } from '../../kit/form/fields';
import { useAddForm } from '../../kit/form/useAddForm';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { useDeleteWithUndo } from '../../kit/record/useDeleteWithUndo';

export function MilestonesSection({ milestones }: { milestones: Milestone[] }) {
  const update = useApiMutation('milestone.update');
  const remove = useDeleteWithUndo('milestone.delete', 'milestones');
  const form = useAddForm('milestone.add', {
    initial: { title: '', dueDate: '' },
    schema: MilestoneInput,
    toInput: (v) => ({ ...v, done: false }),
    added: (m) => `Added milestone ${m.title}`,
  });
  const today = localToday();
  return (
    <Section id="milestones-heading" title="Timetable">
      {milestones.length === 0 ? (
        <EmptyState title="No milestones yet">
          <p>Add the dates that matter: board meetings, interim findings, the final report.</p>
        </EmptyState>
      ) : (
        <DataTable caption="Milestones" hideCaption columns={['Done', 'Milestone', 'Due', 'When', { label: 'Actions', hidden: true }]}>
          {milestones.map((m) => (
            <tr key={m.id} className={m.done ? 'is-done' : undefined}>
              <td>
                <input type="checkbox" checked={m.done} aria-label={`${m.title} done`} onChange={(e) => update.mutate({ id: m.id, rev: m.rev, patch: { done: e.target.checked } })} />
              </td>
              <td>{m.title}</td>
              <td>{formatDate(m.dueDate)}</td>
              <td>{m.done ? 'Done' : describeCountdown(daysBetween(today, m.dueDate))}</td>
              <td className="table__actions">
                <button type="button" className="button button--small button--secondary" aria-label={`Delete milestone ${m.title}`} onClick={() => void remove(m, m.title)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
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
