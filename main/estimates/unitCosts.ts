/**
 * The unit-cost library and the two editable reference tables (deflators, confidence grades).
 * An import is all or nothing: any row in error refuses the whole file and writes nothing.
 */
import type { UnitCostImportResult, UnitCostPreview } from '../../shared/contract/estimates';
import type { ConfidenceGrade, Deflator, UnitCost } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';
import { insertRecord, softDeleteRecord, toDomain, updateRecord } from '../db/records';
import { readUnitCostFile } from './unitCostFile';
import { writeContext, type ServiceContext } from '../core/context';
import { discardUpload, resolveUpload } from '../core/transfers';

type Patch = Record<string, unknown>;
const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listUnitCosts(ctx: ServiceContext, filter: { text?: string | undefined }): Promise<UnitCost[]> {
  let q = ctx.db.selectFrom('unitCosts').selectAll().where('deletedAt', 'is', null);
  if (filter.text) {
    const like = escapeLike(filter.text);
    q = q.where((eb) => eb.or([eb('code', 'like', like), eb('description', 'like', like), eb('agency', 'like', like), eb('unit', 'like', like)]));
  }
  const rows = await q.orderBy('code').execute();
  return rows.map((r) => toDomain<UnitCost>('unitCosts', r));
}

/** Refuses a second live row with the same key (the unique index would, less clearly). */
async function assertUnique(ctx: ServiceContext, table: 'unitCosts' | 'deflators' | 'confidenceGrades', column: 'code' | 'year' | 'grade', value: string, exceptId: string | null, what: string) {
  const rows = await ctx.db.selectFrom(table).select(['id', column]).where('deletedAt', 'is', null).execute();
  const clash = (rows as { id: string; [k: string]: string }[]).find((r) => r[column]!.toLowerCase() === value.toLowerCase() && r.id !== exceptId);
  if (clash) throw new AppError('CONFLICT', `${what} "${value}" is already in the table; edit that row instead.`, { [column]: `${what} ${value} already exists` });
}

function crud<T extends { id: string }>(table: 'unitCosts' | 'deflators' | 'confidenceGrades', key: 'code' | 'year' | 'grade', what: string) {
  return {
    async add(ctx: ServiceContext, data: Patch): Promise<T> {
      await assertUnique(ctx, table, key, String(data[key]), null, what);
      const w = await writeContext(ctx);
      return ctx.db.transaction().execute((trx) => insertRecord<T>(trx, table, data, w));
    },
    async update(ctx: ServiceContext, input: { id: string; rev: string; patch: Patch }): Promise<T> {
      if (typeof input.patch[key] === 'string') await assertUnique(ctx, table, key, input.patch[key] as string, input.id, what);
      const w = await writeContext(ctx);
      return ctx.db.transaction().execute((trx) => updateRecord<T>(trx, table, input.id, input.rev, input.patch, w));
    },
    async remove(ctx: ServiceContext, input: { id: string; rev: string }): Promise<T> {
      const w = await writeContext(ctx);
      return ctx.db.transaction().execute((trx) => softDeleteRecord<T>(trx, table, input.id, input.rev, w));
    },
  };
}

export const unitCosts = crud<UnitCost>('unitCosts', 'code', 'The unit cost code');
export const deflators = crud<Deflator>('deflators', 'year', 'A deflator for');
export const confidenceGrades = crud<ConfidenceGrade>('confidenceGrades', 'grade', 'Confidence grade');

export async function listDeflators(ctx: ServiceContext): Promise<Deflator[]> {
  const rows = await ctx.db.selectFrom('deflators').selectAll().where('deletedAt', 'is', null).orderBy('year').execute();
  return rows.map((r) => toDomain<Deflator>('deflators', r));
}

export async function listConfidenceGrades(ctx: ServiceContext): Promise<ConfidenceGrade[]> {
  const rows = await ctx.db.selectFrom('confidenceGrades').selectAll().where('deletedAt', 'is', null).orderBy('grade').execute();
  return rows.map((r) => toDomain<ConfidenceGrade>('confidenceGrades', r));
}

async function planImport(ctx: ServiceContext, uploadId: string) {
  const upload = await resolveUpload(ctx, uploadId);
  const parsed = await readUnitCostFile(upload.path, upload.name);
  const existing = new Map((await listUnitCosts(ctx, {})).map((u) => [u.code.toLowerCase(), u]));
  const rows = parsed.rows.map((r) => {
    const current = existing.get(r.value.code.toLowerCase());
    const same =
      current &&
      (['description', 'unit', 'agency', 'valuePence', 'priceYear', 'source', 'quality'] as const).every((k) => (current[k] ?? null) === (r.value[k] ?? null));
    return { ...r, action: (!current ? 'add' : same ? 'unchanged' : 'update') as 'add' | 'update' | 'unchanged', current };
  });
  return { upload, parsed, rows };
}

export async function previewUnitCostImport(ctx: ServiceContext, uploadId: string): Promise<UnitCostPreview> {
  const { upload, parsed, rows } = await planImport(ctx, uploadId);
  return {
    fileName: upload.name,
    columns: parsed.columns,
    rows: rows.map((r) => ({ row: r.row, action: r.action, ...r.value, source: r.value.source ?? null, quality: r.value.quality ?? null })),
    errors: parsed.errors,
  };
}

export async function importUnitCosts(ctx: ServiceContext, uploadId: string): Promise<UnitCostImportResult> {
  const { upload, parsed, rows } = await planImport(ctx, uploadId);
  if (parsed.errors.length) {
    const first = parsed.errors.slice(0, 5).map((e) => e.message).join('; ');
    throw new AppError('BAD_FILE', `Nothing was imported: ${parsed.errors.length} row${parsed.errors.length === 1 ? ' has' : 's have'} problems. ${first}`);
  }
  if (!rows.length) throw new AppError('BAD_FILE', `"${upload.name}" has no unit costs under its headings.`);
  const w = await writeContext(ctx);
  const result = await ctx.db.transaction().execute(async (trx) => {
    let added = 0;
    let updated = 0;
    for (const r of rows) {
      if (r.action === 'add') {
        await insertRecord(trx, 'unitCosts', r.value, w);
        added++;
      } else if (r.action === 'update') {
        await updateRecord(trx, 'unitCosts', r.current!.id, r.current!.rev, r.value, w);
        updated++;
      }
    }
    return { fileName: upload.name, added, updated, unchanged: rows.length - added - updated };
  });
  await discardUpload(ctx, uploadId);
  return result;
}
