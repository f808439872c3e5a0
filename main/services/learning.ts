/**
 * The learning log: what did not work, what failed, what was difficult, and lessons. Every edit is
 * a new revision and a deletion goes to the recycle bin (db/records), so the honest picture, once
 * written down, cannot be quietly lost. Hypothesis links are rows of learning_links, kept in step
 * with the entry's list inside the same transaction.
 */
import { sql, type Transaction } from 'kysely';
import {
  LEARNING_KINDS,
  type Barrier,
  type BarrierCount,
  type LearningEntry,
  type LearningFilter,
  type LearningKind,
  type LearningMonth,
} from '../../shared/domain/learning';
import type { RecordMeta } from '../../shared/domain/common';
import { AppError } from '../api/errors';
import { getRow, insertRecord, restoreRecord, softDeleteRecord, toDomain, updateRecord, type WriteContext } from '../db/records';
import type { Database } from '../db/schema';
import { writeContext, type ServiceContext } from './context';
import { simpleRecordService } from './crud';

type Trx = Transaction<Database>;
type Db = ServiceContext['db'] | Trx;

export const barriers = simpleRecordService<Barrier>('barriers');

export async function listBarriers(ctx: ServiceContext): Promise<Barrier[]> {
  const rows = await ctx.db.selectFrom('barriers').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute();
  return rows.map((r) => toDomain<Barrier>('barriers', r));
}

/** Refuses ids that are not live rows of `table`, naming how many are unknown. */
async function assertLive(db: Db, table: 'barriers' | 'hypotheses' | 'themes', ids: string[], what: string): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom(table).select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) {
    throw new AppError('INVALID_INPUT', `${missing.length === 1 ? `One ${what}` : `${missing.length} ${what}s`} could not be found (deleted, or never added here).`, {
      [`${what}Ids`]: `Unknown ${what}: ${missing.join(', ')}`,
    });
  }
}

async function linkedHypotheses(db: Db, entryIds: string[]): Promise<Map<string, string[]>> {
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

function entryOf(row: Record<string, unknown>, links: Map<string, string[]>): LearningEntry {
  const e = toDomain<Omit<LearningEntry, 'hypothesisIds'>>('learningEntries', row);
  return { ...e, hypothesisIds: links.get(e.id) ?? [] };
}

/** Makes the live links of an entry exactly `wanted`: removed ones go to the bin, old ones come back. */
async function syncLinks(trx: Trx, entryId: string, wanted: string[], w: WriteContext): Promise<void> {
  const existing = await trx.selectFrom('learningLinks').selectAll().where('entryId', '=', entryId).execute();
  for (const link of existing) {
    const keep = wanted.includes(link.hypothesisId);
    if (!keep && link.deletedAt === null) await softDeleteRecord(trx, 'learningLinks', link.id, link.rev, w);
    if (keep && link.deletedAt !== null) await restoreRecord(trx, 'learningLinks', link.id, w);
  }
  for (const hypothesisId of wanted) {
    if (!existing.some((l) => l.hypothesisId === hypothesisId)) await insertRecord(trx, 'learningLinks', { entryId, hypothesisId }, w);
  }
}

async function checkRefs(db: Db, data: { barrierIds?: string[]; hypothesisIds?: string[]; themeId?: string | null }): Promise<void> {
  await assertLive(db, 'barriers', data.barrierIds ?? [], 'barrier');
  await assertLive(db, 'hypotheses', data.hypothesisIds ?? [], 'hypothesis');
  if (data.themeId) await assertLive(db, 'themes', [data.themeId], 'theme');
}

export async function addLearning(ctx: ServiceContext, input: Omit<LearningEntry, keyof RecordMeta>): Promise<LearningEntry> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkRefs(trx, input);
    const { hypothesisIds, ...fields } = input;
    const entry = await insertRecord<Omit<LearningEntry, 'hypothesisIds'>>(trx, 'learningEntries', fields, w);
    await syncLinks(trx, entry.id, hypothesisIds, w);
    return { ...entry, hypothesisIds };
  });
}

export async function updateLearning(ctx: ServiceContext, input: { id: string; rev: string; patch: Partial<LearningEntry> }): Promise<LearningEntry> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkRefs(trx, input.patch);
    const { hypothesisIds, ...fields } = input.patch;
    await updateRecord(trx, 'learningEntries', input.id, input.rev, fields, w);
    if (hypothesisIds) await syncLinks(trx, input.id, hypothesisIds, w);
    return getLearningIn(trx, input.id);
  });
}

export async function deleteLearning(ctx: ServiceContext, input: { id: string; rev: string }): Promise<LearningEntry> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const entry = await softDeleteRecord<Omit<LearningEntry, 'hypothesisIds'>>(trx, 'learningEntries', input.id, input.rev, w);
    return { ...entry, hypothesisIds: (await linkedHypotheses(trx, [input.id])).get(input.id) ?? [] };
  });
}

async function getLearningIn(db: Db, id: string): Promise<LearningEntry> {
  const row = await getRow(db, 'learningEntries', id);
  return entryOf(row, await linkedHypotheses(db, [id]));
}

export const getLearning = (ctx: ServiceContext, id: string) => getLearningIn(ctx.db, id);

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

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

/** Entries per calendar month, every month from the first to the last present (gaps show as zero). */
export function countByMonth(entries: LearningEntry[]): LearningMonth[] {
  if (entries.length === 0) return [];
  const months = entries.map((e) => e.occurredOn.slice(0, 7)).sort();
  const out: LearningMonth[] = [];
  let [y, m] = months[0]!.split('-').map(Number) as [number, number];
  const last = months.at(-1)!;
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    const these = entries.filter((e) => e.occurredOn.startsWith(month));
    const byKind = Object.fromEntries(LEARNING_KINDS.map((k) => [k, these.filter((e) => e.kind === k).length])) as Record<LearningKind, number>;
    out.push({ month, total: these.length, byKind });
    if (month >= last) break;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export async function learningByBarrier(ctx: ServiceContext, filter: LearningFilter = {}): Promise<BarrierCount[]> {
  return countByBarrier(await listLearning(ctx, filter), await listBarriers(ctx));
}

export async function learningByMonth(ctx: ServiceContext, filter: LearningFilter = {}): Promise<LearningMonth[]> {
  return countByMonth(await listLearning(ctx, filter));
}

/** A barrier still used by live entries stays: deleting it would silently untag the honest record. */
export async function deleteBarrier(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Barrier> {
  const inUse = await listLearning(ctx, { barrierId: input.id });
  if (inUse.length > 0) {
    throw new AppError('REFUSED', `This barrier tags ${inUse.length} learning ${inUse.length === 1 ? 'entry' : 'entries'}. Remove the tag from ${inUse.length === 1 ? 'it' : 'them'} first, or rename the barrier instead.`);
  }
  return barriers.remove(ctx, input);
}
