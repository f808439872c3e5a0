/**
 * Analysis of Competing Hypotheses (Heuer, "Psychology of Intelligence Analysis", 1999, ch. 8).
 *
 * Heuer's rule is to work by refutation: the most likely hypothesis is the one with the LEAST
 * evidence against it, not the most for it, so each hypothesis is scored by its inconsistencies.
 * As in PARC's ACH software, only I and II count: I = 1, II = 2 (strongly inconsistent counts
 * double). Each rating is multiplied by the link's weight: high 1, medium 0.5, low 0.25. Halving per
 * step keeps a high-weight I equal to two medium-weight I's, so a pile of weak evidence cannot
 * outvote one solid item by volume alone as quickly as a linear scale would. CC, C, N and NA add
 * nothing.
 *
 * Heuer asks two separate questions of each item — how credible is it, how relevant is it — and
 * we ask them per link (an item may bear closely on one hypothesis and barely on another). The
 * weight is the geometric mean of the two factors: √(credibility × relevance). Equal judgements
 * give exactly the old factor (so links made before the split, which take their weight for both,
 * score as they did), and high credibility with low relevance counts as medium.
 *
 * Diagnosticity: evidence that is consistent with every hypothesis helps decide nothing (Heuer's
 * point about "evidence with no diagnostic value"). We measure it as the spread of an item's
 * ratings across the hypotheses it was rated against, on the scale CC +2, C +1, N 0, I −1, II −2
 * (NA is ignored): max − min, from 0 (no diagnostic value) to 4 (strongly for one hypothesis,
 * strongly against another). An item rated against fewer than two hypotheses scores 0: it has
 * not been used to tell hypotheses apart yet.
 *
 * Pure: plain values in, numbers out. Tested against hand-worked examples.
 */
import type { AchRating, LinkWeight } from '../domain/evidence';

export const RATING_VALUE: Record<Exclude<AchRating, 'NA'>, number> = { CC: 2, C: 1, N: 0, I: -1, II: -2 };
export const INCONSISTENCY_POINTS: Record<AchRating, number> = { CC: 0, C: 0, N: 0, I: 1, II: 2, NA: 0 };
export const WEIGHT_FACTOR: Record<LinkWeight, number> = { high: 1, medium: 0.5, low: 0.25 };

export interface Rating {
  rating: AchRating;
  /** One combined judgement (links from before credibility and relevance were asked apart). */
  weight?: LinkWeight;
  credibility?: LinkWeight;
  relevance?: LinkWeight;
}

/** The factor a link's rating is multiplied by: √(credibility × relevance), or its one weight. */
export function weightFactor(r: { weight?: LinkWeight | undefined; credibility?: LinkWeight | undefined; relevance?: LinkWeight | undefined }): number {
  const c = r.credibility ?? r.weight ?? 'medium';
  const v = r.relevance ?? r.weight ?? 'medium';
  return Math.sqrt(WEIGHT_FACTOR[c] * WEIGHT_FACTOR[v]);
}

/** The one weight that best stands for a pair of judgements (kept on links for older versions and scripts). */
export function combinedWeight(credibility: LinkWeight, relevance: LinkWeight): LinkWeight {
  const f = weightFactor({ credibility, relevance });
  return f >= 1 ? 'high' : f >= WEIGHT_FACTOR.medium ? 'medium' : 'low';
}

/** Weighted inconsistency score of one hypothesis from the ratings of the evidence against it. */
export function inconsistencyScore(ratings: readonly Rating[]): number {
  let score = 0;
  for (const r of ratings) score += INCONSISTENCY_POINTS[r.rating] * weightFactor(r);
  return score;
}

/** Diagnosticity of one item from its ratings across hypotheses (max − min of the numeric ratings; NA ignored). */
export function diagnosticity(ratings: readonly AchRating[]): number {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const r of ratings) {
    if (r === 'NA') continue;
    const v = RATING_VALUE[r];
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return n < 2 ? 0 : max - min;
}

export const isSupporting = (r: AchRating): boolean => r === 'CC' || r === 'C';
export const isContradicting = (r: AchRating): boolean => r === 'I' || r === 'II';

/** Ranks hypotheses by inconsistency, least first (Heuer: the least-refuted is the most likely). */
export function rankByInconsistency<T extends { inconsistency: number }>(hypotheses: readonly T[]): T[] {
  return [...hypotheses].sort((a, b) => a.inconsistency - b.inconsistency);
}

export interface RatingCount extends Rating {
  /** How many links have this rating and weight. */
  n: number;
}

/** The same score from counts per (rating, credibility, relevance), as the database keeps them for big matrices. */
export function inconsistencyFromCounts(counts: readonly RatingCount[]): number {
  let score = 0;
  for (const c of counts) score += INCONSISTENCY_POINTS[c.rating] * weightFactor(c) * c.n;
  return score;
}

/**
 * Heuer's step 6, sensitivity: which rows the leading hypothesis's standing rests on. Removing a
 * row takes its points off every hypothesis it was rated against; the row matters if, without it,
 * another hypothesis would score at or below the leader. `rows[i].points` maps hypothesis → the
 * row's weighted inconsistency points. Returns, for each row that matters, who would lead.
 */
export function leaderRestsOn(
  scores: ReadonlyMap<string, number>,
  rows: readonly { id: string; points: ReadonlyMap<string, number> }[],
): { leader: string | null; restsOn: { id: string; newLeader: string; leaderWithout: number; newLeaderWithout: number; tie: boolean }[] } {
  const ranked = [...scores.entries()].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const leader = ranked[0]?.[0] ?? null;
  if (!leader || ranked.length < 2) return { leader, restsOn: [] };
  const out: { id: string; newLeader: string; leaderWithout: number; newLeaderWithout: number; tie: boolean }[] = [];
  const EPS = 1e-9;
  for (const row of rows) {
    const leaderWithout = scores.get(leader)! - (row.points.get(leader) ?? 0);
    let best: { id: string; score: number } | null = null;
    for (const [h, p] of row.points) {
      if (h === leader || p <= 0) continue;
      const without = scores.get(h)! - p;
      if (without <= leaderWithout + EPS && (!best || without < best.score)) best = { id: h, score: without };
    }
    if (best) out.push({ id: row.id, newLeader: best.id, leaderWithout, newLeaderWithout: best.score, tie: Math.abs(best.score - leaderWithout) <= EPS });
  }
  return { leader, restsOn: out };
}
