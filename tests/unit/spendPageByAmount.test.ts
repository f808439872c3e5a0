/**
 * A page of lines by amount picked out without sorting every line (splitReads.ts, a page deep into a
 * selection read in parts): always exactly the page a full sort by amount then key gives, either way,
 * with ties, credits, zeros, and pages at or past the end.
 */
import { describe, expect, it } from 'vitest';
import { pageByAmount } from '../../main/spend/splitReads';

/** The oracle: every line sorted by amount, then key, both the same way. */
function fullSort(amounts: number[], keys: number[], dir: 'ASC' | 'DESC', limit: number, offset: number): number[] {
  const s = dir === 'ASC' ? 1 : -1;
  return amounts
    .map((a, i) => [a, keys[i]!] as const)
    .sort((x, y) => (x[0] !== y[0] ? s * (x[0] < y[0] ? -1 : 1) : s * (x[1] < y[1] ? -1 : 1)))
    .slice(offset, offset + limit)
    .map(([, k]) => k);
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

describe('a page by amount without a full sort', () => {
  it('matches a full sort over 400 random selections, both ways', () => {
    const next = random(19);
    for (let run = 0; run < 400; run++) {
      const n = Math.floor(next() * 300);
      // Few distinct amounts in some runs (many ties), wide ranges with credits and zeros in others.
      const spread = [3, 50, 1e6, 1e15][run % 4]!;
      const amounts = Array.from({ length: n }, () => Math.floor((next() - 0.3) * spread));
      // Keys unique, in no order (two parts' keys are joined, each in key order).
      const keys = Array.from({ length: n }, (_, i) => (i % 2 ? 8589934592 : 4294967296) + i * 7);
      const limit = 1 + Math.floor(next() * 120);
      const offset = Math.floor(next() * (n + 20));
      for (const dir of ['ASC', 'DESC'] as const) {
        expect(pageByAmount(amounts, keys, dir, limit, offset), `run ${run} ${dir} n=${n} limit=${limit} offset=${offset}`).toEqual(fullSort(amounts, keys, dir, limit, offset));
      }
    }
  });

  it('keeps whole pence exact near the largest amount a file can hold, and ties in key order', () => {
    const big = 999_999_999_999_999; // 13 digits of pounds, in pence
    const amounts = [big, big - 1, -big, 0, big, 0, -1];
    const keys = [10, 11, 12, 13, 14, 15, 16];
    expect(pageByAmount(amounts, keys, 'DESC', 3, 0)).toEqual([14, 10, 11]);
    expect(pageByAmount(amounts, keys, 'ASC', 4, 1)).toEqual([16, 13, 15, 11]);
    expect(pageByAmount(amounts, keys, 'ASC', 10, 7)).toEqual([]);
  });
});
