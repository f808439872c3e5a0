/**
 * Preview and import of spend files, as the dispatcher and the CLI call them.
 *
 * A preview reads the file (on a scan worker) and the workbench (on the caller's connection) and
 * saves nothing. An import runs on the spend worker's own connection when there is one
 * (importHost.ts), else here; either way in one transaction (importRun.ts). Progress and Cancel
 * are kept here, on the thread the window talks to.
 */
import type { OrganisationType } from '../../shared/domain/pilot';
import fsp from 'node:fs/promises';
import { formatPounds } from '../../shared/calc/spendMoney';
import { SPEND_ROLES, type SpendImportProgress, type SpendImportResult, type SpendMappingChoice, type SpendPreview, type SpendRole } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { discardUpload, resolveUpload } from '../core/transfers';
import { badRowsError, duplicateElsewhere, duplicateImport, duplicatesOf, findOrganisation, periodOf, readFile, savedMappings, toPreview } from './importCommon';
import { importOnWorker } from './importHost';
import { workersWanted } from './workers';
import { runImport, type ImportJob } from './importRun';
import { problemsError } from './scan';
import { openSpendSource, spendSheets, type SpendSource } from './source';

export interface SpendSourceArgs {
  /** An uploaded file (the UI), or a local path (the CLI reads the file in place, without a copy). */
  uploadId: string | null;
  file?: { path: string; name: string };
  organisation: string;
  sheet: string | null;
  mapping: SpendMappingChoice | null;
  /** Choices by column name (the CLI's --column role=Header). */
  columns?: Partial<Record<SpendRole, string | null>> | null;
  period: string | null;
}

export interface SpendImportArgs extends SpendSourceArgs {
  importId: string | null;
  /** The type given to the publishing organisation if this import adds it (default: other). */
  organisationType?: OrganisationType | null;
  skipBadRows: boolean;
  dryRun: boolean;
  allowDuplicateFile: boolean;
}

// ---------------------------------------------------------------- progress and cancel

interface ProgressEntry extends SpendImportProgress {
  cancelled: boolean;
  cancel?: () => void;
}
const progress = new Map<string, ProgressEntry>();

export function importProgress(importId: string): SpendImportProgress | null {
  const p = progress.get(importId);
  return p ? { phase: p.phase, rowsRead: p.rowsRead, bytesRead: p.bytesRead, totalBytes: p.totalBytes } : null;
}

export function cancelImport(importId: string): { cancelled: boolean } {
  const p = progress.get(importId);
  if (!p || p.phase !== 'reading') return { cancelled: false };
  p.cancelled = true;
  p.cancel?.();
  return { cancelled: true };
}

function finish(importId: string | null, phase: ProgressEntry['phase']) {
  if (!importId) return;
  const p = progress.get(importId);
  if (p) p.phase = phase;
  // Kept briefly so the UI's last poll sees the outcome.
  setTimeout(() => progress.delete(importId), 60_000).unref?.();
}

// ---------------------------------------------------------------- the file

async function resolveFile(ctx: ServiceContext, args: SpendSourceArgs): Promise<{ path: string; name: string }> {
  if (args.file) {
    const stat = await fsp.stat(args.file.path).catch(() => null);
    if (!stat?.isFile()) throw new AppError('BAD_FILE', `The file "${args.file.path}" does not exist or cannot be read.`);
    return args.file;
  }
  if (!args.uploadId) throw new AppError('INVALID_INPUT', 'Choose a spend file to import.', { uploadId: 'Choose a file' });
  const upload = await resolveUpload(ctx, args.uploadId);
  return { path: upload.path, name: upload.name };
}

async function sourceFor(ctx: ServiceContext, args: SpendSourceArgs): Promise<SpendSource> {
  const file = await resolveFile(ctx, args);
  return openSpendSource(file.path, file.name, args.sheet);
}

// ---------------------------------------------------------------- preview

export async function sheetsOf(ctx: ServiceContext, uploadId: string) {
  const upload = await resolveUpload(ctx, uploadId);
  return spendSheets(upload.path, upload.name);
}

export async function previewSpend(ctx: ServiceContext, args: SpendSourceArgs): Promise<SpendPreview> {
  const period = periodOf(args.period);
  const src = await sourceFor(ctx, args);
  const org = await findOrganisation(ctx.db, args.organisation);
  const saved = await savedMappings(ctx.db, org?.id ?? null);
  const reading = await readFile(src, { choices: args.mapping, named: args.columns ?? null, saved, period, wantLines: false });
  const already = org
    ? await ctx.db.selectFrom('spendFiles').select('id').where('organisationId', '=', org.id).where('sha256', '=', src.sniffed.sha256).where('sheet', '=', src.sheet ?? '').executeTakeFirst()
    : undefined;
  const duplicates = await duplicatesOf(ctx.db, src.sniffed.sha256, src.sheet, org?.id ?? null);
  return toPreview(src, reading, { organisationId: org?.id ?? null, alreadyImported: Boolean(already), duplicates, period });
}

// ---------------------------------------------------------------- import

