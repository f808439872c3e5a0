import { describe, expect, it } from 'vitest';
import { diagnosticity, inconsistencyScore, rankByInconsistency } from '../../shared/calc/ach';

describe('ACH weighted inconsistency (I = 1, II = 2; weight high 1, medium 0.5, low 0.25)', () => {
  it('counts only inconsistent ratings, times their weight', () => {
    // I high (1×1) + II medium (2×0.5) + I low (1×0.25) = 2.25; CC, C, N and NA add nothing.
    expect(
      inconsistencyScore([
        { rating: 'I', weight: 'high' },
        { rating: 'II', weight: 'medium' },
        { rating: 'I', weight: 'low' },
        { rating: 'CC', weight: 'high' },
        { rating: 'C', weight: 'high' },
        { rating: 'N', weight: 'high' },
        { rating: 'NA', weight: 'high' },
      ]),
    ).toBe(2.25);
  });

  it('is zero with no evidence against', () => {
    expect(inconsistencyScore([])).toBe(0);
    expect(inconsistencyScore([{ rating: 'CC', weight: 'high' }])).toBe(0);
  });

  it('ranks the least-refuted hypothesis first', () => {
    const ranked = rankByInconsistency([
      { id: 'a', inconsistency: 2 },
      { id: 'b', inconsistency: 0.75 },
      { id: 'c', inconsistency: 1 },
    ]);
    expect(ranked.map((h) => h.id)).toEqual(['b', 'c', 'a']);
  });
});

describe('ACH diagnosticity (spread of CC +2 … II −2, NA ignored)', () => {
  it('is the spread between the most and least consistent ratings', () => {
    expect(diagnosticity(['CC', 'I', 'II'])).toBe(4); // +2 − (−2)
    expect(diagnosticity(['I', 'N'])).toBe(1); // 0 − (−1)
    expect(diagnosticity(['C', 'C', 'NA'])).toBe(0); // consistent with everything it was rated against
  });

  it('is zero when rated against fewer than two hypotheses (NA does not count)', () => {
    expect(diagnosticity([])).toBe(0);
    expect(diagnosticity(['II'])).toBe(0);
    expect(diagnosticity(['CC', 'NA', 'NA'])).toBe(0);
  });
});

describe('ACH inconsistency from counts', () => {
  it('equals the score of the same ratings listed one by one', async () => {
    const { inconsistencyFromCounts } = await import('../../shared/calc/ach');
    // 3 × I high (3) + 2 × II low (2 × 2 × 0.25 = 1) + 5 × CC high (0) = 4
    expect(
      inconsistencyFromCounts([
        { rating: 'I', weight: 'high', n: 3 },
        { rating: 'II', weight: 'low', n: 2 },
        { rating: 'CC', weight: 'high', n: 5 },
      ]),
    ).toBe(4);
  });
});
