import { Link } from 'react-router';
import type { Input } from '../../../shared/contract';
import { CONFIDENCE_LABELS, CONFIDENCE_LEVELS, HYPOTHESIS_STATUSES, HYPOTHESIS_STATUS_LABELS, type Hypothesis } from '../../../shared/domain/hypotheses';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatDate } from '../../kit/format/date';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import { HypothesesHeader } from './HypothesesTabs';
import { StatusBadge } from './StatusBadge';
import { countOf } from '../../kit/format/number';

export function ListPage() {
  const f = useFilters({ text: '', status: '', themeId: '', ownerId: '' });
  const overview = useApi('pilot.overview', {});
  const list = useApi('hypothesis.list', f.active as Input<'hypothesis.list'>, { placeholderData: (prev) => prev });
  const o = overview.data;
  const themeName = (id: string | null) => o?.themes.find((t) => t.id === id)?.name;
  const ownerName = (id: string | null) => o?.teamMembers.find((m) => m.id === id)?.name;
  const sort = useSort<Hypothesis>({
    statement: (h) => h.statement,
    status: (h) => HYPOTHESIS_STATUSES.indexOf(h.status),
    theme: (h) => themeName(h.themeId),
    owner: (h) => ownerName(h.ownerId),
    due: (h) => h.dueDate,
    confidence: (h) => (h.confidence ? CONFIDENCE_LEVELS.indexOf(h.confidence) : null),
  });
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
          <DataTable caption={`${countOf(rows.length, 'hypothesis', 'hypotheses')}`} sorting={sort}
            columns={sortable(['Hypothesis', 'statement'], ['Status', 'status'], ['Theme', 'theme'], ['Owner', 'owner'], ['Due', 'due'], ['Confidence', 'confidence'])}
          >
            {sort.apply(rows).map((h) => (
              <tr key={h.id}>
                <td><Link to={`/hypotheses/${h.id}`}>{h.statement}</Link></td>
                <td><StatusBadge status={h.status} /></td>
                <td>{themeName(h.themeId) ?? '—'}</td>
                <td>{ownerName(h.ownerId) ?? '—'}</td>
                <td>{formatDate(h.dueDate)}</td>
                <td>{h.confidence ? CONFIDENCE_LABELS[h.confidence] : '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
    </div>
  );
}
