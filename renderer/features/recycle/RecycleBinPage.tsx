import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatDate } from '../../kit/format/date';
import { TextField } from '../../kit/form/fields';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import type { DeletedItem } from '../../../shared/contract/records';

export function RecycleBinPage() {
  const items = useApi('recycleBin.list', {});
  const restore = useApiMutation('recycleBin.restore');
  const toasts = useToasts();
  const f = useFilters({ text: '' });
  const words = f.active.text?.toLowerCase();
  const shown = items.data?.filter((it) => !words || it.label.toLowerCase().includes(words));
  const sort = useSort<DeletedItem>({ item: (it) => it.label, deleted: (it) => it.deletedAt });
  return (
    <div className="page">
      <h1>Recycle bin</h1>
      <p className="lead">Deleted items stay here, with their history, until you restore them. Nothing is destroyed.</p>
      <FilteredList
        label="Search the recycle bin"
        formClassName=""
        filters={<TextField label="Search deleted items" type="search" {...f.bind('text')} />}
        query={{ data: shown, isPending: items.isPending, error: items.error ?? restore.error }}
        what="deleted items"
        filtered={f.any}
        noMatch="No deleted items match"
        noMatchHint="Try another word."
        empty={<EmptyState title="The recycle bin is empty" />}
      >
        {(rows) => (
          <DataTable caption="Deleted items" hideCaption sorting={sort} columns={[...sortable(['Item', 'item'], ['Deleted', 'deleted']), { label: 'Actions', hidden: true }]}>
            {sort.apply(rows).map((it) => (
              <tr key={`${it.table}:${it.id}`}>
                <td>{it.label}</td>
                <td>{formatDate(it.deletedAt, 'minute')}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small" aria-label={`Restore ${it.label}`} onClick={() => restore.mutate({ table: it.table, id: it.id }, { onSuccess: () => toasts.show(`Restored ${it.label}`) })}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
    </div>
  );
}
