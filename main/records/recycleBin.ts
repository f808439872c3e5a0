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

const seqOf = (rev: string) => Number(rev.split('-')[0]);

/**
 * Every revision, oldest first. Ordered by the revision's own sequence (then time, then id), not by
 * when it reached this database: revisions from teammates or partners can arrive late, and every
 * laptop should tell the history the same way. What changed is measured against the revision's
 * parent (two people's edits of one version each show their own change).
 */
export async function recordHistory(ctx: ServiceContext, input: { table: string; id: string }): Promise<RevisionEntry[]> {
  const revs = await revisionsOf(ctx.db, requireRecordTable(input.table), input.id);
  const parsed = revs.map((r) => ({ ...r, row: JSON.parse(r.data) as Record<string, unknown> }));
  const byRev = new Map(parsed.map((r) => [r.rev, r.row]));
  parsed.sort((a, b) => seqOf(a.rev) - seqOf(b.rev) || a.at.localeCompare(b.at) || a.rev.localeCompare(b.rev));
  let previous: Record<string, unknown> = {};
  return parsed.map((r) => {
    const data = r.row;
    const base = (r.parentRev !== null ? byRev.get(r.parentRev) : undefined) ?? previous;
    const changed = Object.keys(data).filter((k) => !BOOKKEEPING.has(k) && r.op !== 'create' && !Object.is(data[k], base[k]));
    previous = data;
    return { rev: r.rev, parentRev: r.parentRev, op: r.op, actor: r.actor, at: r.at, changed, data };
  });
}
