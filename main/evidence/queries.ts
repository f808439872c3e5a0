/** What other capabilities may read of the evidence: typed functions, imported directly (never by method name). */
import { isContradicting, isSupporting } from '../../shared/calc/ach';
import type { AchRating, CoverageRow, HypothesisEvidenceRow, LinkWeight } from '../../shared/domain/evidence';
import { requireHypothesis } from '../hypotheses/queries';
import { recordOps, type AnyDb } from '../db/records';
import { evidenceItems } from './records';
import { type ServiceContext } from '../core/context';

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

/** A hypothesis's evidence, most supportive first, then by weight. */
export async function evidenceForHypothesis(ctx: ServiceContext, hypothesisId: string): Promise<HypothesisEvidenceRow[]> {
  await requireHypothesis(ctx.db, hypothesisId);
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
 * The one write evidence offers others: after a bundle or a sync brings attachments, the importer
 * asks evidence to index their text (evidence owns the search index).
 */
export { reindexAttachmentText } from './attachments';

const items = recordOps(evidenceItems);

/** A live evidence item (on `db`, which may be the caller's transaction); not found: "Evidence item was not found". */
export const requireEvidenceItem = (db: AnyDb, id: string) => items.get(db, id);
