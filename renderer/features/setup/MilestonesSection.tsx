import { useState } from 'react';
import { daysBetween, describeCountdown, formatDate, localToday } from '../../../shared/calc/timetable';
import type { Milestone } from '../../../shared/domain/pilot';
import { useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { useDeleteWithUndo } from './useDeleteWithUndo';

export function MilestonesSection({ milestones }: { milestones: Milestone[] }) {
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const add = useApiMutation('milestone.add');
  const update = useApiMutation('milestone.update');
  const toasts = useToasts();
  const remove = useDeleteWithUndo('milestone.delete', 'milestones');
  const today = localToday();
  return (
    <section className="card" aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">Timetable</h2>
      {milestones.length === 0 ? (
        <EmptyState title="No milestones yet">
          <p>Add the dates that matter: board meetings, interim findings, the final report.</p>
        </EmptyState>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Milestones</caption>
          <thead>
            <tr>
              <th scope="col">Done</th>
              <th scope="col">Milestone</th>
              <th scope="col">Due</th>
              <th scope="col">When</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {milestones.map((m) => (
              <tr key={m.id} className={m.done ? 'is-done' : undefined}>
                <td>
                  <input type="checkbox" checked={m.done} aria-label={`${m.title} done`}
                    onChange={(e) => update.mutate({ id: m.id, rev: m.rev, patch: { done: e.target.checked } })} />
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
          </tbody>
        </table>
      )}
      <ErrorSummary error={update.error} />
      <form
        className="inline-form"
        aria-label="Add a milestone"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate({ title, dueDate, done: false }, {
            onSuccess: (m) => {
              toasts.show(`Added milestone ${m.title}`);
              setTitle('');
              setDueDate('');
            },
          });
        }}
      >
        <h3>Add a milestone</h3>
        <ErrorSummary error={add.error} />
        <div className="field-row">
          <TextField label="Milestone" value={title} onChange={setTitle} error={fieldError(add.error, 'title')} />
          <TextField label="Due date" type="date" value={dueDate} onChange={setDueDate} error={fieldError(add.error, 'dueDate')} />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add milestone
        </button>
      </form>
    </section>
  );
}
