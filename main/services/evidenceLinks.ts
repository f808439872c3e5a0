/**
 * Links between evidence and hypotheses, with an ACH rating and a weight. One live link per
 * (item, hypothesis) pair: linking again is refused; rating in the matrix updates the link (or
 * creates it, or with no rating removes it).
 */
import type { Transaction } from 'kysely';
import { isContradicting, isSupporting } from '../../shared/calc/ach';
import type { AchRating, CoverageRow, EvidenceLink, HypothesisEvidenceRow, LinkWeight } from '../../shared/domain/evidence';
import { AppError } from '../api/errors';
import { getRow, insertRecord, softDeleteRecord, toDomain, updateRecord, type WriteContext } from '../db/records';
import type { Database } from '../db/schema';
import { writeContext, type ServiceContext } from './context';

async function liveLink(trx: Transaction<Database>, evidenceId: string, hypothesisId: string) {
  return trx.selectFrom('evidenceLinks').selectAll().where('evidenceId', '=', evidenceId).where('hypothesisId', '=', hypothesisId).where('deletedAt', 'is', null).executeTakeFirst();
}

async function checkBoth(trx: Transaction<Database>, evidenceId: string, hypothesisId: string) {
  await getRow(trx, 'evidenceItems', evidenceId);
  await getRow(trx, 'hypotheses', hypothesisId);
}

export async function linkEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating; weight: LinkWeight; note: string | null },
): Promise<EvidenceLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    if (await liveLink(trx, input.evidenceId, input.hypothesisId)) {
      throw new AppError('CONFLICT', 'This evidence is already linked to that hypothesis. Change its rating instead of linking it again.');
    }
    return insertRecord<EvidenceLink>(trx, 'evidenceLinks', input, w);
  });
}

export async function updateLink(ctx: ServiceContext, input: { id: string; rev: string; patch: Record<string, unknown> }): Promise<EvidenceLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => updateRecord<EvidenceLink>(trx, 'evidenceLinks', input.id, input.rev, input.patch, w));
}

export async function unlinkEvidence(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EvidenceLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => softDeleteRecord<EvidenceLink>(trx, 'evidenceLinks', input.id, input.rev, w));
}

/**
 * The matrix's in-place edit: sets the pair's rating whatever its current state. A cell is one
 * person's current judgement, so the last choice wins (every change is still in the link's history).
 */
export async function rateEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating | null; weight?: LinkWeight | undefined },
): Promise<EvidenceLink | null> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    const current = await liveLink(trx, input.evidenceId, input.hypothesisId);
    if (input.rating === null) {
      if (current) await softDeleteRecord(trx, 'evidenceLinks', current.id, current.rev, w);
      return null;
    }
    if (!current) {
      return insertRecord<EvidenceLink>(trx, 'evidenceLinks', { evidenceId: input.evidenceId, hypothesisId: input.hypothesisId, rating: input.rating, weight: input.weight ?? 'medium', note: null }, w);
    }
    const patch: Record<string, unknown> = { rating: input.rating };
    if (input.weight) patch.weight = input.weight;
    return updateRecord<EvidenceLink>(trx, 'evidenceLinks', current.id, current.rev, patch, w as WriteContext);
  });
}

export async function getLink(ctx: ServiceContext, id: string): Promise<EvidenceLink> {
  return toDomain<EvidenceLink>('evidenceLinks', await getRow(ctx.db, 'evidenceLinks', id));
}

/** A hypothesis's evidence, most supportive first, then by weight. */
export async function evidenceForHypothesis(ctx: ServiceContext, hypothesisId: string): Promise<HypothesisEvidenceRow[]> {
  await getRow(ctx.db, 'hypotheses', hypothesisId);
  const rows = await ctx.db
    .selectFrom('evidenceLinks as l')
    .innerJoin('evidenceItems as e', 'e.id', 'l.evidenceId')
    .select(['e.id as evidenceId', 'e.title', 'e.kind', 'e.citizenPerspective', 'e.sensitivity', 'e.summary', 'l.rating', 'l.weight', 'l.note'])
    .where('l.hypothesisId', '=', hypothesisId)
    .where('l.deletedAt', 'is', null)
    .where('e.deletedAt', 'is', null)
    .execute();
  const order: Record<string, number> = { CC: 0, C: 1, N: 2, I: 3, II: 4, NA: 5 };
  const weightOrder: Record<string, number> = { high: 0, medium: 1, low: 2 };
  return rows
    .map((r) => ({ ...r, citizenPerspective: r.citizenPerspective === 1, rating: r.rating as AchRating, weight: r.weight as LinkWeight }))
    .sort((a, b) => order[a.rating]! - order[b.rating]! || weightOrder[a.weight]! - weightOrder[b.weight]! || a.title.localeCompare(b.title));
}

/**
 * For every live hypothesis: how much evidence, how much from citizens, how much for (CC, C) and
 * against (I, II). Read from the trigger-kept counts per (hypothesis, rating, weight), so it stays
 * instant with a million links.
 */
export async function evidenceCoverage(ctx: ServiceContext): Promise<CoverageRow[]> {
  const hyps = await ctx.db.selectFrom('hypotheses').select('id').where('deletedAt', 'is', null).orderBy('createdAt').execute();
  const counts = await ctx.db.selectFrom('evidenceRatingCounts').select(['hypothesisId', 'rating', 'n', 'citizen']).where('n', '<>', 0).execute();
  const byId = new Map<string, CoverageRow>(hyps.map((h) => [h.id, { hypothesisId: h.id, evidenceCount: 0, citizenCount: 0, supportingCount: 0, contradictingCount: 0 }]));
  for (const c of counts) {
    const row = byId.get(c.hypothesisId);
    if (!row) continue;
    row.evidenceCount += c.n;
    row.citizenCount += c.citizen;
    if (isSupporting(c.rating as AchRating)) row.supportingCount += c.n;
    if (isContradicting(c.rating as AchRating)) row.contradictingCount += c.n;
  }
  return [...byId.values()];
}
