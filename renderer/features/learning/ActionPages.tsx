import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { describeCountdown, daysBetween, formatDate, localToday } from '../../../shared/calc/timetable';
import { ACTION_KIND_LABELS, ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionFilter } from '../../../shared/domain/learning';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { useToasts } from '../../components/Toasts';
import { HistoryList } from '../hypotheses/HistoryList';
import { useDeleteWithUndo } from '../setup/useDeleteWithUndo';
import { ActionForm } from './ActionForm';
import { MomentumTabs } from './LearningTabs';

export function ActionsPage() {
  const [status, setStatus] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [owner, setOwner] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const overview = useApi('pilot.overview', {});
  const filter: ActionFilter = {
    ...(status ? { status: status as ActionFilter['status'] } : {}),
    ...(organisationId ? { organisationId } : {}),
    ...(owner.trim() ? { owner: owner.trim() } : {}),
    ...(overdueOnly ? { overdue: true } : {}),
  };
  const list = useApi('action.list', filter, { placeholderData: (prev) => prev });
  const filtered = Object.keys(filter).length > 0;
  const today = localToday();
  const overdueCount = list.data?.filter((a) => a.overdue).length ?? 0;
  return (
    <div className="page page--wide">
      <div className="page-header">
        <h1>Recommendations and actions</h1>
        <MomentumTabs />
        <Link to="/actions/new" className="button">Add a recommendation or action</Link>
      </div>
      <p className="lead">Who will carry the work on, by when — during the pilot and after it.</p>
      <form className="filters" role="search" aria-label="Filter actions" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Status" value={status} onChange={setStatus} emptyLabel="Any status" options={ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))} />
        <SelectField label="Organisation" value={organisationId} onChange={setOrganisationId} emptyLabel="Any organisation" options={(overview.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        <TextField label="Owner" type="search" value={owner} onChange={setOwner} />
        <div className="field checkbox-single">
          <label><input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> Overdue only</label>
        </div>
      </form>
      {list.isPending && <Loading what="actions" />}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 && (
        <EmptyState title={filtered ? 'Nothing matches these filters' : 'No recommendations or actions yet'}>
          {filtered ? <p>Clear a filter to see more.</p> : (
            <>
              <p>Record each recommendation and the actions that follow from it, with an owning organisation, a person and a date, so the work keeps its momentum after the pilot.</p>
              <Link to="/actions/new" className="button">Add the first one</Link>
            </>
          )}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <caption>
            {list.data.length} item{list.data.length === 1 ? '' : 's'}
            {overdueCount > 0 && `, ${overdueCount} overdue`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">What</th>
              <th scope="col">Kind</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((a) => (
              <tr key={a.id} className={a.overdue ? 'is-overdue' : a.status === 'done' || a.status === 'dropped' ? 'is-done' : undefined}>
                <td>
                  {formatDate(a.dueDate)}
                  {a.overdue && <><br /><strong className="overdue-flag">Overdue, due {describeCountdown(daysBetween(today, a.dueDate!))}</strong></>}
                </td>
                <td>
                  <Link to={`/actions/${a.id}`}>{a.title}</Link>
                  {a.beyondPilot && <> <span className="badge">Beyond the pilot</span></>}
                </td>
                <td>{ACTION_KIND_LABELS[a.kind]}</td>
                <td>{[a.owner, a.organisationName].filter(Boolean).join(', ') || '—'}</td>
                <td>{ACTION_STATUS_LABELS[a.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function NewActionPage() {
  const add = useApiMutation('action.add');
  const navigate = useNavigate();
  const toasts = useToasts();
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/actions">Recommendations and actions</Link></p>
      <h1>Add a recommendation or action</h1>
      <ActionForm
        initial={null}
        error={add.error}
        pending={add.isPending}
        submitLabel="Save"
        onSubmit={(input) => add.mutate(input, { onSuccess: (a) => { toasts.show(`Added "${a.title}"`); void navigate('/actions'); } })}
      />
    </div>
  );
}

export function ActionPage() {
  const { id = '' } = useParams();
  const action = useApi('action.get', { id });
  const update = useApiMutation('action.update');
  const remove = useDeleteWithUndo('action.delete', 'actions');
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const navigate = useNavigate();
  const toasts = useToasts();
  if (action.isPending) return <Loading what="the action" />;
  if (action.error) return <div className="page"><ErrorSummary error={action.error} /><Link to="/actions">Back to actions</Link></div>;
  const a = action.data;
  return (
    <div className="page">
      <p className="breadcrumb"><Link to="/actions">Recommendations and actions</Link></p>
      <h1>{a.title}</h1>
      {a.overdue && <p className="overdue-flag" role="note">Overdue: it was due {formatDate(a.dueDate)}.</p>}
      <ActionForm
        key={a.rev}
        initial={a}
        error={update.error}
        pending={update.isPending}
        submitLabel="Save changes"
        onSubmit={(input) => update.mutate({ id: a.id, rev: a.rev, patch: input }, { onSuccess: () => toasts.show('Changes saved') })}
      />
      <div className="button-row">
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>Delete</button>
      </div>
      {deleteError && <p className="field__error" role="alert">{deleteError}</p>}
      <HistoryList table="actions" id={a.id} />
      <ConfirmDialog
        open={confirming}
        title="Delete this item?"
        confirmLabel="Delete"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void remove(a, a.title).then((err) => (err ? setDeleteError(err) : void navigate('/actions')));
        }}
      >
        <p>It moves to the recycle bin, where it can be restored.</p>
      </ConfirmDialog>
    </div>
  );
}
