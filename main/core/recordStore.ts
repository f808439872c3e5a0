/**
 * The one place a service's write opens its transaction: the write context (who, when) is read
 * first — inside the transaction only `trx` may touch the database — then everything runs in one
 * transaction. A record store adds, updates, removes and restores records of one table, each in
 * its own transaction (db/records.ts writes the revision and the history); services that write
 * several things at once use `inWriteTransaction` and the store's `…In` operations.
 */
import type { Transaction } from 'kysely';
import type { Columns } from '../db/columns';
import { recordOps, type Changing, type WriteContext } from '../db/records';
import type { InsertOf, PatchOf, RecordTable } from '../db/recordSpec';
import type { Database } from './database';
import { writeContext, type ServiceContext } from './context';

export type Trx = Transaction<Database>;

export async function inWriteTransaction<T>(ctx: ServiceContext, write: (trx: Trx, w: WriteContext) => Promise<T>): Promise<T> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => write(trx, w));
}

export function recordStore<T extends RecordTable<Columns>>(spec: T) {
  const ops = recordOps(spec);
  return {
    ...ops,
    add: (ctx: ServiceContext, data: InsertOf<T>) => inWriteTransaction(ctx, (trx, w) => ops.insertIn(trx, w, data)),
    update: (ctx: ServiceContext, input: Changing & { patch: PatchOf<T> }) => inWriteTransaction(ctx, (trx, w) => ops.updateIn(trx, w, input)),
    remove: (ctx: ServiceContext, input: Changing) => inWriteTransaction(ctx, (trx, w) => ops.removeIn(trx, w, input)),
    restore: (ctx: ServiceContext, input: { id: string }) => inWriteTransaction(ctx, (trx, w) => ops.restoreIn(trx, w, input.id)),
  };
}

export type RecordStore<T extends RecordTable<Columns>> = ReturnType<typeof recordStore<T>>;
