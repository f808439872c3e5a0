/**
 * The seeded triangular simulation (ESTIMATES.md). Each iteration draws one u ~ U(0,1) per line,
 * shared by all that line's years, and maps each year's {low, central, high} through the
 * triangular inverse CDF.
 *
 * Speed: a line's present value as a function of its u is
 *     PV(u) = Σ_t k_t · F_t⁻¹(u)
 * where k_t is the line's signed, adjusted, discounted coefficient for year t and F_t⁻¹ is
 *     a + √u · √((b−a)(c−a))          when u <  Fc = (c−a)/(b−a)
 *     b − √(1−u) · √((b−a)(b−c))      when u ≥ Fc
 * (a = low, c = central, b = high). Between consecutive breakpoints Fc every year is on a fixed
 * branch, so PV(u) = A + B·√u + C·√(1−u) with constants per segment. `compileLine` precomputes
 * the segments; an iteration is then one draw, a search over a handful of breakpoints and two
 * square roots per line — the same figure as summing every year, to floating-point accuracy.
 */

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. Returns u in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse CDF of the triangular distribution (min a, mode c, max b); a degenerate one is its single value. */
export function triangularInverse(a: number, c: number, b: number, u: number): number {
  if (b === a) return a;
  const fc = (c - a) / (b - a);
  return u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

export interface CompiledLine {
  /** Sorted distinct breakpoints in (0, 1]. Segment s covers breaks[s-1] ≤ u < breaks[s]. */
  breaks: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
}

/** Precomputes PV(u) = A + B√u + C√(1−u) per segment for one line: k are signed coefficients. */
export function compileLine(low: ArrayLike<number>, central: ArrayLike<number>, high: ArrayLike<number>, k: ArrayLike<number>): CompiledLine {
  let constant = 0;
  const years: { fc: number; loA: number; loB: number; hiA: number; hiC: number }[] = [];
  for (let t = 0; t < k.length; t++) {
    const kt = k[t]!;
    const a = low[t] ?? 0;
    const c = central[t] ?? 0;
    const b = high[t] ?? 0;
    if (kt === 0) continue;
    if (b === a) {
      constant += kt * a;
      continue;
    }
    years.push({
      fc: (c - a) / (b - a),
      loA: kt * a,
      loB: kt * Math.sqrt((b - a) * (c - a)),
      hiA: kt * b,
      hiC: -kt * Math.sqrt((b - a) * (b - c)),
    });
  }
  const breaks = [...new Set(years.map((y) => y.fc))].sort((x, y) => x - y);
  const n = breaks.length + 1;
  const A = new Float64Array(n);
  const B = new Float64Array(n);
  const C = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    // In segment s, u ≥ breaks[s-1]: years whose Fc ≤ breaks[s-1] are on the upper branch.
    const lowerBound = s === 0 ? -Infinity : breaks[s - 1]!;
    let sa = constant;
    let sb = 0;
    let sc = 0;
    for (const y of years) {
      if (y.fc <= lowerBound) {
        sa += y.hiA;
        sc += y.hiC;
      } else {
        sa += y.loA;
        sb += y.loB;
      }
    }
    A[s] = sa;
    B[s] = sb;
    C[s] = sc;
  }
  return { breaks: Float64Array.from(breaks), a: A, b: B, c: C };
}

/** PV of a compiled line at u. */
export function evaluateCompiled(line: CompiledLine, u: number): number {
  const br = line.breaks;
  let lo = 0;
  let hi = br.length;
  // Number of breakpoints ≤ u (binary search; usually there are one or two).
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (br[mid]! <= u) lo = mid + 1;
    else hi = mid;
  }
  return line.a[lo]! + line.b[lo]! * Math.sqrt(u) + line.c[lo]! * Math.sqrt(1 - u);
}

export interface SimulationSummary {
  iterations: number;
  p10: number;
  p50: number;
  p90: number;
  mean: number;
}

/**
 * Lines packed into flat typed arrays so the hot loop touches no objects: for line l, its
 * breakpoints are breaks[bOff[l] .. bOff[l+1]) and its segments' constants A/B/C are at
 * sOff[l] + segment.
 */
export interface PackedLines {
  count: number;
  bOff: Int32Array;
  sOff: Int32Array;
  breaks: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
}

export function packLines(lines: readonly CompiledLine[]): PackedLines {
  const n = lines.length;
  const bOff = new Int32Array(n + 1);
  const sOff = new Int32Array(n + 1);
  for (let l = 0; l < n; l++) {
    bOff[l + 1] = bOff[l]! + lines[l]!.breaks.length;
    sOff[l + 1] = sOff[l]! + lines[l]!.a.length;
  }
  const breaks = new Float64Array(bOff[n]!);
  const a = new Float64Array(sOff[n]!);
  const b = new Float64Array(sOff[n]!);
  const c = new Float64Array(sOff[n]!);
  lines.forEach((line, l) => {
    breaks.set(line.breaks, bOff[l]!);
    a.set(line.a, sOff[l]!);
    b.set(line.b, sOff[l]!);
    c.set(line.c, sOff[l]!);
  });
  return { count: n, bOff, sOff, breaks, a, b, c };
}