export async function importSpend(ctx: ServiceContext, args: SpendImportArgs): Promise<SpendImportResult> {
  let entry: ProgressEntry | undefined;
  if (args.importId) {
    if (progress.get(args.importId)?.phase === 'reading') throw new AppError('CONFLICT', 'That import is already running.');
    entry = { phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes: 0, cancelled: false };
    progress.set(args.importId, entry);
  }
  try {
    const result = args.dryRun ? await dryRun(ctx, args) : await runAnywhere(ctx, args, entry);
    finish(args.importId, 'done');
    // The staged copy has served its purpose once the lines are saved (the hash stays on record).
    if (!args.dryRun && args.uploadId) await discardUpload(ctx, args.uploadId);
    return result;
  } catch (e) {
    finish(args.importId, entry?.cancelled ? 'cancelled' : 'failed');
    if (entry?.cancelled) throw new AppError('REFUSED', 'The import was cancelled. Nothing was saved.');
    throw e;
  }
}

async function dryRun(ctx: ServiceContext, args: SpendImportArgs): Promise<SpendImportResult> {
  const preview = await previewSpend(ctx, args);
  if (preview.alreadyImported) throw duplicateImport(preview.fileName, args.organisation);
  if (preview.duplicates.length > 0 && !args.allowDuplicateFile) throw duplicateElsewhere(preview.fileName, args.organisation, preview.duplicates);
  const problem = problemsError({ problems: preview.mappingProblems, mapping: preview.mapping, headers: preview.headers });
  if (problem) throw problem;
  if (preview.badRowTotal > 0 && !args.skipBadRows) throw badRowsError({ badRows: preview.badRows, badRowTotal: preview.badRowTotal } as never);
  return { ...preview, fileId: null, dryRun: true, skippedBadRows: args.skipBadRows ? preview.badRowTotal : 0 };
}

async function runAnywhere(ctx: ServiceContext, args: SpendImportArgs, entry: ProgressEntry | undefined): Promise<SpendImportResult> {
  const job: ImportJob = {
    file: await resolveFile(ctx, args),
    organisation: args.organisation,
    organisationType: args.organisationType ?? null,
    sheet: args.sheet,
    mapping: args.mapping,
    columns: args.columns ?? null,
    period: args.period,
    skipBadRows: args.skipBadRows,
    allowDuplicateFile: args.allowDuplicateFile,
  };
  const onProgress = (p: Partial<SpendImportProgress>) => {
    if (entry) Object.assign(entry, p);
  };
  // The window's thread hands a big import to the import thread, so pages stay quick meanwhile;
  // the CLI has nothing else to do and imports itself (its file is still read on a scan thread).
  const size = (await fsp.stat(job.file.path)).size;
  const remote = ctx.mode !== 'cli' && workersWanted(size) ? await importOnWorker(ctx, args.importId ?? crypto.randomUUID(), job, onProgress) : null;
  if (remote) {
    if (entry) entry.cancel = remote.cancel;
    if (entry?.cancelled) remote.cancel();
    return remote.result;
  }
  return runImport(ctx, job, {
    progress: onProgress,
    checkCancelled: () => {
      if (entry?.cancelled) throw new AppError('REFUSED', 'The import was cancelled. Nothing was saved.');
    },
  });
}

const DATE_STYLE_TEXT: Record<string, string> = {
  dmy: 'day-first',
  mdy: 'month-first',
  iso: 'ISO (year first)',
  named: 'with month names',
  excel: 'Excel dates',
  mixed: 'written in more than one way',
  period: 'none: every line is given the period',
  none: 'none',
};

/** For CLI text output. */
export const describeImport = (r: SpendImportResult): string =>
  `${r.dryRun ? 'Checked (dry run, nothing saved)' : 'Imported'} ${r.rows.toLocaleString('en-GB')} lines totalling ${formatPounds(r.totalPence)} from ${r.fileName}${r.sheet ? ` (sheet "${r.sheet}")` : ''}` +
  `\nEncoding ${r.encoding ?? 'n/a (XLSX)'}, header on row ${r.headerRow}, dates ${DATE_STYLE_TEXT[r.dateStyle] ?? r.dateStyle}` +
  (r.period ? `\nPeriod: ${r.period.label} (${r.period.from} to ${r.period.to})` : r.dateFrom ? `\nDates from ${r.dateFrom} to ${r.dateTo}` : '') +
  (r.years.length ? `\nBy financial year: ${r.years.map((y) => `${y.year} ${formatPounds(y.totalPence)} (${y.rows.toLocaleString('en-GB')} lines)`).join('; ')}` : '') +
  `\nColumns: ${SPEND_ROLES.filter((x) => r.columns[x]).map((x) => `${x} = "${r.columns[x]}"`).join(', ')}` +
  (r.duplicates.length ? `\nThe same file was also imported for ${r.duplicates.map((d) => d.organisation).join(', ')} (allowed as a duplicate).` : '') +
  (r.skippedTotal ? `\nSkipped ${r.skippedTotal} rows that are not transactions:\n${r.skipped.slice(0, 20).map((s) => `  row ${s.row}: ${s.reason}`).join('\n')}${r.skippedTotal > 20 ? `\n  … and ${r.skippedTotal - 20} more` : ''}` : '') +
  (r.skippedBadRows ? `\nLeft out ${r.skippedBadRows} unreadable rows (--skip-bad-rows).` : '');
