import { formatDateTime } from '../../../shared/calc/timetable';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { useToasts } from '../../components/Toasts';

export function RecycleBinPage() {
  const items = useApi('recycleBin.list', {});
  const restore = useApiMutation('recycleBin.restore');
  const toasts = useToasts();
  return (
    <div className="page">
      <h1>Recycle bin</h1>
      <p className="lead">Deleted items stay here, with their history, until you restore them. Nothing is destroyed.</p>
      {items.isPending && <Loading what="deleted items" />}
      <ErrorSummary error={items.error ?? restore.error} />
      {items.data?.length === 0 && <EmptyState title="The recycle bin is empty" />}
      {items.data && items.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Deleted items</caption>
          <thead>
            <tr><th scope="col">Item</th><th scope="col">Deleted</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {items.data.map((it) => (
              <tr key={`${it.table}:${it.id}`}>
                <td>{it.label}</td>
                <td>{formatDateTime(it.deletedAt)}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small" aria-label={`Restore ${it.label}`}
                    onClick={() => restore.mutate({ table: it.table, id: it.id }, { onSuccess: () => toasts.show(`Restored ${it.label}`) })}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
