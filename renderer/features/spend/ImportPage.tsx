import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { SpendImportResult, SpendMappingChoice, SpendPreview } from '../../../shared/domain/spend';
import { CallError, callOrThrow, uploadFile } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { FieldShell, SelectField } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { formatNumber } from '../../kit/format/number';
import { Section } from '../../kit/page/Section';
import { ImportProgressBar } from './ImportProgressBar';
import { PreviewPanel } from './PreviewPanel';
import { SpendHeader } from './SpendHeader';

type Stage =
  | { kind: 'choose' }
  | { kind: 'previewing' }
  | { kind: 'preview'; preview: SpendPreview }
  | { kind: 'importing'; preview: SpendPreview; importId: string }
  | { kind: 'done'; result: SpendImportResult };

export function ImportPage() {
  const orgs = useApi('organisation.list', {});
  const qc = useQueryClient();
  const [organisation, setOrganisation] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [sheet, setSheet] = useState('');
  const [choices, setChoices] = useState<SpendMappingChoice>({});
  const [skipBad, setSkipBad] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<CallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.querySelector<HTMLElement>('.error-summary')?.focus();
  }, [error]);

  const runPreview = async (next: { sheet?: string; choices?: SpendMappingChoice } = {}) => {
    setError(null);
    setNotice(null);
    if (!organisation.trim()) return setError(new CallError('INVALID_INPUT', 'Name the organisation that published the file.', { organisation: 'Name the publishing organisation' }));
    if (!file) return setError(new CallError('INVALID_INPUT', 'Choose a spend file to import.', { file: 'Choose a CSV or XLSX file' }));
    setStage({ kind: 'previewing' });
    let id = uploadId;
    if (!id) {
      const up = await uploadFile(file);
      if (!up.ok) {
        setStage({ kind: 'choose' });
        return setError(new CallError(up.error.code, up.error.message));
      }
      id = up.value.uploadId;
      setUploadId(id);
    }
    const sheetValue = next.sheet ?? sheet;
    const choiceValue = next.choices ?? choices;
    try {
      const preview = await callOrThrow('spend.preview', { uploadId: id, organisation, sheet: sheetValue || null, mapping: choiceValue });
      setStage({ kind: 'preview', preview });
    } catch (e) {
      setStage({ kind: 'choose' });
      setError(e as CallError);
    }
  };

  const runImport = async (preview: SpendPreview) => {
    if (!uploadId) return;
    setError(null);
    const importId = crypto.randomUUID();
    setStage({ kind: 'importing', preview, importId });
    try {
      const result = await callOrThrow('spend.import', { uploadId, organisation, sheet: preview.sheet, mapping: choices, importId, skipBadRows: skipBad });
      await qc.invalidateQueries();
      setStage({ kind: 'done', result });
      reset(false);
    } catch (e) {
      const err = e as CallError;
      setStage({ kind: 'preview', preview });
      if (err.code === 'REFUSED' && /cancelled/i.test(err.message)) setNotice(err.message);
      else setError(err);
    }
  };

  const reset = (clearStage = true) => {
    setFile(null);
    setUploadId(null);
    setSheet('');
    setChoices({});
    setSkipBad(false);
    if (clearStage) setStage({ kind: 'choose' });
  };

  const busy = stage.kind === 'previewing' || stage.kind === 'importing';
  const preview = stage.kind === 'preview' || stage.kind === 'importing' ? stage.preview : null;

  return (
    <div className="page page--wide">
      <SpendHeader title="Import spend" />
      <p className="lead">Import a spend file exactly as the body published it (CSV or XLSX). Nothing is saved until you press Import.</p>
      <div ref={errorRef}>
        <ErrorSummary error={error} />
      </div>
      {notice && (
        <p className="spend-notice" role="status">
          {notice}
        </p>
      )}
      {stage.kind === 'done' && (
        <Section id="imported-heading" title={`Imported ${formatNumber(stage.result.rows)} lines totalling ${formatMoney(stage.result.totalPence)}`} className="card spend-success">
          <p>
            From {stage.result.fileName}
            {stage.result.sheet ? ` (sheet "${stage.result.sheet}")` : ''}. {stage.result.skippedTotal} rows that are not transactions were skipped
            {stage.result.skippedBadRows ? `, and ${stage.result.skippedBadRows} unreadable rows were left out as you chose` : ''}.
          </p>
          <div className="button-row">
            <Link className="button" to="/spend">See the whole place</Link>
            <Link className="button button--secondary" to="/spend/unclassified">Classify lines</Link>
            <button type="button" className="button button--secondary" onClick={() => reset()}>Import another file</button>
          </div>
        </Section>
      )}
      {stage.kind !== 'done' && (
        <form
          className="card"
          aria-label="Choose a spend file"
          onSubmit={(e) => {
            e.preventDefault();
            void runPreview();
          }}
        >
          <div className="field-row">
            <FieldShell label="Publishing organisation" hint="The body that published the file. A new name is added to the partner organisations." error={error?.fields?.organisation}>
              {(a11y) => (
                <>
                  <input {...a11y} type="text" list="spend-orgs" value={organisation} disabled={busy} onChange={(e) => { setOrganisation(e.target.value); setStage({ kind: 'choose' }); }} autoComplete="off" />
                  <datalist id="spend-orgs">
                    {(orgs.data ?? []).map((o) => (
                      <option key={o.id} value={o.name} />
                    ))}
                  </datalist>
                </>
              )}
            </FieldShell>
            <FieldShell label="Spend file (CSV or XLSX)" error={error?.fields?.file}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="file"
                  accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  disabled={busy}
                  onChange={(e) => {
                    setFile(e.target.files?.[0] ?? null);
                    setUploadId(null);
                    setSheet('');
                    setChoices({});
                    setStage({ kind: 'choose' });
                  }}
                />
              )}
            </FieldShell>
          </div>
          {preview && preview.sheets.length > 1 && (
            <SelectField
              label="Sheet"
              hint="The workbook has several sheets; the first that looks like spend data was chosen."
              value={sheet || preview.sheet || ''}
              onChange={(v) => {
                setSheet(v);
                setChoices({});
                void runPreview({ sheet: v, choices: {} });
              }}
              options={preview.sheets.map((s) => ({ value: s, label: s.trim() === s ? s : `"${s}"` }))}
            />
          )}
          <button type="submit" className="button" disabled={busy}>
            {stage.kind === 'previewing' ? 'Reading the file…' : preview ? 'Preview again' : 'Preview'}
          </button>
        </form>
      )}
      {preview && (
        <PreviewPanel
          preview={preview}
          disabled={busy}
          onMappingChange={(role, index) => {
            const next = { ...choices, [role]: index };
            setChoices(next);
            void runPreview({ choices: next });
          }}
        />
      )}
      {preview && (
        <Section id="import-heading" title="Import">
          {preview.alreadyImported ? (
            <p className="field__error">This file has already been imported for this organisation, so it cannot be imported again.</p>
          ) : (
            <>
              {preview.badRowTotal > 0 && (
                <div className="field">
                  <label className="spend-checkbox">
                    <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} disabled={busy} />
                    Leave out the {preview.badRowTotal} unreadable row{preview.badRowTotal === 1 ? '' : 's'} and import the rest
                  </label>
                </div>
              )}
              <p>
                {formatNumber(preview.rows)} lines totalling {formatMoney(preview.totalPence)} for {organisation.trim()}. The import is all-or-nothing: cancel it at any point and nothing is saved.
              </p>
              {stage.kind === 'importing' ? (
                <ImportProgressBar importId={stage.importId} />
              ) : (
                <button type="button" className="button" onClick={() => void runImport(preview)} disabled={busy || (preview.badRowTotal > 0 && !skipBad)}>
                  Import {formatNumber(preview.rows)} lines
                </button>
              )}
            </>
          )}
        </Section>
      )}
    </div>
  );
}
