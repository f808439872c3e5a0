/**
 * Importing the baseline and keeping the place's share of it. One region's rows of a CRA workbook
 * are kept (all-or-nothing, in one transaction); the latest import is the one the comparison
 * uses, earlier ones stay listed until deleted. The share of the region that is the place's is
 * either entered (e.g. from a partner's own estimate) or worked out from population by year.
 */
import fsp from 'node:fs/promises';
import { agencyTypeOf, unitsToPence } from '../../shared/calc/cra';
import type { BaselineFile, BaselineImportResult, BaselinePlace, BaselinePreview } from '../../shared/domain/baseline';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction } from '../core/recordStore';
import { discardUpload, resolveUpload } from '../core/transfers';
import { newId } from '../db/ids';
import { openCra, sameRegion } from './craFile';

type Unit = 'pounds' | 'thousands' | 'millions' | 'billions';

async function fileOf(ctx: ServiceContext, args: { uploadId?: string | null; file?: { path: string; name: string } }) {
  if (args.file) {
    const stat = await fsp.stat(args.file.path).catch(() => null);
    if (!stat?.isFile()) throw new AppError('BAD_FILE', `The file "${args.file.path}" does not exist or cannot be read.`);
    return args.file;
  }
  if (!args.uploadId) throw new AppError('INVALID_INPUT', 'Choose the Country and Regional Analysis workbook.', { uploadId: 'Choose a file' });
  const u = await resolveUpload(ctx, args.uploadId);
  return { path: u.path, name: u.name };
}

export async function previewBaseline(ctx: ServiceContext, args: { uploadId: string; unit?: Unit | null }): Promise<BaselinePreview> {
  const file = await fileOf(ctx, args);
  const cra = await openCra(file.path, file.name, args.unit ?? null);
  const regions = new Map<string, number>();
  for await (const r of cra.rows()) regions.set(r.region, (regions.get(r.region) ?? 0) + 1);
  return { fileName: cra.fileName, sheet: cra.sheet, unit: cra.unit.label, years: cra.years, regions: [...regions].map(([name, rows]) => ({ name, rows })) };
}

export interface BaselineImportArgs {
  uploadId?: string | null;
  file?: { path: string; name: string };
  region: string;
  share?: number | null;
  unit?: Unit | null;
}

