/**
 * Reading the spend map: the whole-place summary, drill-down to lines, imported files, the
 * unclassified work list. Every total comes from the maintained aggregates (spend_totals,
 * spend_groups, the files' own totals), never from grouping the lines, so each page stays quick
 * at a million lines. Other capabilities read spend through this file.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  ColumnMapping,
  DateStyle,
  SkippedRow,
  SpendFile,
  SpendLine,
  SpendLinesFilter,
  SpendLinesPage,
  SpendRuleHits,
  SpendSummaryRow,
  SpendYearTotal,
  UnclassifiedFilter,
  UnclassifiedPage,
} from '../../shared/domain/spend';
import { periodFromRange } from '../../shared/calc/spendPeriod';
import { notFound } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { applyGroupDeltas, fileRange, groupsOf, negate } from './aggregates';
import { countLines, topKeys } from './splitReads';
import { foundBefore } from './foundBefore';
import { linesQuery, LINES_BY_KEY, type LinesFilter, type LinesQuery } from './lineQuery';
import type { SpendLinesTable } from './tables';

/** Organisation × theme × financial year, from the maintained totals (never a scan of the lines). */
export async function spendSummary(ctx: ServiceContext): Promise<SpendSummaryRow[]> {
  const rows = await ctx.db
    .selectFrom('spendTotals as t')
    .innerJoin('organisations as o', 'o.id', 't.organisationId')
    .leftJoin('themes as th', 'th.id', 't.themeKey')
    .select(['t.organisationId', 'o.name as organisation', 'o.type as organisationType', 't.themeKey', 'th.name as theme', 't.financialYear', 't.rowCount', 't.totalPence'])
    .where('t.rowCount', '>', 0)
    .orderBy('o.name')
    .orderBy('t.financialYear')
    .orderBy(sql`th.name IS NULL`)
    .orderBy('th.name')
    .execute();
  return rows.map((r) => ({
    organisation: r.organisation,
    organisationId: r.organisationId,
    organisationType: r.organisationType,
    theme: r.themeKey === '' ? null : (r.theme ?? null),
    themeId: r.themeKey === '' ? null : r.themeKey,
    year: r.financialYear,
    rows: r.rowCount,
    totalPence: r.totalPence,
  }));
}

/** A line as LINES_BY_KEY reads it: its stored columns, with its file, organisation and theme. */
type LineRow = Omit<SpendLinesTable, 'fileNo' | 'rowNumber'> & {
  rowNumber: number;
  fileId: string;
  fileName: string;
  sheet: string;
  organisation: string;
  organisationId: string;
  theme: string | null;
  manualBy: string | null;
  manualAt: string | null;
};

const toLine = (r: LineRow): SpendLine => ({
  lineKey: r.lineKey,
  row: r.rowNumber,
  date: r.date,
  periodEnd: r.periodEnd,
  financialYear: r.financialYear,
  amountPence: r.amountPence,
  supplier: r.supplier,
  serviceArea: r.serviceArea,
  expenseType: r.expenseType,
  transactionRef: r.transactionRef,
  orgUnit: r.orgUnit,
  description: r.description,
  fileId: r.fileId,
  fileName: r.fileName,
  sheet: r.sheet === '' ? null : r.sheet,
  organisation: r.organisation,
  organisationId: r.organisationId,
  themeId: r.themeId,
  theme: r.theme ?? null,
  classifiedBy: r.manualBy ? { kind: 'manual', setBy: r.manualBy, setAt: r.manualAt! } : r.ruleId ? { kind: 'rule', ruleId: r.ruleId } : null,
});

/**
 * A page of the lines behind a figure. The count and total come from the aggregates when the
 * selection is a cell of them (no text search, no rule). Otherwise the lines are counted in one
 * pass, which also collects the keys of what it finds while they are few: the page is then sorted
 * from those keys alone (a search for one supplier or transaction id reads the lines once). What is
 * common (more than FEW) is paged in the filter's order off an index, which soon finds a page of it.
 * The count is remembered until the data changes (foundBefore): the next page does not count again.
 * At a million lines it is counted on several threads at once (countLines).
 */
