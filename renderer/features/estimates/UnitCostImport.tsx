import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { UnitCostPreview } from '../../../shared/contract/estimates';
import { callOrThrow, CallError, uploadFile } from '../../api/client';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { DataTable } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { UnitCostCells, UNIT_COST_COLUMNS } from './UnitCostCells';
import { countOf } from '../../kit/format/number';

/**
 * Choose a CSV/XLSX unit-cost table (or the Unit Cost Database workbook), see what importing it
 * would do, then import it (all or nothing). The file is sent for the preview and again for the
 * import, and the workbench keeps no copy of either, so nothing is left behind whatever happens.
 */
export function UnitCostImport() {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<UnitCostPreview | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (f: File) => {
    const up = await uploadFile(f);
    if (!up.ok) throw new CallError(up.error.code, up.error.message);
    return up.value.uploadId;
  };

  const choose = async (f: File | undefined) => {
    setPreview(null);
    setDone(null);
    setError(null);
    setFile(f ?? null);
    if (!f) return;
    setBusy(true);
    try {
      setPreview(await callOrThrow('unitCost.preview', { uploadId: await send(f) }));
    } catch (e) {
      setError(e as CallError);
    } finally {
      setBusy(false);
    }
  };
  const importNow = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await callOrThrow('unitCost.import', { uploadId: await send(file) });
      setDone(`Imported ${r.fileName}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged.`);
      setPreview(null);
      setFile(null);
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
        quality rating — or the New Economy / GMCA Unit Cost Database workbook as published: every cost sheet is read, headings over two rows are understood, and a code
        used for several entries is kept as one entry per variant. An entry with the same code and variant as one in the library updates it. Excel 97–2003 (.xls) files:
        save them as .xlsx in Excel first.
      </p>
      <div className="field">
        <label htmlFor="unit-cost-file">Unit-cost file (CSV or XLSX)</label>
        <input id="unit-cost-file" type="file" accept=".csv,.xlsx,.xls,text/csv" disabled={busy} onChange={(e) => void choose(e.target.files?.[0])} />
      </div>
      <ErrorSummary error={error} />
      {done && <p role="status">{done}</p>}
      {preview && (
        <>
          <p role="status">
            {preview.fileName}: {count('add')} to add, {count('update')} to update, {count('unchanged')} unchanged
            {preview.errors.length > 0 && `, ${preview.errors.length} with problems`}.
          </p>
          {preview.sheets.length > 0 && (
            <ul className="sheet-list">
              {preview.sheets.map((s) => (
                <li key={s.name}>
                  <strong>{s.name}</strong>: {s.skipped ?? countOf(s.rows, 'unit cost')}
                </li>
              ))}
            </ul>
          )}
          {preview.errors.length > 0 && (
            <div className="error-summary" role="alert">
              <h3 className="error-summary__title">Nothing can be imported until these rows are corrected</h3>
              <ul>
                {preview.errors.slice(0, 20).map((e) => (
                  <li key={`${e.sheet ?? ''}-${e.row}`}>{e.message}</li>
                ))}
              </ul>
            </div>
          )}
          <DataTable className="table table--compact" caption={`Preview of ${preview.fileName}`} columns={['Row', 'Import will', ...UNIT_COST_COLUMNS]}>
            {preview.rows.slice(0, 200).map((r) => (
              <tr key={`${r.sheet ?? ''}-${r.row}`}>
                <td>{r.sheet ? `${r.sheet} ${r.row}` : r.row}</td>
                <td>{r.action === 'add' ? 'Add' : r.action === 'update' ? 'Update' : 'Leave as is'}</td>
                <UnitCostCells unit={r} />
              </tr>
            ))}
          </DataTable>
          <div className="button-row">
            <button type="button" className="button" disabled={busy || !file || preview.errors.length > 0 || count('add') + count('update') === 0} onClick={() => void importNow()}>
              Import {countOf(count('add') + count('update'), 'unit cost')}
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
