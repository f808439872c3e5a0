/**
 * Versioned-record writes. Every create, update, delete and restore:
 *  - checks the caller edited the current revision (a stale edit is refused, never overwrites),
 *  - bumps `rev` and `updated_at`,
 *  - appends the whole row to record_revisions with its parent revision.
 * The functions take the table's definition (recordSpec.ts), never a name to look up, and run on
 * the transaction (`trx`) they are given; main/core/recordStore.ts opens the transactions.
 */
import { sql, type Kysely } from 'kysely';
import { AppError, notFound } from '../../shared/errors';
import { fromStored, toStored, type Columns } from './columns';
import type { RecordRevisionsTable } from './coreTables';
import { newId, nextRev } from './ids';
import type { InsertOf, PatchOf, RecordOf, RecordTable, RecordTableSpec, RowOf } from './recordSpec';

// Kysely's builder is typed per table; this module is generic over tables by design, and takes
// any database (or transaction) whose tables include the record's and record_revisions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

export interface WriteContext {
  actor: string;
  now: string;
}

/** Database row → domain object (0/1 → boolean, JSON text → value). */
export function toDomain(spec: RecordTableSpec, row: Row): Row {
  return fromStored(spec.columns, row);
}

export async function getRow(db: AnyDb, spec: RecordTableSpec, id: string, opts: { includeDeleted?: boolean } = {}): Promise<Row> {
  const row = (await db.selectFrom(spec.table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row || (!opts.includeDeleted && row.deletedAt !== null)) throw notFound(spec.noun);
  return row;
}

async function appendRevision(db: AnyDb, spec: RecordTableSpec, row: Row, parentRev: string | null, op: string, w: WriteContext) {
  await db
    .insertInto('recordRevisions')
    .values({ tableName: spec.table, recordId: row.id, rev: row.rev, parentRev, op, actor: w.actor, at: w.now, data: JSON.stringify(row) })
    .execute();
}

/** `id`: a record whose id is derived from what it is (one per place, e.g. the report's summary); otherwise a new one. */
export async function insertRecord(db: AnyDb, spec: RecordTableSpec, data: Row, w: WriteContext, id: string = newId()): Promise<Row> {
  const row: Row = { id, rev: nextRev(null), createdAt: w.now, updatedAt: w.now, deletedAt: null, ...toStored(spec.columns, data) };
  await db.insertInto(spec.table).values(row).execute();
  const stored = await getRow(db, spec, row.id as string);
  await appendRevision(db, spec, stored, null, 'create', w);
  return toDomain(spec, stored);
}

function assertCurrent(spec: RecordTableSpec, row: Row, rev: string): void {
  if (row.rev !== rev) {
    throw new AppError(
      'CONFLICT',
      `This ${spec.noun.toLowerCase()} was changed by someone else since you opened it. Reload to see their changes; yours were not saved.`,
    );
  }
}

/** Writes `next` over the current row, as the revision after it, and returns the stored result. */
async function rewrite(db: AnyDb, spec: RecordTableSpec, current: Row, next: Row, op: 'update' | 'delete' | 'restore', w: WriteContext): Promise<Row> {
  const id = current.id as string;
  await db
    .updateTable(spec.table)
    .set({ ...next, rev: nextRev(current.rev as string), updatedAt: w.now })
    .where('id', '=', id)
    .execute();
  const stored = await getRow(db, spec, id, { includeDeleted: op === 'delete' });
  await appendRevision(db, spec, stored, current.rev as string, op, w);
  return toDomain(spec, stored);
}

/** Applies a patch if the caller's revision is current; a patch that changes nothing writes nothing. */
export async function updateRecord(db: AnyDb, spec: RecordTableSpec, id: string, rev: string, patch: Row, w: WriteContext): Promise<Row> {
  const current = await getRow(db, spec, id);
  assertCurrent(spec, current, rev);
  const cols = toStored(spec.columns, patch);
  const changed = Object.keys(cols).filter((k) => !Object.is(cols[k], current[k]));
  if (changed.length === 0) return toDomain(spec, current);
  return rewrite(db, spec, current, cols, 'update', w);
}

/** Moves a record to the recycle bin; it keeps its data and can be restored. */
export async function softDeleteRecord(db: AnyDb, spec: RecordTableSpec, id: string, rev: string, w: WriteContext): Promise<Row> {
  const current = await getRow(db, spec, id);
  assertCurrent(spec, current, rev);
  return rewrite(db, spec, current, { deletedAt: w.now }, 'delete', w);
}

export async function restoreRecord(db: AnyDb, spec: RecordTableSpec, id: string, w: WriteContext): Promise<Row> {
  const current = await getRow(db, spec, id, { includeDeleted: true });
  if (current.deletedAt === null) return toDomain(spec, current);
  return rewrite(db, spec, current, { deletedAt: null }, 'restore', w);
}

export async function listDeleted(db: AnyDb, spec: RecordTableSpec): Promise<Row[]> {
  return (await db.selectFrom(spec.table).selectAll().where('deletedAt', 'is not', null).orderBy('deletedAt', 'desc').execute()) as Row[];
}

export type RevisionRow = Omit<RecordRevisionsTable, 'tableName' | 'recordId'>;

export async function revisionsOf(db: AnyDb, spec: RecordTableSpec, id: string): Promise<RevisionRow[]> {
  return (await db
    .selectFrom('recordRevisions')
    .select(['rev', 'parentRev', 'op', 'actor', 'at', 'data'])
    .where('tableName', '=', spec.table)
    .where('recordId', '=', id)
    // Insertion order is the true order of writes (two in one millisecond share `at`).
    .orderBy(sql`rowid`)
    .execute()) as RevisionRow[];
}

export interface Changing {
  id: string;
  rev: string;
}

/**
 * The typed record operations of one table, on the transaction and write context they are given
 * (for a service that writes several things in one transaction). The `…In` names mirror the
 * store's own-transaction methods (main/core/recordStore.ts).
 */
export function recordOps<T extends RecordTable<Columns>>(spec: T) {
  type R = RecordOf<T>;
  return {
    spec,
    toDomain: (row: RowOf<T>): R => toDomain(spec, row as Row) as R,
    /** The stored row; a deleted one only with includeDeleted. Not found: "<Noun> was not found". */
    row: async (db: AnyDb, id: string, opts: { includeDeleted?: boolean } = {}): Promise<RowOf<T>> => (await getRow(db, spec, id, opts)) as RowOf<T>,
    get: async (db: AnyDb, id: string, opts: { includeDeleted?: boolean } = {}): Promise<R> => toDomain(spec, await getRow(db, spec, id, opts)) as R,
    insertIn: async (trx: AnyDb, w: WriteContext, data: InsertOf<T>, opts: { id?: string } = {}): Promise<R> => (await insertRecord(trx, spec, data as Row, w, opts.id)) as R,
    updateIn: async (trx: AnyDb, w: WriteContext, input: Changing & { patch: PatchOf<T> }): Promise<R> =>
      (await updateRecord(trx, spec, input.id, input.rev, input.patch as Row, w)) as R,
    removeIn: async (trx: AnyDb, w: WriteContext, input: Changing): Promise<R> => (await softDeleteRecord(trx, spec, input.id, input.rev, w)) as R,
    restoreIn: async (trx: AnyDb, w: WriteContext, id: string): Promise<R> => (await restoreRecord(trx, spec, id, w)) as R,
  };
}
