import { Link, useSearchParams } from 'react-router';
import { describeCountdown, daysBetween, localToday } from '../../../shared/calc/timetable';
import { ACTION_KIND_LABELS, ACTION_STATUSES, ACTION_STATUS_LABELS, type ActionFilter, type ActionView } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatDate } from '../../kit/format/date';
import { countOf } from '../../kit/format/number';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import { PageHeader } from '../../kit/page/PageHeader';
import { Section } from '../../kit/page/Section';
import { RecordPage } from '../../kit/record/RecordPage';
import { useRecordAdd } from '../../kit/record/useRecordAdd';
import { withRecord } from '../../kit/record/withRecord';
import { ActionForm } from './ActionForm';
import { MOMENTUM_TABS } from './LearningTabs';

const HOME = { to: '/actions', label: 'Recommendations and actions' };

export function ActionsPage() {
  const f = useFilters({ status: '', organisationId: '', owner: '', overdue: false });
  const overview = useApi('pilot.overview', {});
  const list = useApi('action.list', f.active as ActionFilter, { placeholderData: (prev) => prev });
  const today = localToday();
  return (
    <div className="page page--wide">
      <PageHeader title="Recommendations and actions" tabs={MOMENTUM_TABS}>
        <Link to="/actions/new" className="button">Add a recommendation or action</Link>
      </PageHeader>
      <p className="lead">Who will carry the work on, by when — during the pilot and after it.</p>
      <FilteredList
        label="Filter actions"
        filters={
          <>
            <SelectField label="Status" {...f.bind('status')} emptyLabel="Any status" options={labelledOptions(ACTION_STATUSES, ACTION_STATUS_LABELS)} />
            <SelectField label="Organisation" {...f.bind('organisationId')} emptyLabel="Any organisation" options={namedOptions(overview.data?.organisations)} />
            <TextField label="Owner" type="search" {...f.bind('owner')} />
            <CheckboxField label="Overdue only" checked={f.values.overdue} onChange={f.set('overdue')} />
          </>
        }
        query={list}
        what="actions"
        filtered={f.any}
        noMatch="Nothing matches these filters"
        empty={
          <EmptyState title="No recommendations or actions yet">
            <p>Record each recommendation and the actions that follow from it, with an owning organisation, a person and a date, so the work keeps its momentum after the pilot.</p>
            <Link to="/actions/new" className="button">Add the first one</Link>
          </EmptyState>
        }
      >
        {(rows) => <ActionTable rows={rows} today={today} />}
      </FilteredList>
    </div>
  );
}

function ActionTable({ rows, today }: { rows: ActionView[]; today: string }) {
  const overdue = rows.filter((a) => a.overdue).length;
  const sort = useSort<ActionView>({
    due: (a) => a.dueDate,
    title: (a) => a.title,
    kind: (a) => ACTION_KIND_LABELS[a.kind],
    owner: (a) => [a.owner, a.organisationName].filter(Boolean).join(', '),
    status: (a) => ACTION_STATUSES.indexOf(a.status),
  });
  return (
    <DataTable caption={`${countOf(rows.length, 'item')}${overdue > 0 ? `, ${overdue} overdue` : ''}`} sorting={sort}
      columns={sortable(['Due', 'due'], ['What', 'title'], ['Kind', 'kind'], ['Owner', 'owner'], ['Status', 'status'])}
    >
      {sort.apply(rows).map((a) => (
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
    </DataTable>
  );
}

export function NewActionPage() {
  const add = useRecordAdd('action.add', { message: (a) => `Added "${a.title}"`, next: () => '/actions' });
  // "Add an action for this recommendation" arrives with the recommendation chosen.
  const [params] = useSearchParams();
  const recommendationId = params.get('recommendation');
  return (
    <div className="page">
      <p className="breadcrumb"><Link to={HOME.to}>{HOME.label}</Link></p>
      <h1>Add a recommendation or action</h1>
      <ActionForm key={add.formKey} initial={null} preset={recommendationId ? { kind: 'action', recommendationId } : undefined} submitLabel="Save" {...add} />
    </div>
  );
}

/** A recommendation's page lists the actions that carry it out, with a way to add the next one. */
function FollowingActions({ recommendation }: { recommendation: ActionView }) {
  const list = useApi('action.list', { recommendationId: recommendation.id });
  const rows = list.data ?? [];
  return (
    <Section id="following-heading" title="Actions that carry it out">
      {rows.length === 0 ? (
        <p className="muted">No actions follow from this recommendation yet.</p>
      ) : (
        <ul className="plain-list">
          {rows.map((a) => (
            <li key={a.id}>
              <Link to={`/actions/${a.id}`}>{a.title}</Link> — {ACTION_STATUS_LABELS[a.status]}
              {a.dueDate && <>, due {formatDate(a.dueDate)}</>}
              {a.overdue && <> <strong className="overdue-flag">Overdue</strong></>}
            </li>
          ))}
        </ul>
      )}
      <Link to={`/actions/new?recommendation=${recommendation.id}`} className="button button--secondary">Add an action for this recommendation</Link>
    </Section>
  );
}

/** An action is edited in place: its form is its page. */
function ActionRecord({ record: a }: { record: ActionView }) {
  const following = useApi('action.list', { recommendationId: a.id }, { enabled: a.kind === 'recommendation' });
  const count = following.data?.length ?? 0;
  return (
    <RecordPage
      record={a}
      title={a.title}
      home={HOME}
      table="actions"
      methods={{ update: 'action.update', delete: 'action.delete' }}
      confirm={{
        title: count > 0 ? `Delete this recommendation? ${countOf(count, 'action')} follow${count === 1 ? 's' : ''} from it` : 'Delete this item?',
        confirmLabel: 'Delete',
        body: (
          <p>
            It moves to the recycle bin, where it can be restored.
            {count > 0 && ` Until then, ${count === 1 ? 'its action shows' : `its ${count} actions show`} no recommendation.`}
          </p>
        ),
      }}
      status={
        <>
          {a.overdue && <p className="overdue-flag" role="note">Overdue: it was due {formatDate(a.dueDate)}.</p>}
          {a.recommendationId && (
            <p className="muted">
              Follows from the recommendation{' '}
              {a.recommendationTitle ? <Link to={`/actions/${a.recommendationId}`}>{a.recommendationTitle}</Link> : '(no longer here: it may be in the recycle bin)'}
            </p>
          )}
        </>
      }
      // After a refused stale save, what the person typed is laid over the reloaded item.
      editor={(form, kept) => <ActionForm key={`${a.rev}${kept ? ':kept' : ''}`} initial={kept ? ({ ...a, ...kept } as ActionView) : a} {...form} />}
    >
      {a.kind === 'recommendation' && <FollowingActions recommendation={a} />}
    </RecordPage>
  );
}

export const ActionPage = withRecord('action.get', 'the action', { to: '/actions', label: 'Back to actions' }, ActionRecord);
