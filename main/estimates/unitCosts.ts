/**
 * The unit-cost library and the two editable reference tables (deflators, confidence grades).
 * An import is all or nothing: any row in error refuses the whole file and writes nothing.
 */
import type { UnitCostImportResult, UnitCostPreview } from '../../shared/contract/estimates';
import type { ConfidenceGrade, Deflator, UnitCost } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';
import type { Columns } from '../db/columns';
import type { InsertOf, PatchOf, RecordTable } from '../db/recordSpec';
import { readUnitCostFile } from './unitCostFile';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import { discardUpload, resolveUpload } from '../core/transfers';
import * as tables from './records';
const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listUnitCosts(ctx: ServiceContext, filter: { text?: string | undefined }): Promise<UnitCost[]> {
  let q = ctx.db.selectFrom('unitCosts').selectAll().where('deletedAt', 'is', null);
  if (filter.text) {
    const like = escapeLike(filter.text);
    q = q.where((eb) => eb.or([eb('code', 'like', like), eb('description', 'like', like), eb('agency', 'like', like), eb('unit', 'like', like)]));
  }
  const rows = await q.orderBy('code').execute();
  return rows.map(unitCosts.toDomain);
}

/** Refuses a second live row with the same key (the unique index would, less clearly). */
async function assertUnique(ctx: ServiceContext, table: 'unitCosts' | 'deflators' | 'confidenceGrades', column: 'code' | 'year' | 'grade', value: string, exceptId: string | null, what: string) {
  const rows = await ctx.db.selectFrom(table).select(['id', column]).where('deletedAt', 'is', null).execute();
  const clash = (rows as { id: string; [k: string]: string }[]).find((r) => r[column]!.toLowerCase() === value.toLowerCase() && r.id !== exceptId);
  if (clash) throw new AppError('CONFLICT', `${what} "${value}" is already in the table; edit that row instead.`, { [column]: `${what} ${value} already exists` });
}

/** A reference table's store, refusing a second live row with the same key before it writes. */
function withUniqueKey<T extends RecordTable<Columns>>(spec: T, key: 'code' | 'year' | 'grade', what: string) {
  const store = recordStore(spec);
  const table = spec.table as 'unitCosts' | 'deflators' | 'confidenceGrades';
  const keyOf = (data: object): unknown => (data as Record<string, unknown>)[key];
  return {
    ...store,
    async add(ctx: ServiceContext, data: InsertOf<T>) {
      await assertUnique(ctx, table, key, String(keyOf(data)), null, what);
      return store.add(ctx, data);
    },
    async update(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<T> }) {
      const value = keyOf(input.patch);
      if (typeof value === 'string') await assertUnique(ctx, table, key, value, input.id, what);
      return store.update(ctx, input);
    },
  };
}

export const unitCosts = withUniqueKey(tables.unitCosts, 'code', 'The unit cost code');
export const deflators = withUniqueKey(tables.deflators, 'year', 'A deflator for');
export const confidenceGrades = withUniqueKey(tables.confidenceGrades, 'grade', 'Confidence grade');

export async function listDeflators(ctx: ServiceContext): Promise<Deflator[]> {
  const rows = await ctx.db.selectFrom('deflators').selectAll().where('deletedAt', 'is', null).orderBy('year').execute();
  return rows.map(deflators.toDomain);
}

export async function listConfidenceGrades(ctx: ServiceContext): Promise<ConfidenceGrade[]> {
  const rows = await ctx.db.selectFrom('confidenceGrades').selectAll().where('deletedAt', 'is', null).orderBy('grade').execute();
  return rows.map(confidenceGrades.toDomain);
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
  const result = await inWriteTransaction(ctx, async (trx, w) => {
    let added = 0;
    let updated = 0;
    for (const r of rows) {
      if (r.action === 'add') {
        await unitCosts.insertIn(trx, w, r.value);
        added++;
      } else if (r.action === 'update') {
        await unitCosts.updateIn(trx, w, { id: r.current!.id, rev: r.current!.rev, patch: r.value });
        updated++;
      }
    }
    return { fileName: upload.name, added, updated, unchanged: rows.length - added - updated };
  });
  await discardUpload(ctx, uploadId);
  return result;
}
