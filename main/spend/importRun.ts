/**
 * The import of one spend file, in ONE transaction: the organisation it may add, the file record,
 * every line, the aggregates and the saved mapping commit or roll back together. It runs on the
 * spend worker thread over that thread's own connection (so the window's thread stays free and
 * its read connection keeps answering from the last commit), or on the caller's thread when no
 * worker can be had. Lines are written with better-sqlite3 on the very connection the kysely
 * transaction holds, so they are part of it. (No SAVEPOINT: its sub-journal would copy every page
 * the import touches.)
 *
 * A large import into a small table drops the lines' index first and builds it again at the end,
 * still inside the transaction: one sort is cheaper than a million index insertions.
 */
import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import { sql } from 'kysely';
import type { OrganisationType } from '../../shared/domain/pilot';
import type { SpendPeriod } from '../../shared/calc/spendPeriod';
import { SPEND_ROLES, type ColumnMapping, type SpendImportProgress, type SpendImportResult, type SpendMappingChoice, type SpendRole } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import type { WriteContext } from '../db/records';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { addOrganisationIn } from '../pilot/queries';
import { applyGroupDeltas } from './aggregates';
import {
  badRowsError,
  duplicateElsewhere,
  duplicateImport,
  duplicatesOf,
  findOrganisation,
  loadRules,
  periodOf,
  readFile,
  savedMappings,
  tidyName,
  toPreview,
  type SavedMappings,
} from './importCommon';
import { compileRules, fieldsUsedBy } from './classify';
import { LineInserter } from './lineInserter';
import { listFileValues } from './fileValues';
import { problemsError, type ScanPlan } from './scan';
import { spendMappings } from './records';
import { warmScanWorker } from './scanner';
import { openSpendSource } from './source';

const mappings = recordStore(spendMappings);

/** What an import needs, with the file already resolved to a path on this machine. */
export interface ImportJob {
  file: { path: string; name: string };
  organisation: string;
  /** The type of the organisation if the import adds it; null: "other". */
  organisationType?: OrganisationType | null;
  sheet: string | null;
  mapping: SpendMappingChoice | null;
  /** Choices by column name (the CLI's --column role=Header). */
  columns?: Partial<Record<SpendRole, string | null>> | null;
  period: string | null;
  skipBadRows: boolean;
  allowDuplicateFile: boolean;
}

export interface ImportControl {
  progress(p: Partial<SpendImportProgress>): void;
  /** Throws when the user cancelled. */
  checkCancelled(): void;
}

/** cache_size while the index is built at the end: 2 MB (negative: KiB). See its use. */
const INDEX_BUILD_CACHE = -2048;

/** Below this many lines (guessed from the file size), keeping the index up as lines go in is cheaper. */
const REBUILD_INDEX_FROM = 200_000;
const BYTES_PER_LINE_GUESS = 110;

async function ensureOrganisationIn(trx: Trx, name: string, type: OrganisationType | null, w: WriteContext): Promise<string> {
  const found = await findOrganisation(trx, name);
  if (found) return found.id;
  const org = await addOrganisationIn(trx, w, { name: tidyName(name), type: type ?? 'other', notes: null });
  return org.id;
}

