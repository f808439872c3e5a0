/** What other capabilities may read of the learning log: typed functions, imported directly (never by method name). */
import { sql, type Transaction } from 'kysely';
import type { Barrier, BarrierCount, LearningEntry, LearningFilter } from '../../shared/domain/learning';
import type { Database } from '../core/database';
import { recordOps } from '../db/records';
import type { RowOf } from '../db/recordSpec';
import type { ServiceContext } from '../core/context';
import * as tables from './records';

const barriers = recordOps(tables.barriers);
const entries = recordOps(tables.learningEntries);

type Db = ServiceContext['db'] | Transaction<Database>;

/** Newest first (by when it happened, then when it was written). */
export async function listLearning(ctx: ServiceContext, filter: LearningFilter = {}): Promise<LearningEntry[]> {
  let q = ctx.db.selectFrom('learningEntries').selectAll().where('deletedAt', 'is', null);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.themeId) q = q.where('themeId', '=', filter.themeId);
  if (filter.sensitivity) q = q.where('sensitivity', '=', filter.sensitivity);
  if (filter.from) q = q.where('occurredOn', '>=', filter.from);
  if (filter.to) q = q.where('occurredOn', '<=', filter.to);
  if (filter.barrierId) {
    const id = filter.barrierId;
    q = q.where(sql<boolean>`exists (select 1 from json_each(learning_entries.barrier_ids) where value = ${id})`);
  }
  if (filter.hypothesisId) {
    const hid = filter.hypothesisId;
    q = q.where('id', 'in', (eb) => eb.selectFrom('learningLinks').select('entryId').where('hypothesisId', '=', hid).where('deletedAt', 'is', null));
  }
  if (filter.text) {
    const like = escapeLike(filter.text);
    q = q.where((eb) =>
      eb.or([eb('title', 'like', like), eb('whatHappened', 'like', like), eb('why', 'like', like), eb('doDifferently', 'like', like)]),
    );
  }
  const rows = await q.orderBy('occurredOn', 'desc').orderBy('createdAt', 'desc').execute();
  const links = await linkedHypotheses(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => entryOf(r, links));
}

export async function listBarriers(ctx: ServiceContext): Promise<Barrier[]> {
  const rows = await ctx.db.selectFrom('barriers').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute();
  return rows.map(barriers.toDomain);
}

/**
 * Entries per barrier, most-cited first; an entry with several tags counts under each, and
 * entries with no tag are counted under "Not tagged" so nothing drops out of the picture.
 */
export function countByBarrier(entries: LearningEntry[], barrierList: Barrier[]): BarrierCount[] {
  const counts: BarrierCount[] = barrierList.map((b) => ({ barrierId: b.id, name: b.name, count: entries.filter((e) => e.barrierIds.includes(b.id)).length }));
  const untagged = entries.filter((e) => !e.barrierIds.some((id) => barrierList.some((b) => b.id === id))).length;
  const out = counts.filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  if (untagged > 0) out.push({ barrierId: null, name: 'Not tagged', count: untagged });
  return out;
}

export function escapeLike(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function linkedHypotheses(db: Db, entryIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (entryIds.length === 0) return map;
  // Chunked: SQLite limits bound parameters per statement.
  for (let i = 0; i < entryIds.length; i += 500) {
    const rows = await db
      .selectFrom('learningLinks')
      .select(['entryId', 'hypothesisId'])
      .where('entryId', 'in', entryIds.slice(i, i + 500))
      .where('deletedAt', 'is', null)
      .orderBy('createdAt')
      .execute();
    for (const r of rows) map.set(r.entryId, [...(map.get(r.entryId) ?? []), r.hypothesisId]);
  }
  return map;
}

export function entryOf(row: RowOf<typeof tables.learningEntries>, links: Map<string, string[]>): LearningEntry {
  const e = entries.toDomain(row);
  return { ...e, hypothesisIds: links.get(e.id) ?? [] };
}
