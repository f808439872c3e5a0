/** Reading the spend map: the whole-place summary, drill-down to lines, imported files. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ColumnMapping, SkippedRow, SpendFile, SpendLine, SpendLinesFilter, SpendLinesPage, SpendSummaryRow, UnclassifiedGroup } from '../../shared/domain/spend';
import { notFound } from '../../shared/errors';
import type { ServiceContext } from '../core/context';

/** Organisation × theme × financial year, from the maintained totals (never a scan of the lines). */
export async function spendSummary(ctx: ServiceContext): Promise<SpendSummaryRow[]> {
  const rows = await ctx.db
    .selectFrom('spendTotals as t')
    .innerJoin('organisations as o', 'o.id', 't.organisationId')
    .leftJoin('themes as th', 'th.id', 't.themeKey')
    .select(['t.organisationId', 'o.name as organisation', 't.themeKey', 'th.name as theme', 't.financialYear', 't.rowCount', 't.totalPence'])
    .where('t.rowCount', '>', 0)
    .orderBy('o.name')
    .orderBy('t.financialYear')
    .orderBy(sql`th.name IS NULL`)
    .orderBy('th.name')
    .execute();
  return rows.map((r) => ({
    organisation: r.organisation,
    organisationId: r.organisationId,
    theme: r.themeKey === '' ? null : (r.theme ?? null),
    themeId: r.themeKey === '' ? null : r.themeKey,
    year: r.financialYear,
    rows: r.rowCount,
    totalPence: r.totalPence,
  }));
}

export async function spendLines(ctx: ServiceContext, f: z.output<typeof SpendLinesFilter>): Promise<SpendLinesPage> {
  let q = ctx.db.selectFrom('spendLines as l').innerJoin('spendFiles as f', 'f.fileNo', 'l.fileNo');
  if (f.organisationId) q = q.where('f.organisationId', '=', f.organisationId);
  if (f.year) q = q.where('l.financialYear', '=', f.year);
  if (f.theme === 'unclassified') q = q.where('l.themeId', 'is', null);
  else if (f.theme) q = q.where('l.themeId', '=', f.theme);
  if (f.fileId) q = q.where('f.id', '=', f.fileId);
  const agg = await q.select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(l.amount_pence), 0)`.as('pence')]).executeTakeFirstOrThrow();
  const rows = await q
    .innerJoin('organisations as o', 'o.id', 'f.organisationId')
    .leftJoin('themes as th', 'th.id', 'l.themeId')
    .selectAll('l')
    .select(['f.id as fileId', 'f.fileName', 'f.sheet', 'o.name as organisation', 'th.name as theme'])
    .orderBy('l.date')
    .orderBy('f.importedAt')
    .orderBy('l.rowNumber')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(agg.n),
    totalPence: Number(agg.pence),
    lines: rows.map(
      (r): SpendLine => ({
        row: r.rowNumber,
        date: r.date,
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
        themeId: r.themeId,
        theme: r.theme ?? null,
      }),
    ),
  };
}

export async function spendFiles(ctx: ServiceContext): Promise<SpendFile[]> {
  const rows = await ctx.db
    .selectFrom('spendFiles as f')
    .innerJoin('organisations as o', 'o.id', 'f.organisationId')
    .selectAll('f')
    .select('o.name as organisation')
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
  }));
}

/** Unclassified lines grouped by what rules can match on, biggest spend first: the work list. */
export async function unclassifiedGroups(ctx: ServiceContext): Promise<UnclassifiedGroup[]> {
  const rows = await ctx.db
    .selectFrom('spendLines')
    .select(['serviceArea', 'expenseType', sql<number>`count(*)`.as('rows'), sql<number>`sum(amount_pence)`.as('totalPence')])
    .where('themeId', 'is', null)
    .groupBy(['serviceArea', 'expenseType'])
    .orderBy(sql`abs(sum(amount_pence))`, 'desc')
    .limit(300)
    .execute();
  return rows.map((r) => ({ serviceArea: r.serviceArea, expenseType: r.expenseType, rows: Number(r.rows), totalPence: Number(r.totalPence) }));
}

/** Rebuilds the totals (all, or one organisation's) from the lines. */
export async function rebuildTotals(db: ServiceContext['db'], organisationId?: string): Promise<void> {
  if (organisationId) {
    await sql`DELETE FROM spend_totals WHERE organisation_id = ${organisationId}`.execute(db);
    await sql`INSERT INTO spend_totals (organisation_id, theme_key, financial_year, row_count, total_pence)
      SELECT f.organisation_id, ifnull(l.theme_id, ''), l.financial_year, count(*), sum(l.amount_pence)
      FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no
      WHERE f.organisation_id = ${organisationId} GROUP BY 1, 2, 3`.execute(db);
    return;
  }
  await sql`DELETE FROM spend_totals`.execute(db);
  await sql`INSERT INTO spend_totals (organisation_id, theme_key, financial_year, row_count, total_pence)
    SELECT f.organisation_id, ifnull(l.theme_id, ''), l.financial_year, count(*), sum(l.amount_pence)
    FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no GROUP BY 1, 2, 3`.execute(db);
}

/** Removes an imported file and its lines (a wrong import can be undone and imported again). */
export async function deleteSpendFile(ctx: ServiceContext, id: string): Promise<{ id: string; rows: number }> {
  return ctx.db.transaction().execute(async (trx) => {
    const file = await trx.selectFrom('spendFiles').select(['id', 'fileNo', 'organisationId', 'rowCount']).where('id', '=', id).executeTakeFirst();
    if (!file) throw notFound('The imported file');
    await trx.deleteFrom('spendLines').where('fileNo', '=', file.fileNo).execute();
    await trx.deleteFrom('spendFiles').where('id', '=', id).execute();
    await rebuildTotals(trx, file.organisationId);
    return { id, rows: file.rowCount };
  });
}
