import { useEffect, useState } from 'react';
import type { BaselinePreview, CoverageRow } from '../../../shared/domain/baseline';
import { CallError, callOrThrow, uploadFile } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, Loading } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { FieldShell, SelectField, TextField } from '../../kit/form/fields';
import { formatMoney } from '../../kit/format/money';
import { countOf, formatNumber, formatPercent } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { SpendHeader } from './SpendHeader';
import './spend.css';
import { formatDate } from '../../kit/format/date';

/**
 * Counting against a baseline: HM Treasury's Country and Regional Analysis gives the public
 * money spent in the region by function; scaled to the place, it says how much of the place's
 * spending the partners' ledgers have counted, by kind of agency and by function.
 */
export function BaselinePage() {
  const [year, setYear] = useState('');
  const view = useApi('baseline.view', year ? { year } : {});
  const files = useApi('baseline.files', {});
  const v = view.data;
  return (
    <div className="page page--wide">
      <SpendHeader title="Counted against the baseline" />
      <p className="lead">
        The whole place’s public spending, top down, from HM Treasury’s Country and Regional Analysis (CRA): set against what the partners’ own spend files count, it shows how much of the place’s money has been
        counted, and where the gaps are.
      </p>
      <ErrorSummary error={view.error ?? files.error} />
      {view.isPending && <Loading what="the baseline" />}
      {v && v.baseline && (
        <Section id="coverage-heading" title={`Counted against the ${v.baseline.region} baseline`}>
          <div className="filters spend-view-controls">
            <SelectField label="Financial year" value={v.year ?? ''} onChange={setYear} options={v.years.map((y) => ({ value: y, label: y }))} />
          </div>
          {v.share.value === null && <p className="spend-problem">Give the place’s share of {v.baseline.region} (or its population and the region’s for {v.year}) below to scale the baseline to the place.</p>}
          <div className="tiles">
            <div className="tile">
              <h2>Counted in {v.year}</h2>
              <p className="tile__figure">{formatMoney(v.total.countedPence, { whole: true })}</p>
              {v.perHead.counted !== null && <p className="muted">{formatMoney(v.perHead.counted, { whole: true })} per resident</p>}
            </div>
            <div className="tile">
              <h2>Baseline for the place</h2>
              <p className="tile__figure">{formatMoney(v.total.baselinePence, { whole: true })}</p>
              <p className="muted">
                {v.share.value === null
                  ? `${v.baseline.region}: ${formatMoney(v.total.regionPence, { whole: true })}`
                  : `${formatPercent(v.share.value, 2)} of ${v.baseline.region} (${v.share.basis === 'entered' ? 'the share given' : 'by population'})`}
                {v.perHead.baseline !== null ? `; ${formatMoney(v.perHead.baseline, { whole: true })} per resident` : ''}
              </p>
            </div>
            <div className="tile">
              <h2>Counted so far</h2>
              <p className="tile__figure">{formatPercent(v.total.coverage, 0)}</p>
              <p className="muted">of the place’s public spending</p>
            </div>
          </div>
          <CoverageTable caption={`By kind of agency, ${v.year}`} first="Kind of agency" rows={v.byAgencyType} />
          <CoverageTable caption={`By function (CRA), ${v.year}`} first="Function" rows={v.byFunction} />
          <p className="muted">
            Counted spend reaches a function through its organisation’s kind (the NHS is health; police and fire are public order and safety) and, for councils, through the words of its service area. What says nothing
            is shown as not assigned. Figures from {v.baseline.fileName} ({v.baseline.unit}), imported {formatDate(v.baseline.importedAt)}.
          </p>
        </Section>
      )}
      <BaselineImport hasBaseline={Boolean(v?.baseline)} />
      <PlaceForm />
      {files.data && files.data.length > 0 && <BaselineFiles />}
    </div>
  );
}

