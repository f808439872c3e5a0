import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate } from '../../../shared/calc/timetable';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { HypothesesHeader } from './HypothesesTabs';
import { StatusBadge } from './StatusBadge';

export function ListPage() {
  const [status, setStatus] = useState('');
  const [themeId, setThemeId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [text, setText] = useState('');
  const overview = useApi('pilot.overview', {});
  const filter = {
    ...(status ? { status: status as HypothesisStatus } : {}),
    ...(themeId ? { themeId } : {}),
    ...(ownerId ? { ownerId } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  };
  const list = useApi('hypothesis.list', filter, { placeholderData: (prev) => prev });
  const o = overview.data;
  const filtered = Object.keys(filter).length > 0;
  return (
    <div className="page page--wide">
      <HypothesesHeader />
      <form className="filters" role="search" aria-label="Filter hypotheses" onSubmit={(e) => e.preventDefault()}>
        <TextField label="Contains" type="search" value={text} onChange={setText} />
        <SelectField label="Status" value={status} onChange={setStatus} emptyLabel="Any status" options={HYPOTHESIS_STATUSES.map((s) => ({ value: s, label: HYPOTHESIS_STATUS_LABELS[s] }))} />
        <SelectField label="Theme" value={themeId} onChange={setThemeId} emptyLabel="Any theme" options={(o?.themes ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        <SelectField label="Owner" value={ownerId} onChange={setOwnerId} emptyLabel="Anyone" options={(o?.teamMembers ?? []).map((m) => ({ value: m.id, label: m.name }))} />
      </form>
      {list.isPending && <Loading what="hypotheses" />}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 && (
        <EmptyState title={filtered ? 'No hypotheses match these filters' : 'No hypotheses yet'}>
          {filtered ? <p>Clear a filter to see more.</p> : <Link to="/hypotheses/new" className="button">Write the first hypothesis</Link>}
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <caption>{list.data.length} hypothes{list.data.length === 1 ? 'is' : 'es'}</caption>
          <thead>
            <tr>
              <th scope="col">Hypothesis</th>
              <th scope="col">Status</th>
              <th scope="col">Theme</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Confidence</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((h) => (
              <tr key={h.id}>
                <td><Link to={`/hypotheses/${h.id}`}>{h.statement}</Link></td>
                <td><StatusBadge status={h.status} /></td>
                <td>{o?.themes.find((t) => t.id === h.themeId)?.name ?? '—'}</td>
                <td>{o?.teamMembers.find((m) => m.id === h.ownerId)?.name ?? '—'}</td>
                <td>{formatDate(h.dueDate)}</td>
                <td>{h.confidence ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
