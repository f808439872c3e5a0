import { useState } from 'react';
import type { ExportedFile } from '../../../shared/contract/estimates';
import { callOrThrow, fileUrl, isDesktop, type CallError } from '../../api/client';
import { ErrorSummary } from '../../kit/feedback/Feedback';

/** Exports what the page shows to CSV or XLSX, then offers the file as a download link. */
export function ExportButtons({ interventionId, what }: { interventionId?: string; what: string }) {
  const [file, setFile] = useState<ExportedFile | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    setError(null);
    try {
      setFile(await callOrThrow('estimate.export', { format, open: isDesktop(), ...(interventionId ? { interventionId } : {}) }));
    } catch (e) {
      setError(e as CallError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-row">
      <div className="button-row">
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run('csv')}>
          Export {what} to CSV
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void run('xlsx')}>
          Export {what} to XLSX
        </button>
      </div>
      <ErrorSummary error={error} />
      {file && file.opened && (
        <p role="status">
          Opened {file.name}, saved at <code>{file.path}</code>
        </p>
      )}
      {file && !file.opened && (
        <p role="status">
          Ready: <a href={fileUrl(file.urlPath)} download={file.name}>Download {file.name}</a>
        </p>
      )}
    </div>
  );
}
