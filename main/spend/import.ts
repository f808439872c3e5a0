/**
 * Preview and import of spend files.
 *
 * Transactions: the import runs inside ONE kysely transaction (so the organisation it may add,
 * the file record, every line, the totals and the saved mapping commit or roll back together).
 * For speed the lines are inserted with a prepared better-sqlite3 statement on `ctx.sqlite` —
 * the very connection kysely's transaction holds, so those inserts are part of it; nothing opens
 * a second transaction. Kysely queues other callers' queries until it commits, so nobody reads a
 * half-imported file. (No SAVEPOINT: its sub-journal would copy every page the import touches.)
 */
import fsp from 'node:fs/promises';
import { type DateOrder } from '../../shared/calc/spendDates';
import { formatPounds } from '../../shared/calc/spendMoney';
import {
  SPEND_ROLES,
  type ColumnMapping,
  type SpendImportProgress,
  type SpendImportResult,
  type SpendMappingChoice,
  type SpendPreview,
  type SpendRole,
} from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import type { WriteContext } from '../db/records';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import { addOrganisationIn } from '../pilot/queries';
import { compileRules, type Classifier } from './classify';
import { scanRows, type ScanResult } from './scan';
import { openSpendSource, type SpendSource } from './source';
import type { ServiceContext } from '../core/context';
import { discardUpload, resolveUpload } from '../core/transfers';
import { spendMappings } from './records';

const mappings = recordStore(spendMappings);

export interface SpendSourceArgs {
  /** An uploaded file (the UI), or a local path (the CLI reads the file in place, without a copy). */
  uploadId: string | null;
  file?: { path: string; name: string };
  organisation: string;
  sheet: string | null;
  mapping: SpendMappingChoice | null;
}

export interface SpendImportArgs extends SpendSourceArgs {
  importId: string | null;
  skipBadRows: boolean;
  dryRun: boolean;
}

// ---------------------------------------------------------------- progress and cancel

interface ProgressEntry extends SpendImportProgress {
  cancelled: boolean;
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
  return { cancelled: true };
}

function finish(importId: string | null, phase: ProgressEntry['phase']) {
  if (!importId) return;
  const p = progress.get(importId);
  if (p) p.phase = phase;
  // Kept briefly so the UI's last poll sees the outcome.
  setTimeout(() => progress.delete(importId), 60_000).unref?.();
}

// ---------------------------------------------------------------- helpers

const tidyName = (s: string) => s.replace(/\s+/g, ' ').trim();

async function findOrganisation(db: ServiceContext['db'] | Trx, name: string) {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('deletedAt', 'is', null).execute();
  return rows.find((o) => o.name.toLowerCase() === tidyName(name).toLowerCase()) ?? null;
}

async function savedMappings(db: ServiceContext['db'] | Trx, organisationId: string | null) {
  const map = new Map<string, { id: string; rev: string; mapping: ColumnMapping }>();
  if (!organisationId) return map;
  const rows = await db.selectFrom('spendMappings').select(['id', 'rev', 'signature', 'mapping']).where('organisationId', '=', organisationId).where('deletedAt', 'is', null).execute();
  for (const r of rows) map.set(r.signature, { id: r.id, rev: r.rev, mapping: JSON.parse(r.mapping) as ColumnMapping });
  return map;
}

const asSaved = (m: ColumnMapping): ColumnMapping =>
  Object.fromEntries(Object.entries(m).map(([role, g]) => [role, { ...g, confidence: 'saved' }])) as ColumnMapping;

export async function loadClassifier(db: ServiceContext['db'] | Trx): Promise<Classifier> {
  const rules = await db
    .selectFrom('spendRules')
    .innerJoin('themes', 'themes.id', 'spendRules.themeId')
    .select(['spendRules.field', 'spendRules.op', 'spendRules.pattern', 'spendRules.themeId', 'spendRules.priority', 'spendRules.createdAt'])
    .where('spendRules.deletedAt', 'is', null)
    .where('themes.deletedAt', 'is', null)
    .execute();
  return compileRules(rules);
}

const columnsOf = (m: ColumnMapping): Partial<Record<SpendRole, string>> =>
  Object.fromEntries(SPEND_ROLES.filter((r) => m[r]).map((r) => [r, m[r]!.header]));