export async function importBaseline(ctx: ServiceContext, args: BaselineImportArgs): Promise<BaselineImportResult> {
  const file = await fileOf(ctx, args);
  const cra = await openCra(file.path, file.name, args.unit ?? null);
  // Read (and check) everything before anything is written.
  const kept: { row: number; department: string; segment: string; fn: string; subFunction: string; agencyType: string; year: string; pence: number }[] = [];
  const regions = new Set<string>();
  const years: Record<string, number> = Object.fromEntries(cra.years.map((y) => [y, 0]));
  let region: string | null = null;
  let rows = 0;
  for await (const r of cra.rows()) {
    regions.add(r.region);
    if (!sameRegion(r.region, args.region)) continue;
    region ??= r.region;
    rows++;
    const agencyType = agencyTypeOf({ department: r.department, segment: r.segment, fn: r.fn, subFunction: r.subFunction });
    for (const f of r.figures) {
      const pence = unitsToPence(f.text, cra.unit.pencePerUnit);
      if (pence === null) {
        if (f.text.replace(/[-–.\s]/g, '') === '' || /^n\/?a$/i.test(f.text)) continue;
        throw new AppError('BAD_FILE', `"${cra.fileName}" row ${r.row}: the ${f.year} figure "${f.text}" cannot be read as a number. Nothing was imported.`);
      }
      years[f.year] = (years[f.year] ?? 0) + pence;
      kept.push({ row: r.row, department: r.department, segment: r.segment, fn: r.fn, subFunction: r.subFunction, agencyType, year: f.year, pence });
    }
  }
  if (!region) {
    const list = [...regions];
    throw new AppError(
      'BAD_FILE',
      `"${cra.fileName}" has no rows for the region "${args.region}". ${list.length ? `Its regions are: ${list.join(', ')}.` : 'It has no rows with a region.'} Nothing was imported.`,
      { region: 'Not a region of this file' },
    );
  }
  const result = await inWriteTransaction(ctx, async (trx, w) => {
    const same = await trx.selectFrom('baselineFiles').select('id').where('sha256', '=', cra.sha256).where('region', '=', region).executeTakeFirst();
    if (same) throw new AppError('DUPLICATE_IMPORT', `"${cra.fileName}" has already been imported for ${region}. Nothing was added.`);
    const fileId = newId();
    await trx
      .insertInto('baselineFiles')
      .values({
        id: fileId,
        fileName: cra.fileName,
        sha256: cra.sha256,
        sheet: cra.sheet,
        region,
        unit: cra.unit.label,
        pencePerUnit: cra.unit.pencePerUnit,
        importedAt: w.now,
        importedBy: w.actor,
        rowCount: rows,
        yearTotals: JSON.stringify(years),
      })
      .execute();
    const insert = ctx.sqlite.prepare(
      'INSERT INTO baseline_rows (file_id, row_number, department, segment, function, sub_function, agency_type, financial_year, amount_pence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const k of kept) insert.run(fileId, k.row, k.department, k.segment, k.fn, k.subFunction, k.agencyType, k.year, k.pence);
    if (args.share !== undefined && args.share !== null) await writeShare(trx, args.share, w);
    return { fileId, fileName: cra.fileName, sheet: cra.sheet, region, unit: cra.unit.label, rows, years };
  });
  if (args.uploadId) await discardUpload(ctx, args.uploadId);
  return result;
}

async function writeShare(trx: Parameters<Parameters<typeof inWriteTransaction>[1]>[0], share: number | null, w: { now: string; actor: string }) {
  await trx
    .insertInto('baselinePlace')
    .values({ id: 1, share, updatedAt: w.now, updatedBy: w.actor })
    .onConflict((oc) => oc.column('id').doUpdateSet({ share, updatedAt: w.now, updatedBy: w.actor }))
    .execute();
}

export async function baselineFiles(ctx: ServiceContext): Promise<BaselineFile[]> {
  const rows = await ctx.db.selectFrom('baselineFiles').selectAll().orderBy('importedAt', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r, i) => ({
    fileId: r.id,
    fileName: r.fileName,
    sheet: r.sheet,
    region: r.region,
    unit: r.unit,
    rows: r.rowCount,
    years: JSON.parse(r.yearTotals) as Record<string, number>,
    importedAt: r.importedAt,
    importedBy: r.importedBy,
    current: i === 0,
  }));
}

export async function deleteBaselineFile(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  return ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('baselineRows').where('fileId', '=', id).execute();
    const r = await trx.deleteFrom('baselineFiles').where('id', '=', id).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND', 'That baseline was not found (it may have been deleted).');
    return { id };
  });
}

export async function baselinePlace(ctx: ServiceContext): Promise<BaselinePlace> {
  const place = await ctx.db.selectFrom('baselinePlace').selectAll().where('id', '=', 1).executeTakeFirst();
  const population = await ctx.db.selectFrom('baselinePopulation').selectAll().orderBy('financialYear').execute();
  return {
    share: place?.share ?? null,
    population: population.map((p) => ({ year: p.financialYear, place: p.place, region: p.region })),
    updatedAt: place?.updatedAt ?? population.at(-1)?.updatedAt ?? null,
    updatedBy: place?.updatedBy ?? population.at(-1)?.updatedBy ?? null,
  };
}

/** Sets the share and the population by year (years not given are left as they were; a year given with neither figure is removed). */
export async function setBaselinePlace(ctx: ServiceContext, input: { share: number | null; population: { year: string; place: number | null; region: number | null }[] }): Promise<BaselinePlace> {
  const years = input.population.map((p) => p.year);
  if (new Set(years).size !== years.length) throw new AppError('INVALID_INPUT', 'Each year may be given once.', { population: 'Each year may be given once' });
  await inWriteTransaction(ctx, async (trx, w) => {
    await writeShare(trx, input.share, w);
    for (const p of input.population) {
      if (p.place === null && p.region === null) {
        await trx.deleteFrom('baselinePopulation').where('financialYear', '=', p.year).execute();
        continue;
      }
      await trx
        .insertInto('baselinePopulation')
        .values({ financialYear: p.year, place: p.place, region: p.region, updatedAt: w.now, updatedBy: w.actor })
        .onConflict((oc) => oc.column('financialYear').doUpdateSet({ place: p.place, region: p.region, updatedAt: w.now, updatedBy: w.actor }))
        .execute();
    }
  });
  return baselinePlace(ctx);
}
