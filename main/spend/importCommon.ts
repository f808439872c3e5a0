/**
 * What previewing and importing a spend file share: the publishing organisation and its saved
 * mappings, the classifier, reading the file through a scan (twice, when the file proves to be
 * month-first), and the preview's shape.
 */
import { guessPeriod, parsePeriod, type SpendPeriod } from '../../shared/calc/spendPeriod';
import type { DateOrder } from '../../shared/calc/spendDates';
import { SPEND_ROLES, type ColumnMapping, type SpendDuplicate, type SpendPreview, type SpendRole } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import type { Trx } from '../core/recordStore';
import { NOT_UTF8 } from './csvRows';
import { compileRules, type Classifier, type RuleLike } from './classify';
import { canSort, needsMonthFirst, planScan, type ScanPlan, type ScanSummary } from './scan';
import { openScan, type ScanSink } from './scanner';
import type { SpendSource } from './source';

type Db = ServiceContext['db'] | Trx;

export const tidyName = (s: string): string => s.replace(/\s+/g, ' ').trim();

export async function findOrganisation(db: Db, name: string) {
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('deletedAt', 'is', null).execute();
  return rows.find((o) => o.name.toLowerCase() === tidyName(name).toLowerCase()) ?? null;
}

export type SavedMappings = Map<string, { id: string; rev: string; mapping: ColumnMapping }>;

export async function savedMappings(db: Db, organisationId: string | null): Promise<SavedMappings> {
  const map: SavedMappings = new Map();
  if (!organisationId) return map;
  const rows = await db.selectFrom('spendMappings').select(['id', 'rev', 'signature', 'mapping']).where('organisationId', '=', organisationId).where('deletedAt', 'is', null).execute();
  for (const r of rows) map.set(r.signature, { id: r.id, rev: r.rev, mapping: JSON.parse(r.mapping) as ColumnMapping });
  return map;
}

const asSaved = (m: ColumnMapping): ColumnMapping =>
  Object.fromEntries(Object.entries(m).map(([role, g]) => [role, { ...g, confidence: 'saved' }])) as ColumnMapping;

/** The rules in force (of live themes), as the classifier takes them. */
export async function loadRules(db: Db): Promise<RuleLike[]> {
  const rules = await db
    .selectFrom('spendRules')
    .innerJoin('themes', 'themes.id', 'spendRules.themeId')
    .select(['spendRules.id', 'spendRules.field', 'spendRules.op', 'spendRules.pattern', 'spendRules.themeId', 'spendRules.priority', 'spendRules.createdAt', 'spendRules.organisationId'])
    .where('spendRules.deletedAt', 'is', null)
    .where('themes.deletedAt', 'is', null)
    .execute();
  return rules.map((r) => ({ ...r, organisationId: r.organisationId ?? null }));
}

export async function loadClassifier(db: Db): Promise<Classifier> {
  return compileRules(await loadRules(db));
}

/** The period given for a file, read and checked (a clear refusal when it is not one). */
export function periodOf(text: string | null): SpendPeriod | null {
  if (!text) return null;
  const p = parsePeriod(text);
  if (!p.ok) throw new AppError('INVALID_INPUT', p.message, { period: p.message });
  return p.period;
}

export interface ReadOptions {
  choices: ScanOptionsChoices;
  /** Choices by column name (the CLI's --column). */
  named?: Parameters<typeof planScan>[0]['named'];
  saved: SavedMappings;
  period: SpendPeriod | null;
  wantLines: boolean;
  /** Called with the settled plan before any row is sorted; may throw to refuse. */
  checkPlan?(plan: ScanPlan): void | Promise<void>;
  /** Called before the file is read a second time (month-first): what the first reading wrote must go. */
  restart?(): void | Promise<void>;
}
type ScanOptionsChoices = Parameters<typeof planScan>[0]['choices'];

export interface FileReading {
  plan: ScanPlan;
  summary: ScanSummary | null;
  order: DateOrder;
}

/**
 * Reads a file: its plan from the first rows, then (when the plan lets rows be read) every row.
 * Day-first unless the file as a whole proves month-first, in which case it is read again.
 */
export async function readFile(src: SpendSource, opts: ReadOptions, sink: ScanSink = {}): Promise<FileReading> {
  try {
    return await readAs(src, opts, sink);
  } catch (e) {
    // A file taken for UTF-8 from its start that is not, further on: Windows-1252, read again from
    // the top (what the first reading wrote goes first). Never the case when the whole file was sniffed.
    if (!(e instanceof AppError && e.fields?.encoding === NOT_UTF8 && src.request.encoding === 'utf-8')) throw e;
    await opts.restart?.();
    src.sniffed.encoding = src.request.encoding = 'windows-1252';
    return readAs(src, opts, sink);
  }
}