function toPreview(src: SpendSource, scan: ScanResult, order: DateOrder, organisationId: string | null, alreadyImported: boolean): SpendPreview {
  return {
    fileName: src.fileName,
    sha256: src.sniffed.sha256,
    kind: src.sniffed.kind,
    sheet: src.sheet,
    sheets: src.sheets,
    encoding: src.sniffed.encoding,
    delimiter: src.delimiter,
    headerRow: scan.headerRow,
    headers: scan.headers,
    mapping: scan.mapping,
    columns: columnsOf(scan.mapping),
    dateOrder: order,
    rows: scan.rows,
    totalPence: scan.totalPence,
    skipped: scan.skipped,
    skippedTotal: scan.skippedTotal,
    badRows: scan.badRows,
    badRowTotal: scan.badRowTotal,
    sample: scan.sample,
    organisationId,
    alreadyImported,
  };
}

/** Month-first is chosen only when the file proves it and nothing in it contradicts that. */
const needsMonthFirst = (scan: ScanResult) => scan.evidence.mdy > 0 && scan.evidence.dmy === 0;

function badRowsError(scan: ScanResult): AppError {
  const listed = scan.badRows.slice(0, 5).map((b) => `row ${b.row} (${b.reason})`);
  const more = scan.badRowTotal - listed.length;
  return new AppError(
    'BAD_FILE',
    `${scan.badRowTotal} transaction row${scan.badRowTotal === 1 ? '' : 's'} could not be read: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}. ` +
      'Nothing was imported. Correct the file, or choose to skip these rows (--skip-bad-rows).',
  );
}

async function sourceFor(ctx: ServiceContext, args: SpendSourceArgs): Promise<SpendSource> {
  if (args.file) {
    const stat = await fsp.stat(args.file.path).catch(() => null);
    if (!stat?.isFile()) throw new AppError('BAD_FILE', `The file "${args.file.path}" does not exist or cannot be read.`);
    return openSpendSource(args.file.path, args.file.name, args.sheet);
  }
  if (!args.uploadId) throw new AppError('INVALID_INPUT', 'Choose a spend file to import.', { uploadId: 'Choose a file' });
  const upload = await resolveUpload(ctx, args.uploadId);
  return openSpendSource(upload.path, upload.name, args.sheet);
}

// ---------------------------------------------------------------- preview

export async function previewSpend(ctx: ServiceContext, args: SpendSourceArgs): Promise<SpendPreview> {
  const src = await sourceFor(ctx, args);
  const org = await findOrganisation(ctx.db, args.organisation);
  const saved = await savedMappings(ctx.db, org?.id ?? null);
  const run = (order: DateOrder) =>
    scanRows(src.open().rows, {
      order,
      choices: args.mapping,
      savedMapping: (sig) => (saved.has(sig) ? asSaved(saved.get(sig)!.mapping) : null),
      fileName: src.fileName,
    });
  let order: DateOrder = 'dmy';
  let scan = await run(order);
  if (needsMonthFirst(scan)) scan = await run((order = 'mdy'));
  const already = org
    ? await ctx.db.selectFrom('spendFiles').select('id').where('organisationId', '=', org.id).where('sha256', '=', src.sniffed.sha256).where('sheet', '=', src.sheet ?? '').executeTakeFirst()
    : undefined;
  return toPreview(src, scan, order, org?.id ?? null, Boolean(already));
}

// ---------------------------------------------------------------- import

export async function importSpend(ctx: ServiceContext, args: SpendImportArgs): Promise<SpendImportResult> {
  if (args.importId) {
    if (progress.get(args.importId)?.phase === 'reading') throw new AppError('CONFLICT', 'That import is already running.');
    progress.set(args.importId, { phase: 'reading', rowsRead: 0, bytesRead: 0, totalBytes: 0, cancelled: false });
  }
  try {
    const result = args.dryRun ? await dryRun(ctx, args) : await runImport(ctx, args);
    finish(args.importId, 'done');
    // The staged copy has served its purpose once the lines are saved (the hash stays on record).
    if (!args.dryRun && args.uploadId) await discardUpload(ctx, args.uploadId);
    return result;
  } catch (e) {
    finish(args.importId, progress.get(args.importId ?? '')?.cancelled ? 'cancelled' : 'failed');
    throw e;
  }
}

async function dryRun(ctx: ServiceContext, args: SpendImportArgs): Promise<SpendImportResult> {
  const preview = await previewSpend(ctx, args);
  if (preview.alreadyImported) throw duplicate(preview.fileName, args.organisation);
  if (preview.badRowTotal > 0 && !args.skipBadRows) throw badRowsError(previewAsScan(preview));
  return { ...preview, fileId: null, dryRun: true, skippedBadRows: args.skipBadRows ? preview.badRowTotal : 0 };
}