export async function runImport(ctx: ServiceContext, job: ImportJob, control: ImportControl): Promise<SpendImportResult> {
  const period = periodOf(job.period);
  // (A file that cannot be read is reported by openSpendSource, with its name.)
  warmScanWorker(await fsp.stat(job.file.path).then((s) => s.size, () => 0));
  // A large CSV is hashed by the scan as it reads it, not in a pass of its own first — unless a file
  // of this name was imported before: then it is hashed first, so importing it again is refused at once.
  const seenName = await ctx.db.selectFrom('spendFiles').select('id').where(sql<boolean>`lower(file_name) = lower(${job.file.name})`).executeTakeFirst();
  const src = await openSpendSource(job.file.path, job.file.name, job.sheet, { wholeFile: seenName !== undefined });
  control.progress({ totalBytes: src.sniffed.size });

  return inWriteTransaction(ctx, async (trx, w) => {
    const organisationId = await ensureOrganisationIn(trx, job.organisation, job.organisationType ?? null, w);
    const sheetKey = src.sheet ?? '';
    /** The same file imported before: refused for this organisation, asked about for another. */
    const duplicatesOfThis = async (sha256: string) => {
      const existing = await trx.selectFrom('spendFiles').select('id').where('organisationId', '=', organisationId).where('sha256', '=', sha256).where('sheet', '=', sheetKey).executeTakeFirst();
      if (existing) throw duplicateImport(src.fileName, job.organisation);
      const found = await duplicatesOf(trx, sha256, src.sheet, organisationId);
      if (found.length > 0 && !job.allowDuplicateFile) throw duplicateElsewhere(src.fileName, job.organisation, found);
      return found;
    };
    // Until the scan has hashed the file, its record holds a stand-in (unique, of a hash's length).
    const hashed = !src.sniffed.partial;
    let elsewhere = hashed ? await duplicatesOfThis(src.sniffed.sha256) : [];

    const rules = (await loadRules(trx)).filter((r) => r.organisationId === null || r.organisationId === organisationId);
    const saved = await savedMappings(trx, organisationId);
    const fileId = newId();
    const last = await trx.selectFrom('spendFiles').select((eb) => eb.fn.max('fileNo').as('n')).executeTakeFirst();
    const fileNo = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto('spendFiles')
      .values({
        id: fileId,
        fileNo,
        sha256: hashed ? src.sniffed.sha256 : crypto.createHash('sha256').update(`not hashed yet: ${fileId}`).digest('hex'),
        fileName: src.fileName,
        organisationId,
        sheet: sheetKey,
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
        yearTotals: '[]',
        duplicateOf: elsewhere[0]?.fileId ?? null,
      })
      .execute();

    const sqlite = ctx.sqlite;
    // A roomier page cache while lines go in (fewer spills to the WAL mid-transaction), and two
    // threads for SQLite's sorter if the index is built at the end.
    sqlite.pragma('cache_size = -16384');
    const rebuildIndex = await indexRebuildWorthIt(trx, src.sniffed.size);
    // The lines' own indexes as the schema has them (so this never drifts from the migrations).
    const indexes = rebuildIndex ? (sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spend_lines' AND sql IS NOT NULL`).all() as { name: string; sql: string }[]) : [];
    if (rebuildIndex) {
      for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name}"`);
      sqlite.pragma('threads = 2');
    }

    let inserter: LineInserter | null = null;
    const reading = await readFile(
      src,
      {
        choices: job.mapping,
        named: job.columns ?? null,
        saved,
        period,
        wantLines: true,
        checkPlan(plan: ScanPlan) {
          const problem = problemsError(plan);
          if (problem) throw problem;
          const m = plan.mapping;
          const used = { supplier: !!m.supplier, serviceArea: !!m.serviceArea, expenseType: !!m.expenseType, transactionRef: !!m.transactionRef, orgUnit: !!m.orgUnit, description: !!m.description };
          const classify = rules.length > 0 ? compileRules(rules) : null;
          inserter = new LineInserter(sqlite, fileNo, used, organisationId, classify, fieldsUsedBy(rules), period && !m.date ? period.to : null);
        },
        restart: () => inserter?.reset(),
      },
      {
        onLines(batch) {
          control.checkCancelled();
          inserter!.add(batch);
        },
        onProgress(rowsRead, bytesRead) {
          control.progress({ rowsRead, bytesRead });
          control.checkCancelled();
        },
      },
    );
    const s = reading.summary!;
    if (!hashed) {
      src.sniffed.sha256 = s.sha256!;
      elsewhere = await duplicatesOfThis(src.sniffed.sha256);
    }
    if (s.badRowTotal > 0 && !job.skipBadRows) throw badRowsError(s);
    if (s.rows === 0) throw new AppError('BAD_FILE', `"${src.fileName}" has a header row but no transactions under it. Nothing was imported.`);
    control.progress({ phase: 'saving' });
    const lines = inserter as unknown as LineInserter;
    lines.flush();
    listFileValues(sqlite, fileNo, lines);
    if (indexes.length) {
      // SQLite's sorter sorts the index's entries in runs the size of the page cache, on two
      // threads, then merges them: runs of 2 MB rather than 16 sort within the processor's caches,
      // and the index of a million lines took 0.37–0.41 s instead of 0.51–0.55 (0.5–4 MB alike).
      sqlite.pragma(`cache_size = ${INDEX_BUILD_CACHE}`);
      for (const i of indexes) sqlite.exec(i.sql);
    }

    const undated = period && !reading.plan.mapping.date ? period : null;
    const skippedRecord = [...s.skipped, ...(job.skipBadRows ? s.badRows.map((b) => ({ row: b.row, reason: `skipped by choice: ${b.reason}` })) : [])];
    await trx
      .updateTable('spendFiles')
      .set({
        sha256: src.sniffed.sha256,
        encoding: src.sniffed.encoding,
        duplicateOf: elsewhere[0]?.fileId ?? null,
        headerRow: reading.plan.headerRow,
        dateOrder: reading.order,
        mapping: JSON.stringify(reading.plan.mapping),
        skipped: JSON.stringify(skippedRecord),
        rowCount: s.rows,
        totalPence: s.totalPence,
        periodFrom: undated?.from ?? null,
        periodTo: undated?.to ?? null,
        dateFrom: undated ? undated.from : s.dateFrom,
        dateTo: undated ? undated.to : s.dateTo,
        dateStyle: s.dateStyle,
        yearTotals: JSON.stringify(s.years),
      })
      .where('id', '=', fileId)
      .execute();
    applyGroupDeltas(sqlite, organisationId, lines.groups.list());
    await rememberMapping(trx, organisationId, reading.plan, saved, w);

    const preview = toPreview(src, reading, { organisationId, alreadyImported: false, duplicates: elsewhere, period: undated as SpendPeriod | null });
    return { ...preview, fileId, dryRun: false, skippedBadRows: job.skipBadRows ? s.badRowTotal : 0 };
  });
}

/** A big file into a table that is small beside it: rebuild the index once rather than grow it line by line. */
async function indexRebuildWorthIt(trx: Trx, fileBytes: number): Promise<boolean> {
  const expected = fileBytes / BYTES_PER_LINE_GUESS;
  if (expected < REBUILD_INDEX_FROM) return false;
  const row = await trx.selectFrom('spendTotals').select((eb) => eb.fn.sum<number>('rowCount').as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) < expected;
}

/** Saves the mapping used for this source (organisation + header layout) so the next file maps itself. */
async function rememberMapping(trx: Trx, organisationId: string, plan: ScanPlan, saved: SavedMappings, w: WriteContext) {
  const plain = Object.fromEntries(SPEND_ROLES.filter((r) => plan.mapping[r]).map((r) => [r, { index: plan.mapping[r]!.index, header: plan.mapping[r]!.header, confidence: 'saved' }])) as ColumnMapping;
  const prior = saved.get(plan.signature);
  if (!prior) {
    await mappings.insertIn(trx, w, { organisationId, signature: plan.signature, mapping: plain });
    return;
  }
  if (JSON.stringify(prior.mapping) !== JSON.stringify(plain)) await mappings.updateIn(trx, w, { id: prior.id, rev: prior.rev, patch: { mapping: plain } });
}