async function readAs(src: SpendSource, opts: ReadOptions, sink: ScanSink): Promise<FileReading> {
  let session = await openScan(src.request);
  try {
    const head = await session.head();
    const plan = planScan({
      head,
      choices: opts.choices,
      savedMapping: (sig) => (opts.saved.has(sig) ? asSaved(opts.saved.get(sig)!.mapping) : null),
      fileName: src.fileName,
      hasPeriod: opts.period !== null,
      named: opts.named ?? null,
    });
    await opts.checkPlan?.(plan);
    if (!canSort(plan)) return { plan, summary: null, order: 'dmy' };
    const rowPlan = (order: DateOrder) => ({
      headerIndex: plan.headerIndex,
      normalisedHeader: plan.normalisedHeader,
      mapping: plan.mapping,
      order,
      period: opts.period && !plan.mapping.date ? { from: opts.period.from, financialYear: opts.period.financialYear } : null,
      wantLines: opts.wantLines,
      sampleSize: 20,
    });
    let order: DateOrder = 'dmy';
    let summary = await session.run(rowPlan(order), sink);
    if (needsMonthFirst(summary)) {
      // Rare: the file proved month-first. Read it again; whatever the first reading wrote goes first.
      await opts.restart?.();
      session = await openScan(src.request);
      await session.head();
      summary = await session.run(rowPlan((order = 'mdy')), sink);
    }
    return { plan, summary, order };
  } finally {
    session.close();
  }
}

const columnsOf = (m: ColumnMapping): Partial<Record<SpendRole, string>> => Object.fromEntries(SPEND_ROLES.filter((r) => m[r]).map((r) => [r, m[r]!.header]));

export function toPreview(
  src: SpendSource,
  reading: FileReading,
  extra: { organisationId: string | null; alreadyImported: boolean; duplicates: SpendDuplicate[]; period: SpendPeriod | null },
): SpendPreview {
  const { plan, summary: s, order } = reading;
  const undated = !plan.mapping.date;
  const period = undated ? extra.period : null;
  return {
    fileName: src.fileName,
    sha256: src.sniffed.sha256,
    kind: src.sniffed.kind,
    sheet: src.sheet,
    sheets: src.sheets,
    sheetGuesses: src.sheetGuesses,
    encoding: src.sniffed.encoding,
    delimiter: src.delimiter,
    headerRow: plan.headerRow,
    headers: plan.headers,
    mapping: plan.mapping,
    columns: columnsOf(plan.mapping),
    dateOrder: order,
    dateStyle: s?.dateStyle ?? (period ? 'period' : 'none'),
    period,
    periodGuess: undated ? guessPeriod([src.fileName, ...plan.preamble]) : null,
    mappingProblems: plan.problems,
    rows: s?.rows ?? 0,
    totalPence: s?.totalPence ?? 0,
    skipped: s?.skipped ?? [],
    skippedTotal: s?.skippedTotal ?? 0,
    badRows: s?.badRows ?? [],
    badRowTotal: s?.badRowTotal ?? 0,
    sample: s?.sample ?? [],
    dateFrom: period ? period.from : (s?.dateFrom ?? null),
    dateTo: period ? period.to : (s?.dateTo ?? null),
    years: s?.years ?? [],
    organisationId: extra.organisationId,
    alreadyImported: extra.alreadyImported,
    duplicates: extra.duplicates,
  };
}

/** The same content (and sheet) imported under organisations other than `organisationId`. */
export async function duplicatesOf(db: Db, sha256: string, sheet: string | null, organisationId: string | null): Promise<SpendDuplicate[]> {
  let q = db
    .selectFrom('spendFiles as f')
    .innerJoin('organisations as o', 'o.id', 'f.organisationId')
    .select(['f.id as fileId', 'f.fileName', 'o.name as organisation', 'f.importedAt'])
    .where('f.sha256', '=', sha256)
    .where('f.sheet', '=', sheet ?? '');
  if (organisationId) q = q.where('f.organisationId', '!=', organisationId);
  return q.orderBy('f.importedAt').execute();
}

export function badRowsError(s: ScanSummary): AppError {
  const listed = s.badRows.slice(0, 5).map((b) => `row ${b.row} (${b.reason})`);
  const more = s.badRowTotal - listed.length;
  return new AppError(
    'BAD_FILE',
    `${s.badRowTotal} transaction row${s.badRowTotal === 1 ? '' : 's'} could not be read: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}. ` +
      'Nothing was imported. Correct the file, or choose to skip these rows (--skip-bad-rows).',
  );
}

export const duplicateImport = (fileName: string, org: string): AppError =>
  new AppError('DUPLICATE_IMPORT', `"${fileName}" has already been imported for ${tidyName(org)} (the same file content). Nothing was added.`);

/** The same file under another organisation: double counting unless the user says both published it. */
export function duplicateElsewhere(fileName: string, org: string, others: SpendDuplicate[]): AppError {
  const where = others.map((d) => `${d.organisation} (on ${d.importedAt.slice(0, 10)})`).join(' and ');
  return new AppError(
    'DUPLICATE_IMPORT',
    `"${fileName}" has already been imported for ${where}: importing the same file for ${tidyName(org)} would count the same spend twice. ` +
      'Nothing was added. If both bodies really published this file, import it again allowing the duplicate (--allow-duplicate-file).',
  );
}
