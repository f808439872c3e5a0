import { useState } from 'react';
import { Link } from 'react-router';
import type { SpendFile } from '../../../shared/domain/spend';
import { useApi, useApiMutation } from '../../api/hooks';
import { ConfirmItem } from '../../kit/feedback/ConfirmDialog';
import { EmptyState } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber } from '../../kit/format/number';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { useSort } from '../../kit/list/useSort';
import { SpendHeader } from './SpendHeader';
import './spend.css';
import { formatDate } from '../../kit/format/date';

/** Every imported file: where each figure came from, what was skipped, and undoing a wrong import. */
export function FilesPage() {
  const files = useApi('spend.files', {});
  const remove = useApiMutation('spend.deleteFile');
  const toasts = useToasts();
  const [deleting, setDeleting] = useState<SpendFile | null>(null);
  const sort = useSort<SpendFile>({
    file: (f) => f.fileName,
    organisation: (f) => f.organisation,
    dates: (f) => f.period?.from ?? f.dateFrom,
    lines: (f) => f.rows,
    total: (f) => f.totalPence,
    imported: (f) => f.importedAt,
  });
  return (
    <div className="page page--wide">
      <SpendHeader title="Imported spend files" />
      <ListState
        query={{ data: files.data, isPending: files.isPending, error: files.error ?? remove.error }}
        what="imported files"
        empty={
          <EmptyState title="No files imported yet">
            <Link to="/spend/import" className="button">Import a spend file</Link>
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable
            caption={`${countOf(rows.length, 'imported file')}${sort.key ? '' : ', newest first'}`}
            sorting={sort}
            scrollRegion="Imported files, scrollable"
            columns={[
              ...sortable(['File', 'file'], ['Organisation', 'organisation'], ['Dates', 'dates'], ['Lines', 'lines', 'num'], ['Total', 'total', 'num']),
              'By financial year',
              ...sortable(['Imported', 'imported']),
              'Skipped rows',
              { label: 'Actions', className: 'table__actions' },
            ]}
          >
            {sort.apply(rows).map((f) => (
              <tr key={f.id}>
                <td className="spend-files__file">
                  <Link to={`/spend/lines?file=${f.id}`}>{f.fileName}</Link>
                  {f.sheet !== null && <span className="muted"> sheet “{f.sheet}”</span>}
                  <div className="muted spend-mono" title="SHA-256 of the file">{f.sha256.slice(0, 16)}…</div>
                  {f.duplicateOf && <div className="muted">Also imported for {f.duplicateOf.organisation} (allowed as a duplicate)</div>}
                </td>
                <td>{f.organisation}</td>
                <td>
                  {f.period ? (
                    <>
                      {f.period.label}
                      <div className="muted">a period given for a file without dates</div>
                    </>
                  ) : f.dateFrom ? (
                    <>
                      <span className="spend-nowrap">{formatDate(f.dateFrom)} to</span> <span className="spend-nowrap">{formatDate(f.dateTo)}</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td className="num">{formatNumber(f.rows)}</td>
                <td className="num">{formatMoney(f.totalPence)}</td>
                <td>
                  {f.years.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="spend-years">
                      {f.years.map((y) => (
                        <li key={y.year}>
                          <span className="spend-nowrap">{y.year}:</span> <span className="spend-nowrap">{formatMoney(y.totalPence)}</span> <span className="spend-nowrap">({formatNumber(y.rows)})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {formatDate(f.importedAt, 'minute')}
                  <div className="muted">by {f.importedBy}</div>
                </td>
                <td>
                  {f.skipped.length === 0 ? (
                    'None'
                  ) : (
                    <details>
                      <summary>{countOf(f.skipped.length, 'row')}</summary>
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
          </DataTable>
        )}
      </ListState>
      <ConfirmItem
        item={deleting}
        title="Delete this import?"
        confirmLabel="Delete import"
        danger
        onClose={() => setDeleting(null)}
        onConfirm={(f) => remove.mutate({ id: f.id }, { onSuccess: (r) => toasts.show(`Deleted ${countOf(r.rows, 'line')} of ${f.fileName}`) })}
      >
        {(f) => <p>{`All ${formatNumber(f.rows)} lines from ${f.fileName} leave the spend map. You can import the file again afterwards.`}</p>}
      </ConfirmItem>
    </div>
  );
}