export async function spendLines(ctx: ServiceContext, f: z.output<typeof SpendLinesFilter>): Promise<SpendLinesPage> {
  const q = await linesQuery(ctx, f);
  const cell = await cellTotals(ctx, f);
  // Lines by date are read off the date index, by row in key order (both stop at the page); in any
  // other order every line of the selection is read, and that can be split across threads.
  const scanned = f.sort === 'date' || f.sort === 'row' ? null : q;
  if (cell) return { total: Number(cell.n), totalPence: Number(cell.p), lines: linesByKey(ctx, await pageKeys(ctx, q.from, q, scanned, Number(cell.n), f.offset, f.limit)) };
  const found = await foundBefore(ctx.sqlite, JSON.stringify([q.scan, q.params]), () => countLines(ctx, q));
  const total = Number(found.n);
  const from = found.keys === null ? q.from : 'FROM spend_lines l WHERE l.line_key IN (SELECT value FROM json_each(?))';
  const params = found.keys === null ? q.params : [found.keys];
  const order = { params, orderBy: q.orderBy, reversedOrderBy: q.reversedOrderBy };
  return { total, totalPence: Number(found.p), lines: total === 0 ? [] : linesByKey(ctx, await pageKeys(ctx, from, order, found.keys === null ? scanned : null, total, f.offset, f.limit)) };
}

/**
 * The keys of one page. SQLite sorts a page at offset k by keeping the first k + limit lines, so
 * the last page of a million-line file sorted by date cost a full sort (1.4 s); a page past the
 * middle is instead read from the other end in the reversed order (a short top-N pass over the
 * lines) and turned round, which gives exactly the same lines in the same order. When `scanned`
 * is given, `from` reads every line of that selection, and the read may be split (topKeys).
 */
async function pageKeys(
  ctx: ServiceContext,
  from: string,
  q: Pick<LinesQuery, 'params' | 'orderBy' | 'reversedOrderBy'>,
  scanned: LinesQuery | null,
  total: number,
  offset: number,
  limit: number,
): Promise<number[]> {
  const read = (orderBy: string, byAmount: 'ASC' | 'DESC' | null, n: number, skip: number) =>
    scanned ? topKeys(ctx, scanned, { orderBy, byAmount, total }, n, skip) : (ctx.sqlite.prepare(`SELECT l.line_key ${from} ${orderBy} LIMIT ? OFFSET ?`).pluck().all(...q.params, n, skip) as number[]);
  const fromEnd = total - offset - limit;
  const byAmount = scanned?.byAmount ?? null;
  if (offset <= total / 2 || offset >= total) return read(q.orderBy, byAmount, limit, offset);
  return (await read(q.reversedOrderBy, byAmount && (byAmount === 'ASC' ? 'DESC' : 'ASC'), limit + Math.min(fromEnd, 0), Math.max(fromEnd, 0))).reverse();
}

/** The lines with these keys, in the order given. */
function linesByKey(ctx: ServiceContext, keys: number[]): SpendLine[] {
  if (keys.length === 0) return [];
  const byKey = new Map((ctx.sqlite.prepare(LINES_BY_KEY(keys.length)).all(...keys) as LineRow[]).map((r) => [r.lineKey, r]));
  return keys.map((k) => toLine(byKey.get(k)!));
}

/** Every line a filter selects, in its order, a few thousand at a time (for exports). */
export async function* allSpendLines(ctx: ServiceContext, f: LinesFilter): AsyncGenerator<SpendLine[]> {
  const q = await linesQuery(ctx, f);
  // Every line: one pass and one sort beat reading an index in the export's order (each line then looked up at random).
  const keys = ctx.sqlite.prepare(`SELECT l.line_key ${q.scan} ${q.orderBy}`).pluck().all(...q.params) as number[];
  for (let i = 0; i < keys.length; i += 500) yield linesByKey(ctx, keys.slice(i, i + 500));
}

/** The count and total of an organisation × theme × year selection, from the maintained aggregates. */
async function cellTotals(ctx: ServiceContext, f: LinesFilter): Promise<{ n: number; p: number } | null> {
  if (f.q || f.classifiedBy) return null;
  if (f.fileId) {
    if (f.theme || f.year) return null;
    const file = await ctx.db.selectFrom('spendFiles').select(['rowCount', 'totalPence']).where('id', '=', f.fileId).executeTakeFirst();
    return { n: file?.rowCount ?? 0, p: file?.totalPence ?? 0 };
  }
  let q = ctx.db.selectFrom('spendTotals').select([sql<number>`coalesce(sum(row_count), 0)`.as('n'), sql<number>`coalesce(sum(total_pence), 0)`.as('p')]);
  if (f.organisationId) q = q.where('organisationId', '=', f.organisationId);
  if (f.year) q = q.where('financialYear', '=', f.year);
  if (f.theme === 'unclassified') q = q.where('themeKey', '=', '');
  else if (f.theme) q = q.where('themeKey', '=', f.theme);
  return q.executeTakeFirstOrThrow();
}

