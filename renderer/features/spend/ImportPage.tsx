import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import type { SheetGuess, SpendImportResult, SpendMappingChoice, SpendPreview } from '../../../shared/domain/spend';
import { CallError, callOrThrow, uploadFile } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ErrorSummary } from '../../kit/feedback/Feedback';
import { FieldShell, SelectField } from '../../kit/form/fields';
import { labelledOptions } from '../../kit/form/options';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, type OrganisationType } from '../../../shared/domain/pilot';
import { formatMoney } from '../../kit/format/money';
import { countOf } from '../../kit/format/number';
import { Section } from '../../kit/page/Section';
import { ImportProgressBar } from './ImportProgressBar';
import { PreviewPanel, YearTotals } from './PreviewPanel';
import { SpendHeader } from './SpendHeader';
import './spend.css';
import { formatDate } from '../../kit/format/date';

type Stage =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'sheet'; sheets: SheetGuess[] }
  | { kind: 'previewing'; sheets: SheetGuess[] }
  | { kind: 'preview'; preview: SpendPreview; sheets: SheetGuess[] }
  | { kind: 'importing'; preview: SpendPreview; sheets: SheetGuess[]; importId: string }
  | { kind: 'done'; result: SpendImportResult };

const STEPS = ['File', 'Sheet', 'Columns', 'Import'] as const;

/**
 * Importing a spend file: the file, then (for a workbook) the sheet — chosen before any column,
 * so a workbook with notes in front is never a dead end — then the columns, shown with whatever
 * stops the import beside the column concerned, then the import itself.
 */
