import type { DeletedItem } from '../../shared/contract/records';
import type { RevisionEntry } from '../../shared/domain/common';
import { listDeleted, restoreRecord, revisionsOf } from '../db/records';
import { RECORD_TABLES, requireRecordTable } from '../core/recordTables';
import { inWriteTransaction } from '../core/recordStore';
import type { ServiceContext } from '../core/context';

export async function listRecycleBin(ctx: ServiceContext): Promise<DeletedItem[]> {
  const items: DeletedItem[] = [];
  for (const spec of Object.values(RECORD_TABLES)) {
    for (const row of await listDeleted(ctx.db, spec)) {
      items.push({ table: spec.table, id: row.id as string, rev: row.rev as string, label: `${spec.noun}: ${spec.label(row)}`, deletedAt: row.deletedAt as string });
    }
  }
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
}

export async function restoreFromRecycleBin(ctx: ServiceContext, input: { table: string; id: string }) {
  const spec = requireRecordTable(input.table);
  await inWriteTransaction(ctx, (trx, w) => restoreRecord(trx, spec, input.id, w));
  return { table: input.table, id: input.id };
}

const BOOKKEEPING = new Set(['rev', 'updatedAt']);

export async function recordHistory(ctx: ServiceContext, input: { table: string; id: string }): Promise<RevisionEntry[]> {
  const revs = await revisionsOf(ctx.db, requireRecordTable(input.table), input.id);
  let previous: Record<string, unknown> = {};
  return revs.map((r) => {
    const data = JSON.parse(r.data) as Record<string, unknown>;
    const changed = Object.keys(data).filter((k) => !BOOKKEEPING.has(k) && r.op !== 'create' && !Object.is(data[k], previous[k]));
    previous = data;
    return { rev: r.rev, parentRev: r.parentRev, op: r.op, actor: r.actor, at: r.at, changed, data };
  });
}