export async function spendFiles(ctx: ServiceContext): Promise<SpendFile[]> {
  const rows = await ctx.db
    .selectFrom('spendFiles as f')
    .innerJoin('organisations as o', 'o.id', 'f.organisationId')
    .leftJoin('spendFiles as d', 'd.id', 'f.duplicateOf')
    .leftJoin('organisations as dorg', 'dorg.id', 'd.organisationId')
    .selectAll('f')
    .select(['o.name as organisation', 'dorg.name as duplicateOrganisation'])
    .orderBy('f.importedAt', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    sha256: r.sha256,
    organisationId: r.organisationId,
    organisation: r.organisation,
    sheet: r.sheet === '' ? null : r.sheet,
    kind: r.kind,
    encoding: r.encoding,
    headerRow: r.headerRow,
    mapping: JSON.parse(r.mapping) as ColumnMapping,
    skipped: JSON.parse(r.skipped) as SkippedRow[],
    importedAt: r.importedAt,
    importedBy: r.importedBy,
    rows: r.rowCount,
    totalPence: r.totalPence,
    dateFrom: r.dateFrom,
    dateTo: r.dateTo,
    dateStyle: (r.dateStyle as DateStyle | null) ?? null,
    period: r.periodFrom && r.periodTo ? periodFromRange(r.periodFrom, r.periodTo) : null,
    years: JSON.parse(r.yearTotals) as SpendYearTotal[],
    duplicateOf: r.duplicateOf ? { fileId: r.duplicateOf, organisation: r.duplicateOrganisation ?? '(a deleted import)' } : null,
  }));
}

/** What each order of the unclassified list sorts by (names without case, blanks last either way; money by size either side of zero). */
const UNCLASSIFIED_ORDER = {
  total: sql`abs(x.total_pence)`,
  organisation: sql`o.name COLLATE NOCASE`,
  serviceArea: sql`x.service_area = '', x.service_area COLLATE NOCASE`,
  expenseType: sql`x.expense_type = '', x.expense_type COLLATE NOCASE`,
  lines: sql`x.rows`,
} as const;

/** Unclassified spend grouped by organisation, service area and expense type, biggest first, a page at a time. */
export async function unclassifiedGroups(ctx: ServiceContext, f: z.output<typeof UnclassifiedFilter>): Promise<UnclassifiedPage> {
  let base = ctx.db.selectFrom('spendGroups as g').where('g.themeKey', '=', '');
  if (f.organisationId) base = base.where('g.organisationId', '=', f.organisationId);
  if (f.year) base = base.where('g.financialYear', '=', f.year);
  const grouped = base
    .select(['g.organisationId', 'g.serviceArea', 'g.expenseType', sql<number>`sum(g.row_count)`.as('rows'), sql<number>`sum(g.total_pence)`.as('totalPence')])
    .groupBy(['g.organisationId', 'g.serviceArea', 'g.expenseType']);
  const totals = await ctx.db
    .selectFrom(grouped.as('x'))
    .select([sql<number>`count(*)`.as('groups'), sql<number>`coalesce(sum(x.rows), 0)`.as('rows'), sql<number>`coalesce(sum(x.total_pence), 0)`.as('pence')])
    .executeTakeFirstOrThrow();
  const page = await ctx.db
    .selectFrom(grouped.as('x'))
    .innerJoin('organisations as o', 'o.id', 'x.organisationId')
    .select(['x.organisationId', 'o.name as organisation', 'x.serviceArea', 'x.expenseType', 'x.rows', 'x.totalPence'])
    .orderBy(UNCLASSIFIED_ORDER[f.sort], f.dir ?? (f.sort === 'total' || f.sort === 'lines' ? 'desc' : 'asc'))
    .orderBy(sql`abs(x.total_pence)`, 'desc')
    .orderBy('o.name')
    .orderBy('x.serviceArea')
    .orderBy('x.expenseType')
    .orderBy('x.organisationId')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    totalGroups: Number(totals.groups),
    totalRows: Number(totals.rows),
    totalPence: Number(totals.pence),
    groups: page.map((r) => ({
      organisationId: r.organisationId,
      organisation: r.organisation,
      serviceArea: r.serviceArea === '' ? null : r.serviceArea,
      expenseType: r.expenseType === '' ? null : r.expenseType,
      rows: Number(r.rows),
      totalPence: Number(r.totalPence),
    })),
  };
}

