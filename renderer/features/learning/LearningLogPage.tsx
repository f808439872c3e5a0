import { useState } from 'react';
import { Link } from 'react-router';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, type LearningEntry, type LearningFilter } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatDate } from '../../kit/format/date';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import { PageHeader } from '../../kit/page/PageHeader';
import { SensitivityBadge } from './Choices';
import { MOMENTUM_TABS } from './LearningTabs';
import { ByBarrierView, OverTimeView } from './LearningViews';
import { countOf } from '../../kit/format/number';

type View = 'list' | 'barrier' | 'time';
const VIEWS: { id: View; label: string }[] = [
  { id: 'list', label: 'List' },
  { id: 'barrier', label: 'By barrier' },
  { id: 'time', label: 'Over time' },
];

export function LearningLogPage() {
  const f = useFilters({ text: '', kind: '', barrierId: '', themeId: '', hypothesisId: '' });
  const [view, setView] = useState<View>('list');
  const overview = useApi('pilot.overview', {});
  const barriers = useApi('barrier.list', {});
  const hypotheses = useApi('hypothesis.list', {});
  const filter = f.active as LearningFilter;
  const list = useApi('learning.list', filter, { placeholderData: (prev) => prev });
  const names = new Map((barriers.data ?? []).map((b) => [b.id, b.name]));
  return (
    <div className="page page--wide">
      <PageHeader title="Learning log" tabs={MOMENTUM_TABS}>
        <Link to="/learning/new" className="button">Record learning</Link>
      </PageHeader>
      <p className="lead">What did not work, what failed, what was difficult, and the lessons. Pilots tend to tell a good story; this is the honest picture.</p>
      <FilteredList
        label="Filter the learning log"
        filters={
          <>
            <TextField label="Contains" type="search" {...f.bind('text')} />
            <SelectField label="Kind" {...f.bind('kind')} emptyLabel="Any kind" options={labelledOptions(LEARNING_KINDS, LEARNING_KIND_LABELS)} />
            <SelectField label="Barrier" {...f.bind('barrierId')} emptyLabel="Any barrier" options={namedOptions(barriers.data)} />
            <SelectField label="Theme" {...f.bind('themeId')} emptyLabel="Any theme" options={namedOptions(overview.data?.themes)} />
            <SelectField label="Hypothesis" {...f.bind('hypothesisId')} emptyLabel="Any hypothesis" options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement.length > 80 ? `${h.statement.slice(0, 79)}…` : h.statement }))} />
          </>
        }
        toolbar={
          <div className="segmented" role="group" aria-label="View">
            {VIEWS.map((v) => (
              <button key={v.id} type="button" className={`button button--small ${view === v.id ? '' : 'button--secondary'}`} aria-pressed={view === v.id} onClick={() => setView(v.id)}>
                {v.label}
              </button>
            ))}
          </div>
        }
        query={list}
        what="the learning log"
        filtered={f.any}
        noMatch="No entries match these filters"
        empty={
          <EmptyState title="Nothing recorded yet">
            <p>Write down what did not go to plan while it is fresh: the report's "what did not work" section is built from this log.</p>
            <Link to="/learning/new" className="button">Record the first entry</Link>
          </EmptyState>
        }
      >
        {(entries) =>
          view === 'list' ? (
            <EntryTable entries={entries} barrierName={(id) => names.get(id) ?? '—'} />
          ) : view === 'barrier' ? (
            <ByBarrierView
              filter={filter}
              entries={entries}
              onPick={(id) => {
                f.set('barrierId')(id);
                setView('list');
              }}
            />
          ) : (
            <OverTimeView filter={filter} />
          )
        }
      </FilteredList>
    </div>
  );
}

function EntryTable({ entries, barrierName }: { entries: LearningEntry[]; barrierName(id: string): string }) {
  const sort = useSort<LearningEntry>({
    when: (e) => e.occurredOn,
    kind: (e) => LEARNING_KIND_LABELS[e.kind],
    title: (e) => e.title,
    barriers: (e) => e.barrierIds.map(barrierName).join('; '),
    sensitivity: (e) => e.sensitivity,
  });
  return (
    <DataTable caption={`${countOf(entries.length, 'entry', 'entries')}`} sorting={sort}
      columns={sortable(['When', 'when'], ['Kind', 'kind'], ['Entry', 'title'], ['Barriers', 'barriers'], ['Sensitivity', 'sensitivity'])}
    >
      {sort.apply(entries).map((e) => (
        <tr key={e.id}>
          <td>{formatDate(e.occurredOn)}</td>
          <td><span className={`badge badge--kind-${e.kind}`}>{LEARNING_KIND_LABELS[e.kind]}</span></td>
          <td><Link to={`/learning/${e.id}`}>{e.title}</Link></td>
          <td>{e.barrierIds.map(barrierName).join('; ') || '—'}</td>
          <td><SensitivityBadge value={e.sensitivity} /></td>
        </tr>
      ))}
    </DataTable>
  );
}