const previewAsScan = (p: SpendPreview) => ({ badRows: p.badRows, badRowTotal: p.badRowTotal }) as ScanResult;

const duplicate = (fileName: string, org: string) =>
  new AppError('DUPLICATE_IMPORT', `"${fileName}" has already been imported for ${tidyName(org)} (the same file content). Nothing was added.`);

async function ensureOrganisationIn(trx: Trx, name: string, w: WriteContext): Promise<string> {
  const found = await findOrganisation(trx, name);
  if (found) return found.id;
  const org = await addOrganisationIn(trx, w, { name: tidyName(name), type: 'other', notes: null });
  return org.id;
}

/** Lines are inserted 100 at a time: one statement per hundred rows costs far less than one per row. */
const BATCH = 100;
const LINE_COLUMNS = 13;
const insertLines = (rows: number) =>
  `INSERT INTO spend_lines (line_key, file_no, row_number, date, financial_year, amount_pence, supplier, service_area,
  expense_type, transaction_ref, org_unit, description, theme_id) VALUES ${Array(rows).fill(`(${Array(LINE_COLUMNS).fill('?').join(',')})`).join(',')}`;

async function runImport(ctx: ServiceContext, args: SpendImportArgs): Promise<SpendImportResult> {
  const src = await sourceFor(ctx, args);
  const entry = args.importId ? progress.get(args.importId) : undefined;
  if (entry) entry.totalBytes = src.sniffed.size;

  return inWriteTransaction(ctx, async (trx, w) => {
    const organisationId = await ensureOrganisationIn(trx, args.organisation, w);
    const existing = await trx
      .selectFrom('spendFiles')
      .select('id')
      .where('organisationId', '=', organisationId)
      .where('sha256', '=', src.sniffed.sha256)
      .where('sheet', '=', src.sheet ?? '')
      .executeTakeFirst();
    if (existing) throw duplicate(src.fileName, args.organisation);

    const classify = await loadClassifier(trx);
    const saved = await savedMappings(trx, organisationId);
    const fileId = newId();
    const last = await trx.selectFrom('spendFiles').select((eb) => eb.fn.max('fileNo').as('n')).executeTakeFirst();
    const fileNo = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto('spendFiles')
      .values({
        id: fileId,
        fileNo,
        sha256: src.sniffed.sha256,
        fileName: src.fileName,
        organisationId,
        sheet: src.sheet ?? '',
        kind: src.sniffed.kind,
        encoding: src.sniffed.encoding,
        headerRow: 0,
        dateOrder: 'dmy',
        mapping: '{}',
        skipped: '[]',
        importedAt: w.now,
        importedBy: w.actor,
        rowCount: 0,
        totalPence: 0,
      })
      .execute();

    const insertBatch = ctx.sqlite.prepare(insertLines(BATCH));
    const insertOne = ctx.sqlite.prepare(insertLines(1));
    let pending: unknown[] = [];
    const flush = () => {
      for (let i = 0; i < pending.length; i += LINE_COLUMNS) insertOne.run(pending.slice(i, i + LINE_COLUMNS));
      pending = [];
    };
    const totals = new Map<string, { rows: number; pence: number }>();
    let stream = src.open();
    const pass = (order: DateOrder) =>
      scanRows(stream.rows, {
        order,
        choices: args.mapping,
        savedMapping: (sig) => (saved.has(sig) ? asSaved(saved.get(sig)!.mapping) : null),
        fileName: src.fileName,
        onLine(l) {
          const theme = classify(l.serviceArea, l.expenseType, l.supplier);
          pending.push(fileNo * 4294967296 + l.row, fileNo, l.row, l.date, l.financialYear, l.amountPence, l.supplier, l.serviceArea, l.expenseType, l.transactionRef, l.orgUnit, l.description, theme);
          if (pending.length === BATCH * LINE_COLUMNS) {
            insertBatch.run(pending);
            pending = [];
          }
          const key = `${theme ?? ''}\u0000${l.financialYear}`;
          const t = totals.get(key);
          if (t) {
            t.rows++;
            t.pence += l.amountPence;
          } else totals.set(key, { rows: 1, pence: l.amountPence });
        },
        async onProgress(rowsRead) {
          if (entry) {
            entry.rowsRead = rowsRead;
            entry.bytesRead = stream.bytesRead();
            if (entry.cancelled) throw new AppError('REFUSED', 'The import was cancelled. Nothing was saved.');
          }
          // Let the progress poll (and Cancel) be answered between batches.
          await new Promise((r) => setImmediate(r));
        },
      });

    let order: DateOrder = 'dmy';
    let scan = await pass(order);
    flush();
    if (needsMonthFirst(scan)) {
      // Rare: the file proved month-first. Its lines go and it is read again; still one transaction.
      ctx.sqlite.prepare('DELETE FROM spend_lines WHERE file_no = ?').run(fileNo);
      totals.clear();
      stream = src.open();
      scan = await pass((order = 'mdy'));
      flush();
    }

    if (scan.badRowTotal > 0 && !args.skipBadRows) throw badRowsError(scan);
    if (scan.rows === 0) throw new AppError('BAD_FILE', `"${src.fileName}" has a header row but no transactions under it. Nothing was imported.`);
    if (entry) entry.phase = 'saving';

    const skippedRecord = [...scan.skipped, ...(args.skipBadRows ? scan.badRows.map((b) => ({ row: b.row, reason: `skipped by choice: ${b.reason}` })) : [])];
    await trx
      .updateTable('spendFiles')
      .set({
        headerRow: scan.headerRow,
        dateOrder: order,
        mapping: JSON.stringify(scan.mapping),
        skipped: JSON.stringify(skippedRecord),
        rowCount: scan.rows,
        totalPence: scan.totalPence,
      })
      .where('id', '=', fileId)
      .execute();

    const upsertTotal = ctx.sqlite.prepare(
      `INSERT INTO spend_totals (organisation_id, theme_key, financial_year, row_count, total_pence) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (organisation_id, theme_key, financial_year) DO UPDATE SET row_count = row_count + excluded.row_count, total_pence = total_pence + excluded.total_pence`,
    );
    for (const [key, t] of totals) {
      const [themeKey, year] = key.split('\u0000') as [string, string];
      upsertTotal.run(organisationId, themeKey, year, t.rows, t.pence);
    }

    await rememberMapping(trx, organisationId, scan, saved.get(scan.signature) ?? null, w);
    const preview = toPreview(src, scan, order, organisationId, false);
    return { ...preview, fileId, dryRun: false, skippedBadRows: args.skipBadRows ? scan.badRowTotal : 0 };
  });
}

