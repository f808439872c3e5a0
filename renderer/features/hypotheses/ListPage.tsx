import { Link } from 'react-router';
import type { Input } from '../../../shared/contract';
import { HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { HypothesesHeader } from './HypothesesTabs';
import { StatusBadge } from './StatusBadge';

export function ListPage() {
  const f = useFilters({ text: '', status: '', themeId: '', ownerId: '' });
  const overview = useApi('pilot.overview', {});
  const list = useApi('hypothesis.list', f.active as Input<'hypothesis.list'>, { placeholderData: (prev) => prev });
  const o = overview.data;
  return (
    <div className="page page--wide">
      <HypothesesHeader />
      <FilteredList
        label="Filter hypotheses"
        filters={
          <>
            <TextField label="Contains" type="search" {...f.bind('text')} />
            <SelectField label="Status" {...f.bind('status')} emptyLabel="Any status" options={labelledOptions(HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS)} />
            <SelectField label="Theme" {...f.bind('themeId')} emptyLabel="Any theme" options={namedOptions(o?.themes)} />
            <SelectField label="Owner" {...f.bind('ownerId')} emptyLabel="Anyone" options={namedOptions(o?.teamMembers)} />
          </>
        }
        query={list}
        what="hypotheses"
        filtered={f.any}
        noMatch="No hypotheses match these filters"
        empty={
          <EmptyState title="No hypotheses yet">
            <Link to="/hypotheses/new" className="button">Write the first hypothesis</Link>
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable caption={`${rows.length} hypothes${rows.length === 1 ? 'is' : 'es'}`} columns={['Hypothesis', 'Status', 'Theme', 'Owner', 'Due', 'Confidence']}>
            {rows.map((h) => (
              <tr key={h.id}>
                <td><Link to={`/hypotheses/${h.id}`}>{h.statement}</Link></td>
                <td><StatusBadge status={h.status} /></td>
                <td>{o?.themes.find((t) => t.id === h.themeId)?.name ?? '—'}</td>
                <td>{o?.teamMembers.find((m) => m.id === h.ownerId)?.name ?? '—'}</td>
                <td>{formatDate(h.dueDate)}</td>
                <td>{h.confidence ?? '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
    </div>
  );
}
