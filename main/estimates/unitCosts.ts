/**
 * The unit-cost library and the two editable reference tables (deflators, confidence grades).
 * Unit costs are keyed by code + variant (the Unit Cost Database repeats codes). An import is all
 * or nothing: any row in error refuses the whole file and writes nothing. A file is read where it
 * is (the CLI) or from an upload (the app); every upload is removed once previewed, imported or
 * refused, so no copy of it is left behind.
 */
import type { UnitCostImportResult, UnitCostPreview } from '../../shared/contract/estimates';
import type { ConfidenceGrade, Deflator, UnitCost, UnitCostInput } from '../../shared/domain/estimates';
import { unitCostName } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';
import type { Columns } from '../db/columns';
import type { InsertOf, PatchOf, RecordTable } from '../db/recordSpec';
import { readUnitCostFile, type ParsedUnitCostFile } from './unitCostFile';
import type { ServiceContext } from '../core/context';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import { discardUpload, resolveUpload } from '../core/transfers';
import * as tables from './records';

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const unitCostStore = recordStore(tables.unitCosts);

export async function listUnitCosts(ctx: ServiceContext, filter: { text?: string | undefined }): Promise<UnitCost[]> {
  let q = ctx.db.selectFrom('unitCosts').selectAll().where('deletedAt', 'is', null);
  if (filter.text) {
    const like = escapeLike(filter.text);
    q = q.where((eb) =>
      eb.or([eb('code', 'like', like), eb('description', 'like', like), eb('agency', 'like', like), eb('unit', 'like', like), eb('variant', 'like', like), eb('category', 'like', like)]),
    );
  }
  const rows = await q.orderBy('code').orderBy('variant').execute();
  return rows.map(unitCostStore.toDomain);
}

const keyOfUnitCost = (u: { code: string; variant?: string | undefined }) => `${u.code.toLowerCase()}\u0000${(u.variant ?? '').toLowerCase()}`;

/** A second live entry with the same code and variant is refused (the unique index would, less clearly). */
async function assertUnitCostUnique(ctx: ServiceContext, u: { code: string; variant: string }, exceptId: string | null) {
  const rows = await ctx.db.selectFrom('unitCosts').select(['id', 'code', 'variant']).where('deletedAt', 'is', null).execute();
  const clash = rows.find((r) => r.id !== exceptId && keyOfUnitCost(r) === keyOfUnitCost(u));
  if (clash) {
    const name = unitCostName(clash);
    throw new AppError('CONFLICT', `The unit cost ${name} is already in the library; edit that entry, or give this one a variant that tells them apart.`, {
      code: `${name} already exists`,
      variant: 'Give a variant that tells the two apart',
    });
  }
}

/** The library's store, refusing a duplicate code + variant before it writes. */
export const unitCosts = {
  ...unitCostStore,
  async add(ctx: ServiceContext, data: InsertOf<typeof tables.unitCosts>) {
    await assertUnitCostUnique(ctx, { code: data.code, variant: data.variant ?? '' }, null);
    return unitCostStore.add(ctx, data);
  },
  async update(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof tables.unitCosts> }) {
    if (input.patch.code !== undefined || input.patch.variant !== undefined) {
      const current = await unitCostStore.get(ctx.db, input.id);
      await assertUnitCostUnique(ctx, { code: input.patch.code ?? current.code, variant: input.patch.variant ?? current.variant }, input.id);
    }
    return unitCostStore.update(ctx, input);
  },
};

/** Refuses a second live row with the same key (the unique index would, less clearly). */
async function assertUnique(ctx: ServiceContext, table: 'deflators' | 'confidenceGrades', column: 'year' | 'grade', value: string, exceptId: string | null, what: string) {
  const rows = await ctx.db.selectFrom(table).select(['id', column]).where('deletedAt', 'is', null).execute();
  const clash = (rows as { id: string; [k: string]: string }[]).find((r) => r[column]!.toLowerCase() === value.toLowerCase() && r.id !== exceptId);
  if (clash) throw new AppError('CONFLICT', `${what} "${value}" is already in the table; edit that row instead.`, { [column]: `${what} ${value} already exists` });
}