/** Saves the mapping used for this source (organisation + header layout) so the next file maps itself. */
async function rememberMapping(trx: Trx, organisationId: string, scan: ScanResult, saved: { id: string; rev: string; mapping: ColumnMapping } | null, w: WriteContext) {
  const plain = Object.fromEntries(SPEND_ROLES.filter((r) => scan.mapping[r]).map((r) => [r, { index: scan.mapping[r]!.index, header: scan.mapping[r]!.header, confidence: 'saved' }]));
  if (!saved) {
    await mappings.insertIn(trx, w, { organisationId, signature: scan.signature, mapping: plain });
    return;
  }
  if (JSON.stringify(saved.mapping) !== JSON.stringify(plain)) await mappings.updateIn(trx, w, { id: saved.id, rev: saved.rev, patch: { mapping: plain } });
}

/** For CLI text output. */
export const describeImport = (r: SpendImportResult): string =>
  `${r.dryRun ? 'Checked (dry run, nothing saved)' : 'Imported'} ${r.rows.toLocaleString('en-GB')} lines totalling ${formatPounds(r.totalPence)} from ${r.fileName}${r.sheet ? ` (sheet "${r.sheet}")` : ''}` +
  `\nEncoding ${r.encoding ?? 'n/a (XLSX)'}, header on row ${r.headerRow}, dates ${r.dateOrder === 'dmy' ? 'day-first' : 'month-first'}` +
  `\nColumns: ${SPEND_ROLES.filter((x) => r.columns[x]).map((x) => `${x} = "${r.columns[x]}"`).join(', ')}` +
  (r.skippedTotal ? `\nSkipped ${r.skippedTotal} rows that are not transactions:\n${r.skipped.slice(0, 20).map((s) => `  row ${s.row}: ${s.reason}`).join('\n')}${r.skippedTotal > 20 ? `\n  … and ${r.skippedTotal - 20} more` : ''}` : '') +
  (r.skippedBadRows ? `\nLeft out ${r.skippedBadRows} unreadable rows (--skip-bad-rows).` : '');
