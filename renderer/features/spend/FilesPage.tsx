import { useState } from 'react';
import { Link } from 'react-router';
import type { SpendFile } from '../../../shared/domain/spend';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState, ErrorSummary, Loading } from '../../components/Feedback';
import { useToasts } from '../../components/Toasts';
import { SpendHeader } from './SpendHeader';
import { formatPounds } from './format';

/** Every imported file: where each figure came from, what was skipped, and undoing a wrong import. */
export function FilesPage() {
  const files = useApi('spend.files', {});
  const remove = useApiMutation('spend.deleteFile');
  const toasts = useToasts();
  const [deleting, setDeleting] = useState<SpendFile | null>(null);
  return (
    <div className="page page--wide">
      <SpendHeader title="Imported spend files" />
      {files.isPending && <Loading what="imported files" />}
      <ErrorSummary error={files.error ?? remove.error} />
      {files.data && files.data.length === 0 && (
        <EmptyState title="No files imported yet">
          <Link to="/spend/import" className="button">Import a spend file</Link>
        </EmptyState>
      )}
      {files.data && files.data.length > 0 && (
        <table className="table">
          <caption>{files.data.length} imported file{files.data.length === 1 ? '' : 's'}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Organisation</th>
              <th scope="col" className="num">Lines</th>
              <th scope="col" className="num">Total</th>
              <th scope="col">Imported</th>
              <th scope="col">Skipped rows</th>
              <th scope="col" className="table__actions">Actions</th>
            </tr>
          </thead>
          <tbody>
            {files.data.map((f) => (
              <tr key={f.id}>
                <td>
                  <Link to={`/spend/lines?file=${f.id}`}>{f.fileName}</Link>
                  {f.sheet !== null && <span className="muted"> sheet “{f.sheet}”</span>}
                  <div className="muted spend-mono" title="SHA-256 of the file">{f.sha256.slice(0, 16)}…</div>
                </td>
                <td>{f.organisation}</td>
                <td className="num">{f.rows.toLocaleString('en-GB')}</td>
                <td className="num">{formatPounds(f.totalPence)}</td>
                <td>
                  {f.importedAt.slice(0, 16).replace('T', ' ')}
                  <div className="muted">by {f.importedBy}</div>
                </td>
                <td>
                  {f.skipped.length === 0 ? (
                    'None'
                  ) : (
                    <details>
                      <summary>{f.skipped.length} rows</summary>
                      <ul className="spend-rows">
                        {f.skipped.map((s) => (
                          <li key={s.row}>Row {s.row}: {s.reason}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td className="table__actions">
                  <button type="button" className="button button--danger button--small" aria-label={`Delete the import of ${f.fileName}`} onClick={() => setDeleting(f)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this import?"
        confirmLabel="Delete import"
        danger
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const f = deleting!;
          setDeleting(null);
          remove.mutate({ id: f.id }, { onSuccess: (r) => toasts.show(`Deleted ${r.rows.toLocaleString('en-GB')} lines of ${f.fileName}`) });
        }}
      >
        <p>{deleting ? `All ${deleting.rows.toLocaleString('en-GB')} lines from ${deleting.fileName} leave the spend map. You can import the file again afterwards.` : ''}</p>
      </ConfirmDialog>
    </div>
  );
}
