import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatDate } from '../../kit/format/date';
import { DataTable } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';

export function RecycleBinPage() {
  const items = useApi('recycleBin.list', {});
  const restore = useApiMutation('recycleBin.restore');
  const toasts = useToasts();
  return (
    <div className="page">
      <h1>Recycle bin</h1>
      <p className="lead">Deleted items stay here, with their history, until you restore them. Nothing is destroyed.</p>
      <ListState query={{ data: items.data, isPending: items.isPending, error: items.error ?? restore.error }} what="deleted items" empty={<EmptyState title="The recycle bin is empty" />}>
        {(rows) => (
          <DataTable caption="Deleted items" hideCaption columns={['Item', 'Deleted', { label: 'Actions', hidden: true }]}>
            {rows.map((it) => (
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
      </ListState>
    </div>
  );
}