function CoverageTable({ caption, first, rows }: { caption: string; first: string; rows: CoverageRow[] }) {
  return (
    <div className="spend-scroll" role="region" aria-label={`${caption}, scrollable`} tabIndex={0}>
      <DataTable caption={caption} columns={[first, ...numeric('Counted', 'Baseline for the place', 'The region'), { label: 'Counted share', num: true }]}>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="num">{formatMoney(r.countedPence, { whole: true })}</td>
            <td className="num">{formatMoney(r.baselinePence, { whole: true })}</td>
            <td className="num">{formatMoney(r.regionPence, { whole: true })}</td>
            <td className="num">
              <span className="coverage-cell">
                {r.coverage !== null && <span className="coverage-bar" style={{ width: `${Math.min(100, r.coverage * 100) * 0.6}px` }} aria-hidden="true" />}
                {formatPercent(r.coverage, 0)}
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function BaselineImport({ hasBaseline }: { hasBaseline: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [preview, setPreview] = useState<BaselinePreview | null>(null);
  const [region, setRegion] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const importer = useApiMutation('baseline.import');
  const toasts = useToasts();
  const read = async () => {
    setError(null);
    if (!file) return setError(new CallError('INVALID_INPUT', 'Choose the CRA workbook.', { file: 'Choose a file' }));
    setBusy(true);
    try {
      const up = await uploadFile(file);
      if (!up.ok) throw new CallError(up.error.code, up.error.message);
      setUploadId(up.value.uploadId);
      const p = await callOrThrow('baseline.preview', { uploadId: up.value.uploadId });
      setPreview(p);
      setRegion(p.regions[0]?.name ?? '');
    } catch (e) {
      setError(e as CallError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section id="baseline-import-heading" title={hasBaseline ? 'Import another baseline' : 'Import the baseline'}>
      <p>
        Use the CRA database workbook as HM Treasury publishes it (a metadata sheet, then one row per department, segment, function, sub-function and region, with a column per financial year). The unit is read
        from the file.
      </p>
      <ErrorSummary error={error ?? importer.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!preview) return void read();
          if (!uploadId) return;
          importer.mutate(
            { uploadId, region },
            {
              onSuccess: (r) => {
                toasts.show(`Imported the ${r.region} baseline: ${countOf(r.rows, 'row')}`);
                setPreview(null);
                setFile(null);
                setUploadId(null);
              },
            },
          );
        }}
      >
        <FieldShell label="Country and Regional Analysis workbook (XLSX or CSV)" error={error?.fields?.file}>
          {(a11y) => (
            <input
              {...a11y}
              type="file"
              accept=".xlsx,.csv"
              disabled={busy || importer.isPending}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
              }}
            />
          )}
        </FieldShell>
        {preview && (
          <>
            <p>
              Sheet “{preview.sheet}”, figures in {preview.unit}, years {preview.years.join(', ')}.
            </p>
            <SelectField label="The place's region" value={region} onChange={setRegion} options={preview.regions.map((r) => ({ value: r.name, label: `${r.name} (${countOf(r.rows, 'row')})` }))} error={importer.error?.fields?.region} />
          </>
        )}
        <button type="submit" className="button" disabled={busy || importer.isPending}>
          {preview ? `Import the ${region} baseline` : busy ? 'Reading…' : 'Read the workbook'}
        </button>
      </form>
    </Section>
  );
}

function PlaceForm() {
  const place = useApi('baseline.place', {});
  const view = useApi('baseline.view', {});
  const save = useApiMutation('baseline.setPlace');
  const toasts = useToasts();
  const [share, setShare] = useState('');
  const [pop, setPop] = useState<Record<string, { place: string; region: string }>>({});
  useEffect(() => {
    if (!place.data) return;
    setShare(place.data.share === null ? '' : String(place.data.share));
    setPop(Object.fromEntries(place.data.population.map((p) => [p.year, { place: p.place === null ? '' : String(p.place), region: p.region === null ? '' : String(p.region) }])));
  }, [place.data]);
  const years = [...new Set([...(view.data?.years ?? []), ...Object.keys(pop)])].sort();
  const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(/,/g, '')));
  return (
    <Section id="place-heading" title="The place’s share and population">
      <ErrorSummary error={save.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            { share: num(share), population: years.map((y) => ({ year: y, place: num(pop[y]?.place ?? ''), region: num(pop[y]?.region ?? '') })) },
            { onSuccess: () => toasts.show('Saved the share and population') },
          );
        }}
      >
        <TextField
          label="Share of the region that is the place (optional)"
          hint="A fraction, e.g. 0.0153. Leave it empty to work the share out each year from the populations below."
          value={share}
          onChange={setShare}
          error={save.error?.fields?.share}
        />
        {years.length > 0 && (
          <DataTable caption="Population by financial year (mid-year estimates): the place’s gives spend per resident; with the region’s, the share" columns={['Year', 'The place', 'The region']}>
            {years.map((y) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                {(['place', 'region'] as const).map((k) => (
                  <td key={k}>
                    <input
                      type="text"
                      inputMode="numeric"
                      aria-label={`${k === 'place' ? 'The place' : 'The region'}’s population in ${y}`}
                      value={pop[y]?.[k] ?? ''}
                      onChange={(e) => setPop((p) => ({ ...p, [y]: { place: p[y]?.place ?? '', region: p[y]?.region ?? '', [k]: e.target.value } }))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </DataTable>
        )}
        <button type="submit" className="button" disabled={save.isPending}>
          Save
        </button>
      </form>
    </Section>
  );
}

function BaselineFiles() {
  const files = useApi('baseline.files', {});
  const remove = useApiMutation('baseline.deleteFile');
  return (
    <Section id="baseline-files-heading" title="Baselines imported">
      <ErrorSummary error={remove.error} />
      <DataTable caption="The newest is the one the comparison uses" columns={['File', 'Region', 'Unit', ...numeric('Rows'), 'Imported', { label: 'Actions', className: 'table__actions' }]}>
        {(files.data ?? []).map((f) => (
          <tr key={f.fileId}>
            <td>
              {f.fileName} (sheet “{f.sheet}”){f.current ? ' — in use' : ''}
            </td>
            <td>{f.region}</td>
            <td>{f.unit}</td>
            <td className="num">{formatNumber(f.rows)}</td>
            <td>{formatDate(f.importedAt, 'minute')} by {f.importedBy}</td>
            <td className="table__actions">
              <button type="button" className="button button--danger button--small" aria-label={`Delete the baseline from ${f.fileName} for ${f.region}`} onClick={() => remove.mutate({ id: f.fileId })}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
