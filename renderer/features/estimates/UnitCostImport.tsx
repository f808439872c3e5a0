import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { UnitCostPreview } from '../../../shared/contract/estimates';
import { callOrThrow, CallError, uploadFile } from '../../api/client';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { UnitCostCells, UNIT_COST_COLUMNS } from './UnitCostCells';

/** Choose a CSV/XLSX unit-cost table, see what importing it would do, then import it (all or nothing). */
export function UnitCostImport() {
  const qc = useQueryClient();
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<UnitCostPreview | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    setPreview(null);
    setDone(null);
    setError(null);
    if (!file) return;
    setBusy(true);
    try {
      const up = await uploadFile(file);
      if (!up.ok) throw new CallError(up.error.code, up.error.message);
      setUploadId(up.value.uploadId);
      setPreview(await callOrThrow('unitCost.preview', { uploadId: up.value.uploadId }));
    } catch (e) {
      setError(e as CallError);
    } finally {
      setBusy(false);
    }
  };
  const importNow = async () => {
    if (!uploadId) return;
    setBusy(true);
    try {
      const r = await callOrThrow('unitCost.import', { uploadId });
      setDone(`Imported ${r.fileName}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`);
      setPreview(null);
      setUploadId(null);
      await qc.invalidateQueries();
    } catch (e) {
      setError(e as CallError);
    } finally {
      setBusy(false);
    }
  };
  const count = (a: string) => preview?.rows.filter((r) => r.action === a).length ?? 0;
  return (
    <Section id="import-heading" title="Import a unit-cost table">
      <p className="muted">
        A CSV or XLSX file with columns for code, description, unit, agency bearing the cost, value (£, or pence if the heading says so), price year, and optionally source and
        quality rating — for example an extract of the New Economy unit cost database. Rows with a code already in the library update it.
      </p>
      <div className="field">
        <label htmlFor="unit-cost-file">Unit-cost file (CSV or XLSX)</label>
        <input id="unit-cost-file" type="file" accept=".csv,.xlsx,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      <ErrorSummary error={error} />
      {done && <p role="status">{done}</p>}
      {preview && (
        <>
          <p role="status">
            {preview.fileName}: {count('add')} to add, {count('update')} to update, {count('unchanged')} unchanged
            {preview.errors.length > 0 && `, ${preview.errors.length} with problems`}.
          </p>
          {preview.errors.length > 0 && (
            <div className="error-summary" role="alert">
              <h3 className="error-summary__title">Nothing can be imported until these rows are corrected</h3>
              <ul>
                {preview.errors.slice(0, 20).map((e) => (
                  <li key={e.row}>{e.message}</li>
                ))}
              </ul>
            </div>
          )}
          <DataTable className="table table--compact" caption={`Preview of ${preview.fileName}`} columns={['Row', 'Import will', ...UNIT_COST_COLUMNS]}>
            {preview.rows.slice(0, 200).map((r) => (
              <tr key={r.row}>
                <td>{r.row}</td>
                <td>{r.action === 'add' ? 'Add' : r.action === 'update' ? 'Update' : 'Leave as is'}</td>
                <UnitCostCells unit={r} />
              </tr>
            ))}
          </DataTable>
          <div className="button-row">
            <button type="button" className="button" disabled={busy || preview.errors.length > 0 || count('add') + count('update') === 0} onClick={() => void importNow()}>
              Import {count('add') + count('update')} unit cost{count('add') + count('update') === 1 ? '' : 's'}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </>
      )}
    </Section>
  );
}