/** mulberry32's state advances by this constant per draw: the state before draw d is seed + d·C. */
const MULBERRY_STEP = 0x6d2b79f5;

/**
 * The simulation kernel. The draws are exactly those of `mulberry32(seed)` called once per line
 * per iteration, iterations outermost (draw d = i·lines + l). mulberry32's state is a counter
 * (seed + (d+1)·C mod 2³²), so any draw can be computed directly: the loop runs line by line
 * instead, keeping one line's few constants in cache for all its iterations and writing each
 * group's results sequentially — the same figures, far less memory traffic.
 * Lines groupStart[g] .. groupStart[g+1]-1 form group g (an intervention); returns
 * out[g * iterations + i], the group's NPV in iteration i.
 */
export function simulateGroups(p: PackedLines, groupStart: Int32Array, iterations: number, seed: number): Float64Array {
  const groups = groupStart.length - 1;
  const out = new Float64Array(groups * iterations);
  const { bOff, sOff, breaks, a: A, b: B, c: C, count } = p;
  const TWO_TO_MINUS_32 = 2.3283064365386963e-10;
  const stride = Math.imul(count, MULBERRY_STEP) >>> 0;
  for (let g = 0; g < groups; g++) {
    const base = g * iterations;
    for (let l = groupStart[g]!, lEnd = groupStart[g + 1]!; l < lEnd; l++) {
      const s0 = sOff[l]!;
      const b0 = bOff[l]!;
      const b1 = bOff[l + 1]!;
      if (b1 === b0 && B[s0] === 0 && C[s0] === 0) {
        // Certain in every year (low = central = high): its draws change nothing, so skip them
        // (the stream is addressed by draw number, so the other lines' draws are unaffected).
        const v = A[s0]!;
        for (let i = 0; i < iterations; i++) out[base + i] = out[base + i]! + v;
        continue;
      }
      // State before this line's draw in iteration 0, i.e. after l + 1 steps.
      let state = ((seed >>> 0) + Math.imul(l + 1, MULBERRY_STEP)) >>> 0;
      if (b1 - b0 === 1) {
        // One breakpoint (every year's triangle has the same shape, the usual case): below it
        // every year is on the rising branch (C = 0), above it on the falling one (B = 0), so one
        // square root serves.
        const br = breaks[b0]!;
        const aLo = A[s0]!;
        const bLo = B[s0]!;
        const aHi = A[s0 + 1]!;
        const cHi = C[s0 + 1]!;
        for (let i = 0; i < iterations; i++) {
          let t = state;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          const u = ((t ^ (t >>> 14)) >>> 0) * TWO_TO_MINUS_32;
          state = (state + stride) >>> 0;
          const lower = u < br;
          const v = lower ? aLo + bLo * Math.sqrt(u) : aHi + cHi * Math.sqrt(1 - u);
          out[base + i] = out[base + i]! + v;
        }
        continue;
      }
      for (let i = 0; i < iterations; i++) {
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const u = ((t ^ (t >>> 14)) >>> 0) * TWO_TO_MINUS_32;
        state = (state + stride) >>> 0;
        // Segment = number of the line's breakpoints ≤ u (few; counted without a branch).
        let seg = s0;
        for (let k = b0; k < b1; k++) seg += breaks[k]! <= u ? 1 : 0;
        out[base + i] = out[base + i]! + (A[seg]! + B[seg]! * Math.sqrt(u) + C[seg]! * Math.sqrt(1 - u));
      }
    }
  }
  return out;
}

/** NPV of each iteration (unrounded): one u per line per iteration, lines in order. */
export function simulateNpvs(lines: readonly CompiledLine[], iterations: number, seed: number): Float64Array {
  return simulateGroups(packLines(lines), Int32Array.of(0, lines.length), iterations, seed);
}

/** 0-based index of the nearest-rank p-th percentile of n sorted values: ⌈p·n/100⌉ − 1. */
export const nearestRankIndex = (p: number, n: number): number => Math.max(0, Math.ceil((p * n) / 100) - 1);

/** Puts the k-th smallest of xs[lo..hi] at index k (Hoare quickselect, median of three). */
function select(xs: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const pivot = median3(xs[lo]!, xs[mid]!, xs[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
const median3 = (a: number, b: number, c: number) => (a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b);

/**
 * p10 / p50 / p90 by nearest rank and the mean, unrounded. Reorders `npvs` in place (selection is
 * linear time, so 500 interventions × 10,000 draws need no full sorts).
 */
export function summarise(npvs: Float64Array): { p10: number; p50: number; p90: number; mean: number } {
  const n = npvs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += npvs[i]!;
  const k90 = nearestRankIndex(90, n);
  const k50 = nearestRankIndex(50, n);
  const k10 = nearestRankIndex(10, n);
  select(npvs, k90, 0, n - 1);
  select(npvs, k50, 0, k90);
  select(npvs, k10, 0, k50);
  return { p10: npvs[k10]!, p50: npvs[k50]!, p90: npvs[k90]!, mean: sum / n };
}