/** A reference table's store, refusing a second live row with the same key before it writes. */
function withUniqueKey<T extends RecordTable<Columns>>(spec: T, key: 'year' | 'grade', what: string) {
  const store = recordStore(spec);
  const table = spec.table as 'deflators' | 'confidenceGrades';
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

/** Where a unit-cost file is: a path on this machine (CLI) or an upload (the app). */
export interface UnitCostSource {
  path: string;
  name: string;
}

const FIELDS = ['description', 'unit', 'agency', 'valuePence', 'priceYear', 'source', 'quality', 'category', 'healthValue'] as const;

async function planImport(ctx: ServiceContext, source: UnitCostSource) {
  const parsed = await readUnitCostFile(source.path, source.name);
  const existing = new Map((await listUnitCosts(ctx, {})).map((u) => [keyOfUnitCost(u), u]));
  const rows = parsed.rows.map((r) => {
    const current = existing.get(keyOfUnitCost(r.value));
    const same = current && FIELDS.every((k) => (current[k] ?? null) === (r.value[k] ?? null));
    return { ...r, action: (!current ? 'add' : same ? 'unchanged' : 'update') as 'add' | 'update' | 'unchanged', current };
  });
  return { parsed, rows };
}

/** The refusal an import of this file gets, or null when it would import. */
function refusal(name: string, parsed: ParsedUnitCostFile, count: number): AppError | null {
  if (parsed.errors.length) {
    const first = parsed.errors.slice(0, 5).map((e) => e.message).join('; ');
    const more = parsed.errors.length > 5 ? `; and ${parsed.errors.length - 5} more` : '';
    return new AppError('BAD_FILE', `Nothing was imported: ${parsed.errors.length} row${parsed.errors.length === 1 ? ' has' : 's have'} problems. ${first}${more}.`);
  }
  if (!count) return new AppError('BAD_FILE', `"${name}" has no unit costs under its headings.`);
  return null;
}

export async function previewUnitCostFile(ctx: ServiceContext, source: UnitCostSource): Promise<UnitCostPreview> {
  const { parsed, rows } = await planImport(ctx, source);
  return {
    fileName: source.name,
    columns: parsed.columns,
    sheets: parsed.sheets,
    rows: rows.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      action: r.action,
      code: r.value.code,
      variant: r.value.variant,
      description: r.value.description,
      unit: r.value.unit,
      agency: r.value.agency,
      valuePence: r.value.valuePence,
      priceYear: r.value.priceYear,
      source: r.value.source,
      quality: r.value.quality,
      category: r.value.category,
    })),
    errors: parsed.errors,
  };
}

/** A dry run: what importing would do, refused (exit 2 in the CLI) exactly when the import would be. */
export async function dryRunUnitCostFile(ctx: ServiceContext, source: UnitCostSource): Promise<UnitCostPreview> {
  const preview = await previewUnitCostFile(ctx, source);
  const refused = refusal(source.name, { columns: preview.columns, sheets: preview.sheets, rows: [], errors: preview.errors }, preview.rows.length);
  if (refused) throw refused;
  return preview;
}

export async function importUnitCostFile(ctx: ServiceContext, source: UnitCostSource): Promise<UnitCostImportResult> {
  const { parsed, rows } = await planImport(ctx, source);
  const refused = refusal(source.name, parsed, rows.length);
  if (refused) throw refused;
  return inWriteTransaction(ctx, async (trx, w) => {
    let added = 0;
    let updated = 0;
    for (const r of rows) {
      const value: UnitCostInput & { variant: string; healthValue: boolean } = r.value;
      if (r.action === 'add') {
        await unitCostStore.insertIn(trx, w, value);
        added++;
      } else if (r.action === 'update') {
        await unitCostStore.updateIn(trx, w, { id: r.current!.id, rev: r.current!.rev, patch: value });
        updated++;
      }
    }
    return { fileName: source.name, added, updated, unchanged: rows.length - added - updated };
  });
}

/**
 * The app's preview of an uploaded file. The upload is removed afterwards, whatever the outcome:
 * the import sends the file again, so a preview never leaves a copy behind.
 */
export async function previewUnitCostImport(ctx: ServiceContext, uploadId: string): Promise<UnitCostPreview> {
  try {
    return await previewUnitCostFile(ctx, await resolveUpload(ctx, uploadId));
  } finally {
    await discardUpload(ctx, uploadId);
  }
}

/** The app's import: whatever happens, the upload is removed afterwards. */
export async function importUnitCosts(ctx: ServiceContext, uploadId: string): Promise<UnitCostImportResult> {
  try {
    return await importUnitCostFile(ctx, await resolveUpload(ctx, uploadId));
  } finally {
    await discardUpload(ctx, uploadId);
  }
}