/** Lines and spend per rule (and set by hand), from the maintained aggregate. */
export async function ruleHits(ctx: ServiceContext): Promise<SpendRuleHits> {
  const rows = await ctx.db
    .selectFrom('spendGroups')
    .select(['ruleKey', sql<number>`sum(row_count)`.as('rows'), sql<number>`sum(total_pence)`.as('pence'), sql<number>`max(theme_key <> '')`.as('themed')])
    .groupBy('ruleKey')
    .execute();
  const hits: SpendRuleHits = { byRule: {}, manual: { rows: 0, totalPence: 0 }, unrecorded: { rows: 0, totalPence: 0 } };
  for (const r of rows) {
    const t = { rows: Number(r.rows), totalPence: Number(r.pence) };
    if (r.ruleKey === 'manual') hits.manual = t;
    else if (r.ruleKey !== '') hits.byRule[r.ruleKey] = t;
  }
  // Lines with a theme but no rule recorded: classified before rules were tracked (migration 0009).
  const unrecorded = await ctx.db
    .selectFrom('spendGroups')
    .select([sql<number>`coalesce(sum(row_count), 0)`.as('rows'), sql<number>`coalesce(sum(total_pence), 0)`.as('pence')])
    .where('ruleKey', '=', '')
    .where('themeKey', '!=', '')
    .executeTakeFirstOrThrow();
  hits.unrecorded = { rows: Number(unrecorded.rows), totalPence: Number(unrecorded.pence) };
  return hits;
}

/** Counted spend by organisation, year and service area (for the baseline comparison), from the aggregate. */
export async function spendByServiceArea(ctx: ServiceContext): Promise<{ organisationId: string; organisationType: string; year: string; serviceArea: string; expenseType: string; totalPence: number }[]> {
  const rows = await ctx.db
    .selectFrom('spendGroups as g')
    .innerJoin('organisations as o', 'o.id', 'g.organisationId')
    .select(['g.organisationId', 'o.type as organisationType', 'g.financialYear as year', 'g.serviceArea', 'g.expenseType', sql<number>`sum(g.total_pence)`.as('totalPence')])
    .groupBy(['g.organisationId', 'g.financialYear', 'g.serviceArea', 'g.expenseType'])
    .execute();
  return rows.map((r) => ({ ...r, totalPence: Number(r.totalPence) }));
}

/** Removes an imported file and its lines (a wrong import can be undone and imported again). */
export async function deleteSpendFile(ctx: ServiceContext, id: string): Promise<{ id: string; rows: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const file = await trx.selectFrom('spendFiles').select(['id', 'fileNo', 'organisationId', 'rowCount']).where('id', '=', id).executeTakeFirst();
    if (!file) throw notFound('The imported file');
    const [from, to] = fileRange(file.fileNo);
    // Its share of the aggregates goes first, counted from its own lines (a range of the primary key).
    applyGroupDeltas(ctx.sqlite, file.organisationId, negate(groupsOf(ctx.sqlite, 'l.line_key >= ? AND l.line_key < ?', from, to)));
    ctx.sqlite.prepare('DELETE FROM spend_line_themes WHERE line_key >= ? AND line_key < ?').run(from, to);
    ctx.sqlite.prepare('DELETE FROM spend_lines WHERE line_key >= ? AND line_key < ?').run(from, to);
    await trx.updateTable('spendFiles').set({ duplicateOf: null }).where('duplicateOf', '=', id).execute();
    await trx.deleteFrom('spendFiles').where('id', '=', id).execute();
    return { id, rows: file.rowCount };
  });
}

// Reading a published table (CSV or XLSX) as rows of text, for capabilities that import other
// published data the same way (the baseline's CRA workbook).
export { sniffFile } from './sniff';
export { csvRows, detectDelimiter, type SourceRow } from './csvRows';
export { xlsxRows, xlsxSheets } from './xlsxRows';
