/**
 * Analysis of Competing Hypotheses (Heuer, "Psychology of Intelligence Analysis", 1999, ch. 8).
 *
 * Heuer's rule is to work by refutation: the most likely hypothesis is the one with the LEAST
 * evidence against it, not the most for it, so each hypothesis is scored by its inconsistencies.
 * As in PARC's ACH software, only I and II count: I = 1, II = 2 (strongly inconsistent counts
 * double). Each rating is multiplied by the link's weight, one combined judgement of the item's
 * credibility and relevance: high 1, medium 0.5, low 0.25. Halving per step keeps a high-weight I
 * equal to two medium-weight I's, so a pile of weak evidence cannot outvote one solid item by
 * volume alone as quickly as a linear scale would. CC, C, N and NA add nothing.
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
  weight: LinkWeight;
}

/** Weighted inconsistency score of one hypothesis from the ratings of the evidence against it. */
export function inconsistencyScore(ratings: readonly Rating[]): number {
  let score = 0;
  for (const r of ratings) score += INCONSISTENCY_POINTS[r.rating] * WEIGHT_FACTOR[r.weight];
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

/** The same score from counts per (rating, weight), as the database keeps them for big matrices. */
export function inconsistencyFromCounts(counts: readonly RatingCount[]): number {
  let score = 0;
  for (const c of counts) score += INCONSISTENCY_POINTS[c.rating] * WEIGHT_FACTOR[c.weight] * c.n;
  return score;
}
