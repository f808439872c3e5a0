/**
 * The learning log: what did not work, what failed, what was difficult, and lessons. Every edit is
 * a new revision and a deletion goes to the recycle bin (db/records), so the honest picture, once
 * written down, cannot be quietly lost. Hypothesis links are rows of learning_links, kept in step
 * with the entry's list inside the same transaction.
 */
import { LEARNING_KINDS, type Barrier, type BarrierCount, type LearningEntry, type LearningFilter, type LearningKind, type LearningMonth } from '../../shared/domain/learning';
import type { RecordMeta } from '../../shared/domain/common';
import { AppError } from '../../shared/errors';
import type { WriteContext } from '../db/records';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { listLearning, listBarriers, countByBarrier } from './queries';
import { linkedHypotheses, entryOf } from './queries';
import * as tables from './records';

type Db = ServiceContext['db'] | Trx;

export const barriers = recordStore(tables.barriers);
const entries = recordStore(tables.learningEntries);
const links = recordStore(tables.learningLinks);

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



/** Makes the live links of an entry exactly `wanted`: removed ones go to the bin, old ones come back. */
async function syncLinks(trx: Trx, entryId: string, wanted: string[], w: WriteContext): Promise<void> {
  const existing = await trx.selectFrom('learningLinks').selectAll().where('entryId', '=', entryId).execute();
  for (const link of existing) {
    const keep = wanted.includes(link.hypothesisId);
    if (!keep && link.deletedAt === null) await links.removeIn(trx, w, link);
    if (keep && link.deletedAt !== null) await links.restoreIn(trx, w, link.id);
  }
  for (const hypothesisId of wanted) {
    if (!existing.some((l) => l.hypothesisId === hypothesisId)) await links.insertIn(trx, w, { entryId, hypothesisId });
  }
}

async function checkRefs(db: Db, data: { barrierIds?: string[]; hypothesisIds?: string[]; themeId?: string | null }): Promise<void> {
  await assertLive(db, 'barriers', data.barrierIds ?? [], 'barrier');
  await assertLive(db, 'hypotheses', data.hypothesisIds ?? [], 'hypothesis');
  if (data.themeId) await assertLive(db, 'themes', [data.themeId], 'theme');
}

export async function addLearning(ctx: ServiceContext, input: Omit<LearningEntry, keyof RecordMeta>): Promise<LearningEntry> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkRefs(trx, input);
    const { hypothesisIds, ...fields } = input;
    const entry = await entries.insertIn(trx, w, fields);
    await syncLinks(trx, entry.id, hypothesisIds, w);
    return { ...entry, hypothesisIds };
  });
}

export async function updateLearning(ctx: ServiceContext, input: { id: string; rev: string; patch: Partial<LearningEntry> }): Promise<LearningEntry> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkRefs(trx, input.patch);
    const { hypothesisIds, ...fields } = input.patch;
    await entries.updateIn(trx, w, { id: input.id, rev: input.rev, patch: fields });
    if (hypothesisIds) await syncLinks(trx, input.id, hypothesisIds, w);
    return getLearningIn(trx, input.id);
  });
}

export async function deleteLearning(ctx: ServiceContext, input: { id: string; rev: string }): Promise<LearningEntry> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const entry = await entries.removeIn(trx, w, input);
    return { ...entry, hypothesisIds: (await linkedHypotheses(trx, [input.id])).get(input.id) ?? [] };
  });
}

async function getLearningIn(db: Db, id: string): Promise<LearningEntry> {
  const row = await entries.row(db, id);
  return entryOf(row, await linkedHypotheses(db, [id]));
}

export const getLearning = (ctx: ServiceContext, id: string) => getLearningIn(ctx.db, id);




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