export function ImportPage() {
  const orgs = useApi('organisation.list', {});
  const qc = useQueryClient();
  const [organisation, setOrganisation] = useState('');
  // A publisher not yet among the partners is added by the import: ask what kind of body it is.
  const [organisationType, setOrganisationType] = useState('');
  const isNewOrganisation = organisation.trim() !== '' && orgs.data !== undefined && !orgs.data.some((o) => o.name.trim().toLowerCase() === organisation.trim().toLowerCase());
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [sheet, setSheet] = useState('');
  const [choices, setChoices] = useState<SpendMappingChoice>({});
  const [period, setPeriod] = useState('');
  const [skipBad, setSkipBad] = useState(false);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [error, setError] = useState<CallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error) errorRef.current?.querySelector<HTMLElement>('.error-summary')?.focus();
  }, [error]);

  const sheetsOf = (s: Stage): SheetGuess[] => ('sheets' in s ? s.sheets : []);

  /** Step 1 → 2: send the file, and list a workbook's sheets before reading any of them. */
  const start = async () => {
    setError(null);
    setNotice(null);
    if (!organisation.trim()) return setError(new CallError('INVALID_INPUT', 'Name the organisation that published the file.', { organisation: 'Name the publishing organisation' }));
    if (isNewOrganisation && !organisationType)
      return setError(new CallError('INVALID_INPUT', `"${organisation.trim()}" is not yet a partner organisation: choose its type, and it is added with the import.`, { organisationType: 'Choose the type of organisation' }));
    if (!file) return setError(new CallError('INVALID_INPUT', 'Choose a spend file to import.', { file: 'Choose a CSV or XLSX file' }));
    setStage({ kind: 'reading' });
    const up = await uploadFile(file);
    if (!up.ok) {
      setStage({ kind: 'choose' });
      return setError(new CallError(up.error.code, up.error.message));
    }
    setUploadId(up.value.uploadId);
    try {
      const listed = await callOrThrow('spend.sheets', { uploadId: up.value.uploadId });
      const guess = listed.sheets.find((s) => s.chosen)?.name ?? listed.sheets[0]?.name ?? '';
      setSheet(guess);
      if (listed.sheets.length > 1) setStage({ kind: 'sheet', sheets: listed.sheets });
      else await runPreview({ uploadId: up.value.uploadId, sheet: guess, sheets: listed.sheets });
    } catch (e) {
      setStage({ kind: 'choose' });
      setError(e as CallError);
    }
  };

  const runPreview = async (next: { uploadId?: string; sheet?: string; choices?: SpendMappingChoice; period?: string; sheets?: SheetGuess[] } = {}) => {
    const id = next.uploadId ?? uploadId;
    if (!id) return;
    setError(null);
    setNotice(null);
    const sheets = next.sheets ?? sheetsOf(stage);
    setStage({ kind: 'previewing', sheets });
    try {
      const preview = await callOrThrow('spend.preview', {
        uploadId: id,
        organisation,
        sheet: (next.sheet ?? sheet) || null,
        mapping: next.choices ?? choices,
        period: (next.period ?? period).trim() || null,
      });
      // A file with no dates: offer the period read from its name or title, for the user to confirm.
      if (!preview.mapping.date && !preview.period && preview.periodGuess && !(next.period ?? period)) setPeriod(preview.periodGuess);
      setStage({ kind: 'preview', preview, sheets });
    } catch (e) {
      setStage(sheets.length > 1 ? { kind: 'sheet', sheets } : { kind: 'choose' });
      setError(e as CallError);
    }
  };

  const runImport = async (preview: SpendPreview, sheets: SheetGuess[]) => {
    if (!uploadId) return;
    setError(null);
    const importId = crypto.randomUUID();
    setStage({ kind: 'importing', preview, sheets, importId });
    try {
      const result = await callOrThrow('spend.import', {
        uploadId,
        organisation,
        sheet: preview.sheet,
        mapping: choices,
        period: preview.period ? period.trim() : null,
        importId,
        organisationType: isNewOrganisation && organisationType ? (organisationType as OrganisationType) : null,
        skipBadRows: skipBad,
        allowDuplicateFile: allowDuplicate,
      });
      await qc.invalidateQueries();
      setStage({ kind: 'done', result });
      reset(false);
    } catch (e) {
      const err = e as CallError;
      setStage({ kind: 'preview', preview, sheets });
      if (err.code === 'REFUSED' && /cancelled/i.test(err.message)) setNotice(err.message);
      else setError(err);
    }
  };

  const reset = (clearStage = true) => {
    setFile(null);
    setUploadId(null);
    setSheet('');
    setChoices({});
    setPeriod('');
    setSkipBad(false);
    setAllowDuplicate(false);
    if (clearStage) setStage({ kind: 'choose' });
  };

  const busy = stage.kind === 'reading' || stage.kind === 'previewing' || stage.kind === 'importing';
  const preview = stage.kind === 'preview' || stage.kind === 'importing' ? stage.preview : null;
  const sheets = sheetsOf(stage);
  const step = stage.kind === 'choose' || stage.kind === 'reading' ? 0 : stage.kind === 'sheet' ? 1 : stage.kind === 'done' ? 3 : preview && Object.keys(preview.mappingProblems).length === 0 ? 3 : 2;
  const problems = preview ? Object.values(preview.mappingProblems).filter(Boolean) : [];

  return (
    <div className="page page--wide">
      <SpendHeader title="Import spend" />
      <p className="lead">Import a spend file exactly as the body published it (CSV or XLSX). Nothing is saved until you press Import.</p>
      <ol className="spend-steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? 'step' : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      <div ref={errorRef}>
        <ErrorSummary error={error} />
      </div>
      {notice && (
        <p className="spend-notice" role="status">
          {notice}
        </p>
      )}
      {stage.kind === 'done' && <ImportedSummary result={stage.result} onAnother={() => reset()} />}
      {stage.kind !== 'done' && (
        <form
          className="card"
          aria-label="Choose a spend file"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
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
            {isNewOrganisation && (
              <SelectField
                label="Type of organisation"
                hint="New partner: added with this import"
                value={organisationType}
                onChange={(v) => { setOrganisationType(v); setStage({ kind: 'choose' }); }}
                emptyLabel="Choose a type"
                options={labelledOptions(ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS)}
                error={error?.fields?.organisationType}
              />
            )}
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
                    setPeriod('');
                    setStage({ kind: 'choose' });
                  }}
                />
              )}
            </FieldShell>
          </div>
          {(stage.kind === 'choose' || stage.kind === 'reading') && (
            <button type="submit" className="button" disabled={busy}>
              {stage.kind === 'reading' ? 'Reading the file…' : 'Continue'}
            </button>
          )}
        </form>
      )}
      {sheets.length > 1 && stage.kind !== 'done' && (
        <form
          className="card"
          aria-labelledby="sheet-heading"
          onSubmit={(e) => {
            e.preventDefault();
            setChoices({});
            void runPreview({ sheet, choices: {} });
          }}
        >
          <h2 id="sheet-heading">Which sheet holds the transactions?</h2>
          <fieldset className="spend-sheets" disabled={busy}>
            <legend>The workbook has {sheets.length} sheets. The one that looks like spend is chosen; pick another if it is wrong.</legend>
            {sheets.map((s) => (
              <label key={s.name} className="spend-sheet">
                <input type="radio" name="sheet" value={s.name} checked={sheet === s.name} onChange={() => setSheet(s.name)} />
                <span>
                  {s.name.trim() === s.name ? s.name : `"${s.name}"`}
                  {s.transactions ? ' — looks like spend' : ''}
                  <span className="spend-sheet__reason">{s.reason}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className="button" disabled={busy}>
            {stage.kind === 'previewing' ? 'Reading the sheet…' : preview ? 'Read this sheet instead' : 'Use this sheet'}
          </button>
        </form>
      )}
      {preview && (
        <PreviewPanel
          preview={preview}
          disabled={busy}
          period={period}
          onPeriodChange={setPeriod}
          onPeriodSubmit={() => void runPreview({})}
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
          ) : problems.length > 0 ? (
            <p className="spend-problem" role="status">
              Put right what is marked under Columns{preview.mappingProblems.period ? ' (or give the period)' : ''} to import this file.
            </p>
          ) : (
            <>
              {preview.duplicates.length > 0 && (
                <div className="spend-problem">
                  <p>
                    The same file was already imported for {preview.duplicates.map((d) => `${d.organisation} (on ${formatDate(d.importedAt)})`).join(' and ')}. Importing it for {organisation.trim()} too would count the same spend twice.
                  </p>
                  <label className="spend-checkbox">
                    <input type="checkbox" checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)} disabled={busy} />
                    Both bodies published this same file: import it for {organisation.trim()} as well
                  </label>
                </div>
              )}
              {preview.badRowTotal > 0 && (
                <div className="field">
                  <label className="spend-checkbox">
                    <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} disabled={busy} />
                    Leave out the {countOf(preview.badRowTotal, 'unreadable row')} and import the rest
                  </label>
                </div>
              )}
              <p>
                {countOf(preview.rows, 'line')} totalling {formatMoney(preview.totalPence)} for {organisation.trim()}. The import is all-or-nothing: cancel it at any point and nothing is saved.
              </p>
              {stage.kind === 'importing' ? (
                <ImportProgressBar importId={stage.importId} />
              ) : (
                <button
                  type="button"
                  className="button"
                  onClick={() => void runImport(preview, sheets)}
                  disabled={busy || (preview.badRowTotal > 0 && !skipBad) || (preview.duplicates.length > 0 && !allowDuplicate)}
                >
                  Import {countOf(preview.rows, 'line')}
                </button>
              )}
            </>
          )}
        </Section>
      )}
    </div>
  );
}

function ImportedSummary({ result: r, onAnother }: { result: SpendImportResult; onAnother(): void }) {
  return (
    <Section id="imported-heading" title={`Imported ${countOf(r.rows, 'line')} totalling ${formatMoney(r.totalPence)}`} className="card spend-success">
      <p>
        From {r.fileName}
        {r.sheet ? ` (sheet "${r.sheet}")` : ''}, {r.period ? `for the period ${r.period.label}` : r.dateFrom ? `dated ${formatDate(r.dateFrom)} to ${formatDate(r.dateTo)}` : ''}. {r.skippedTotal === 1 ? '1 row that is not a transaction was skipped' : `${countOf(r.skippedTotal, 'row')} that are not transactions were skipped`}
        {r.skippedBadRows ? `, and ${countOf(r.skippedBadRows, 'unreadable row')} ${r.skippedBadRows === 1 ? 'was' : 'were'} left out as you chose` : ''}.
      </p>
      <YearTotals years={r.years} />
      <div className="button-row">
        <Link className="button" to="/spend">See the whole place</Link>
        <Link className="button button--secondary" to="/spend/unclassified">Classify lines</Link>
        <button type="button" className="button button--secondary" onClick={onAnother}>Import another file</button>
      </div>
    </Section>
  );
}
