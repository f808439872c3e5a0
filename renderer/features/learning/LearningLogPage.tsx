import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/calc/timetable';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, type LearningFilter } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { SensitivityBadge } from './Choices';
import { MomentumTabs } from './LearningTabs';
import { ByBarrierView, OverTimeView } from './LearningViews';

type View = 'list' | 'barrier' | 'time';
const VIEWS: { id: View; label: string }[] = [
  { id: 'list', label: 'List' },
  { id: 'barrier', label: 'By barrier' },
  { id: 'time', label: 'Over time' },
];

export function LearningLogPage() {
  const [kind, setKind] = useState('');
  const [barrierId, setBarrierId] = useState('');
  const [themeId, setThemeId] = useState('');
  const [hypothesisId, setHypothesisId] = useState('');
  const [text, setText] = useState('');
  const [view, setView] = useState<View>('list');
  const overview = useApi('pilot.overview', {});
  const barriers = useApi('barrier.list', {});
  const hypotheses = useApi('hypothesis.list', {});
  const filter: LearningFilter = {
    ...(kind ? { kind: kind as LearningFilter['kind'] } : {}),
    ...(barrierId ? { barrierId } : {}),
    ...(themeId ? { themeId } : {}),
    ...(hypothesisId ? { hypothesisId } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  };
  const list = useApi('learning.list', filter, { placeholderData: (prev) => prev });
  const filtered = Object.keys(filter).length > 0;
  const names = new Map((barriers.data ?? []).map((b) => [b.id, b.name]));
  return (
    <div className="page page--wide">
      <div className="page-header">
        <h1>Learning log</h1>
        <MomentumTabs />
        <Link to="/learning/new" className="button">Record learning</Link>
      </div>
      <p className="lead">What did not work, what failed, what was difficult, and the lessons. Pilots tend to tell a good story; this is the honest picture.</p>
      <form className="filters" role="search" aria-label="Filter the learning log" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Contains" type="search" value={text} onChange={setText} />
        <SelectField label="Kind" value={kind} onChange={setKind} emptyLabel="Any kind" options={LEARNING_KINDS.map((k) => ({ value: k, label: LEARNING_KIND_LABELS[k] }))} />
        <SelectField label="Barrier" value={barrierId} onChange={setBarrierId} emptyLabel="Any barrier" options={(barriers.data ?? []).map((b) => ({ value: b.id, label: b.name }))} />
        <SelectField label="Theme" value={themeId} onChange={setThemeId} emptyLabel="Any theme" options={(overview.data?.themes ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        <SelectField label="Hypothesis" value={hypothesisId} onChange={setHypothesisId} emptyLabel="Any hypothesis" options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement.length > 80 ? `${h.statement.slice(0, 79)}…` : h.statement }))} />
      </form>
      <div className="segmented" role="group" aria-label="View">
        {VIEWS.map((v) => (
          <button key={v.id} type="button" className={`button button--small ${view === v.id ? '' : 'button--secondary'}`} aria-pressed={view === v.id} onClick={() => setView(v.id)}>
            {v.label}
          </button>
        ))}
      </div>
      {list.isPending && <Loading what="the learning log" />}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 && (
        <EmptyState title={filtered ? 'No entries match these filters' : 'Nothing recorded yet'}>
          {filtered ? (
            <p>Clear a filter to see more.</p>
          ) : (
            <>
              <p>Write down what did not go to plan while it is fresh: the report's "what did not work" section is built from this log.</p>
              <Link to="/learning/new" className="button">Record the first entry</Link>
            </>
          )}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && view === 'list' && (
        <table className="table">
          <caption>{list.data.length} entr{list.data.length === 1 ? 'y' : 'ies'}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Kind</th>
              <th scope="col">Entry</th>
              <th scope="col">Barriers</th>
              <th scope="col">Sensitivity</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((e) => (
              <tr key={e.id}>
                <td>{formatDate(e.occurredOn)}</td>
                <td><span className={`badge badge--kind-${e.kind}`}>{LEARNING_KIND_LABELS[e.kind]}</span></td>
                <td><Link to={`/learning/${e.id}`}>{e.title}</Link></td>
                <td>{e.barrierIds.map((id) => names.get(id) ?? '—').join('; ') || '—'}</td>
                <td><SensitivityBadge value={e.sensitivity} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && list.data.length > 0 && view === 'barrier' && <ByBarrierView filter={filter} entries={list.data} onPick={(id) => { setBarrierId(id); setView('list'); }} />}
      {list.data && list.data.length > 0 && view === 'time' && <OverTimeView filter={filter} />}
    </div>
  );
}
