/**
 * Generic versioned-record writes. Every create, update, delete and restore:
 *  - checks the caller edited the current revision (a stale edit is refused, never overwrites),
 *  - bumps `rev` and `updated_at`,
 *  - appends the whole row to record_revisions with its parent revision.
 * Callers pass the transaction (`trx`) their service opened; nothing here opens one.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError, notFound } from '../../shared/errors';
import { newId, nextRev } from './ids';
import { recordTable, type RecordTableSpec } from '../core/recordTables';
import type { Database } from '../core/database';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;
// Kysely's builder is typed per table; this module is generic over tables by design.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export interface WriteContext {
  actor: string;
  now: string;
}

function spec(table: string): RecordTableSpec {
  const s = recordTable(table);
  if (!s) throw new AppError('INVALID_INPUT', `"${table}" is not a kind of record`);
  return s;
}

/** Database row → domain object (0/1 → boolean, JSON text → value). */
export function toDomain<T>(table: string, row: Row): T {
  const s = spec(table);
  const out: Row = { ...row };
  for (const b of s.booleans ?? []) if (b in out) out[b] = out[b] === 1;
  for (const j of s.json ?? []) if (typeof out[j] === 'string') out[j] = JSON.parse(out[j] as string);
  return out as T;
}

/** Domain values → database values, for the columns given. */
function toColumns(table: string, data: Row): Row {
  const s = spec(table);
  const out: Row = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    if (s.booleans?.includes(k)) out[k] = v ? 1 : 0;
    else if (s.json?.includes(k)) out[k] = JSON.stringify(v);
    else out[k] = v;
  }
  return out;
}

export async function getRow(db: Db, table: string, id: string, opts: { includeDeleted?: boolean } = {}): Promise<Row> {
  const row = (await (db as unknown as AnyDb).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined;
  if (!row || (!opts.includeDeleted && row.deletedAt !== null)) throw notFound(spec(table).noun);
  return row;
}

async function appendRevision(db: Db, table: string, row: Row, parentRev: string | null, op: string, w: WriteContext) {
  await (db as unknown as AnyDb)
    .insertInto('recordRevisions')
    .values({ tableName: table, recordId: row.id, rev: row.rev, parentRev, op, actor: w.actor, at: w.now, data: JSON.stringify(row) })
    .execute();
}

export async function insertRecord<T>(db: Db, table: string, data: Row, w: WriteContext): Promise<T> {
  const row: Row = { id: newId(), rev: nextRev(null), createdAt: w.now, updatedAt: w.now, deletedAt: null, ...toColumns(table, data) };
  await (db as unknown as AnyDb).insertInto(table).values(row).execute();
  const stored = await getRow(db, table, row.id as string);
  await appendRevision(db, table, stored, null, 'create', w);
  return toDomain<T>(table, stored);
}

function assertCurrent(table: string, row: Row, rev: string): void {
  if (row.rev !== rev) {
    throw new AppError(
      'CONFLICT',
      `This ${spec(table).noun.toLowerCase()} was changed by someone else since you opened it. Reload to see their changes; yours were not saved.`,
    );
  }
}

/** Applies a patch if the caller's revision is current; a patch that changes nothing writes nothing. */
export async function updateRecord<T>(db: Db, table: string, id: string, rev: string, patch: Row, w: WriteContext): Promise<T> {
  const current = await getRow(db, table, id);
  assertCurrent(table, current, rev);
  const cols = toColumns(table, patch);
  const changed = Object.keys(cols).filter((k) => !Object.is(cols[k], current[k]));
  if (changed.length === 0) return toDomain<T>(table, current);
  const next = { ...cols, rev: nextRev(current.rev as string), updatedAt: w.now };
  await (db as unknown as AnyDb).updateTable(table).set(next).where('id', '=', id).execute();
  const stored = await getRow(db, table, id);
  await appendRevision(db, table, stored, current.rev as string, 'update', w);
  return toDomain<T>(table, stored);
}

/** Moves a record to the recycle bin; it keeps its data and can be restored. */
export async function softDeleteRecord<T>(db: Db, table: string, id: string, rev: string, w: WriteContext): Promise<T> {
  const current = await getRow(db, table, id);
  assertCurrent(table, current, rev);
  const next = { deletedAt: w.now, rev: nextRev(current.rev as string), updatedAt: w.now };
  await (db as unknown as AnyDb).updateTable(table).set(next).where('id', '=', id).execute();
  const stored = await getRow(db, table, id, { includeDeleted: true });
  await appendRevision(db, table, stored, current.rev as string, 'delete', w);
  return toDomain<T>(table, stored);
}

export async function restoreRecord<T>(db: Db, table: string, id: string, w: WriteContext): Promise<T> {
  const current = await getRow(db, table, id, { includeDeleted: true });
  if (current.deletedAt === null) return toDomain<T>(table, current);
  const next = { deletedAt: null, rev: nextRev(current.rev as string), updatedAt: w.now };
  await (db as unknown as AnyDb).updateTable(table).set(next).where('id', '=', id).execute();
  const stored = await getRow(db, table, id);
  await appendRevision(db, table, stored, current.rev as string, 'restore', w);
  return toDomain<T>(table, stored);
}

export async function listDeleted(db: Db, table: string): Promise<Row[]> {
  return (await (db as unknown as AnyDb).selectFrom(table).selectAll().where('deletedAt', 'is not', null).orderBy('deletedAt', 'desc').execute()) as Row[];
}

export interface RevisionRow {
  rev: string;
  parentRev: string | null;
  op: 'create' | 'update' | 'delete' | 'restore' | 'merge';
  actor: string;
  at: string;
  data: string;
}

export async function revisionsOf(db: Db, table: string, id: string): Promise<RevisionRow[]> {
  spec(table);
  return (await db
    .selectFrom('recordRevisions')
    .select(['rev', 'parentRev', 'op', 'actor', 'at', 'data'])
    .where('tableName', '=', table)
    .where('recordId', '=', id)
    // Insertion order is the true order of writes (two in one millisecond share `at`).
    .orderBy(sql`rowid`)
    .execute()) as RevisionRow[];
}
