import { insertRecord, softDeleteRecord, updateRecord } from '../db/records';
import { writeContext, type ServiceContext } from './context';

/**
 * Add / update / delete for a simple record table, each in its own transaction. Tables with
 * rules of their own (hypotheses, the pilot) write their own service on top of db/records.
 */
export function simpleRecordService<T>(table: string) {
  return {
    async add(ctx: ServiceContext, data: Record<string, unknown>): Promise<T> {
      const w = await writeContext(ctx);
      return ctx.db.transaction().execute((trx) => insertRecord<T>(trx, table, data, w));
    },
    async update(ctx: ServiceContext, input: { id: string; rev: string; patch: Record<string, unknown> }): Promise<T> {
      const w = await writeContext(ctx);
      return ctx.db.transaction().execute((trx) => updateRecord<T>(trx, table, input.id, input.rev, input.patch, w));
    },
    async remove(ctx: ServiceContext, input: { id: string; rev: string }): Promise<T> {
      const w = await writeContext(ctx);
      return ctx.db.transaction().execute((trx) => softDeleteRecord<T>(trx, table, input.id, input.rev, w));
    },
  };
}
