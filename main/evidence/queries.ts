/** What other capabilities may read of the evidence: typed functions, imported directly (never by method name). */
import { isContradicting, isSupporting } from '../../shared/calc/ach';
import { sql } from 'kysely';
import type { AchRating, CoverageRow, HypothesisEvidenceRow, LinkWeight, Sensitivity } from '../../shared/domain/evidence';
import type { QuoteView } from '../../shared/domain/quotes';
import { BASE_MARKING, type SecurityMarking } from '../../shared/domain/marking';
import { listQuotes } from './quotes';
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
    .select(['e.id as evidenceId', 'e.title', 'e.kind', 'e.citizenPerspective', 'e.sensitivity', 'e.summary', 'l.rating', 'l.weight', 'l.credibility', 'l.relevance', 'l.note'])
    .where('l.hypothesisId', '=', hypothesisId)
    .where('l.deletedAt', 'is', null)
    .where('e.deletedAt', 'is', null)
    .execute();
  const order: Record<string, number> = { CC: 0, C: 1, N: 2, I: 3, II: 4, NA: 5 };
  const weightOrder: Record<string, number> = { high: 0, medium: 1, low: 2 };
  return rows
    .map((r) => ({
      ...r,
      citizenPerspective: r.citizenPerspective === 1,
      rating: r.rating as AchRating,
      weight: r.weight as LinkWeight,
      credibility: (r.credibility ?? r.weight) as LinkWeight,
      relevance: (r.relevance ?? r.weight) as LinkWeight,
    }))
    .sort((a, b) => order[a.rating]! - order[b.rating]! || weightOrder[a.weight]! - weightOrder[b.weight]! || a.title.localeCompare(b.title));
}

/**
 * A hypothesis's rated quotes, each with its rating against it: the hypothesis page and the
 * report's citizen's-perspective section. Live quotes of live items; most supportive first.
 */
export async function quotesForHypothesis(ctx: ServiceContext, hypothesisId: string): Promise<(QuoteView & { rating: AchRating })[]> {
  const views = await listQuotes(ctx, { hypothesisId, limit: 500 });
  const order: Record<string, number> = { CC: 0, C: 1, N: 2, I: 3, II: 4, NA: 5 };
  return views
    .map((q) => ({ ...q, rating: q.links.find((l) => l.hypothesisId === hypothesisId)!.rating }))
    .sort((a, b) => order[a.rating]! - order[b.rating]! || a.createdAt.localeCompare(b.createdAt));
}

/** Whether any live item or quote is linked to the hypothesis (a verdict with none is confirmed first). */
export async function hasLinkedEvidence(db: AnyDb, hypothesisId: string): Promise<boolean> {
  const item = await db
    .selectFrom('evidenceLinks as l')
    .innerJoin('evidenceItems as e', 'e.id', 'l.evidenceId')
    .select('l.id')
    .where('l.hypothesisId', '=', hypothesisId)
    .where('l.deletedAt', 'is', null)
    .where('e.deletedAt', 'is', null)
    .executeTakeFirst();
  if (item) return true;
  const quote = await db
    .selectFrom('evidenceQuoteLinks as l')
    .innerJoin('evidenceQuotes as q', 'q.id', 'l.quoteId')
    .innerJoin('evidenceItems as e', 'e.id', 'q.evidenceId')
    .select('l.id')
    .where('l.hypothesisId', '=', hypothesisId)
    .where('l.deletedAt', 'is', null)
    .where('q.deletedAt', 'is', null)
    .where('e.deletedAt', 'is', null)
    .executeTakeFirst();
  return Boolean(quote);
}

/** Text read from attachments, for the search capability's snippets of where a match was found. */
export { sourceTexts } from './pseudonymise';

/**
 * The one write evidence offers others: after a bundle or a sync brings attachments, the importer
 * asks evidence to index their text (evidence owns the search index).
 */
export { reindexAttachmentText } from './attachments';

const items = recordOps(evidenceItems);

/** A live evidence item (on `db`, which may be the caller's transaction); not found: "Evidence item was not found". */
export const requireEvidenceItem = (db: AnyDb, id: string) => items.get(db, id);

/** The evidence index's exact bm25 search, for the search over everything (main/search). */
export { countEvidence, ftsQuery, searchEvidence, snippetsOf } from './search';

/**
 * Evidence someone is to collect ("Assigned to me"): live items naming them as collector (exact
 * name, any case) that have neither a summary nor an attachment yet — placeholders to fill.
 */
export async function evidenceToCollect(ctx: ServiceContext, collector: string): Promise<{ id: string; title: string; kind: string; observedOn: string | null }[]> {
  return ctx.db
    .selectFrom('evidenceItems as e')
    .select(['e.id', 'e.title', 'e.kind', 'e.observedOn'])
    .where('e.deletedAt', 'is', null)
    .where((eb) => eb(eb.fn('lower', [eb.fn('trim', ['e.collectedBy'])]), '=', collector.trim().toLowerCase()))
    .where((eb) => eb.or([eb('e.summary', 'is', null), eb(eb.fn('trim', ['e.summary']), '=', '')]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('evidenceAttachments as a').select('a.id').whereRef('a.evidenceId', '=', 'e.id').where('a.deletedAt', 'is', null))))
    .orderBy('e.createdAt')
    .execute();
}

/** The text read from each of these files (and any pseudonymised version of it), for checks that must look inside files. */
export async function textsOfBlobs(ctx: ServiceContext, hashes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (hashes.length === 0) return out;
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    const rows = await ctx.db.selectFrom('evidenceBlobText').select(['sha256', 'text']).where('sha256', 'in', chunk).execute();
    for (const r of rows) if (r.text) out.set(r.sha256, r.text);
  }
  return out;
}

/**
 * The highest marking among the live evidence items, quotes and attachments of the given
 * sensitivities (what a report including those levels could draw on), and how many carry it.
 */
export async function highestEvidenceMarking(ctx: ServiceContext, sensitivities: readonly Sensitivity[]): Promise<{ marking: SecurityMarking; count: number }> {
  if (sensitivities.length === 0) return { marking: BASE_MARKING, count: 0 };
  const levels = sql.join(sensitivities.map((s) => sql`${s}`));
  const row = await sql<{ n: number }>`
    SELECT (SELECT count(*) FROM evidence_items e WHERE e.deleted_at IS NULL AND e.sensitivity IN (${levels}) AND e.marking = 'OFFICIAL-SENSITIVE')
         + (SELECT count(*) FROM evidence_quotes x JOIN evidence_items e ON e.id = x.evidence_id
             WHERE x.deleted_at IS NULL AND e.deleted_at IS NULL AND e.sensitivity IN (${levels}) AND x.marking = 'OFFICIAL-SENSITIVE')
         + (SELECT count(*) FROM evidence_attachments x JOIN evidence_items e ON e.id = x.evidence_id
             WHERE x.deleted_at IS NULL AND e.deleted_at IS NULL AND e.sensitivity IN (${levels}) AND x.marking = 'OFFICIAL-SENSITIVE') AS n`.execute(ctx.db);
  const count = Number(row.rows[0]?.n ?? 0);
  return count > 0 ? { marking: 'OFFICIAL-SENSITIVE', count } : { marking: BASE_MARKING, count: 0 };
}
