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
 * sOff[l] + segment. Lines with two or more breakpoints also get a lookup table for the buckets
 * their breakpoints span (see `lookupTable`): bucket k is at lut[lutOff[l] + k − lutLo[l]]
 * (lutOff[l] = −1 for the other lines).
 */
export interface PackedLines {
  count: number;
  bOff: Int32Array;
  sOff: Int32Array;
  breaks: Float64Array;
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  lutOff: Int32Array;
  lutLo: Int32Array;
  lut: Uint16Array;
}

/**
 * Buckets of u per line. Rounding profiles to whole pence gives nearly every year its own
 * triangle shape, so a line has as many breakpoints as years, tightly clustered: a draw outside
 * [first, last] breakpoint needs two comparisons, and one inside finds its segment from its bucket
 * (exact unless a breakpoint falls inside that bucket, when a short scan finishes the count).
 * 512 buckets over [0, 1); only those between the first and last breakpoint are ever read.
 */
export const LOOKUP_BUCKETS = 512;

/** The buckets a line's breakpoints span: [lo, hi]. */
export function lookupSpan(breaks: ArrayLike<number>): [number, number] {
  const lo = Math.floor(breaks[0]! * LOOKUP_BUCKETS);
  const hi = Math.min(LOOKUP_BUCKETS - 1, Math.floor(breaks[breaks.length - 1]! * LOOKUP_BUCKETS));
  return [lo, hi];
}

/**
 * For bucket k = [k/512, (k+1)/512), k in `span`: entry = 2 × (breakpoints ≤ k/512) + (1 if a
 * breakpoint lies strictly inside the bucket). The segment of any u in a clean bucket is then
 * exactly the count of breakpoints ≤ u, which is what a full scan gives — the figures do not change.
 */
export function lookupTable(breaks: ArrayLike<number>, out: Uint16Array, offset: number, span: [number, number] = lookupSpan(breaks)): void {
  let below = 0;
  for (let k = span[0]; k <= span[1]; k++) {
    const lo = k / LOOKUP_BUCKETS;
    const hi = (k + 1) / LOOKUP_BUCKETS;
    while (below < breaks.length && breaks[below]! <= lo) below++;
    const dirty = below < breaks.length && breaks[below]! < hi ? 1 : 0;
    out[offset + k - span[0]] = below * 2 + dirty;
  }
}

export function packLines(lines: readonly CompiledLine[]): PackedLines {
  const n = lines.length;
  const bOff = new Int32Array(n + 1);
  const sOff = new Int32Array(n + 1);
  const lutOff = new Int32Array(n).fill(-1);
  const lutLo = new Int32Array(n);
  const spans: ([number, number] | null)[] = [];
  let size = 0;
  for (let l = 0; l < n; l++) {
    const line = lines[l]!;
    bOff[l + 1] = bOff[l]! + line.breaks.length;
    sOff[l + 1] = sOff[l]! + line.a.length;
    const span = line.breaks.length >= 2 ? lookupSpan(line.breaks) : null;
    spans.push(span);
    if (span) {
      lutOff[l] = size;
      lutLo[l] = span[0];
      size += span[1] - span[0] + 1;
    }
  }
  const breaks = new Float64Array(bOff[n]!);
  const a = new Float64Array(sOff[n]!);
  const b = new Float64Array(sOff[n]!);
  const c = new Float64Array(sOff[n]!);
  const lut = new Uint16Array(size);
  lines.forEach((line, l) => {
    breaks.set(line.breaks, bOff[l]!);
    a.set(line.a, sOff[l]!);
    b.set(line.b, sOff[l]!);
    c.set(line.c, sOff[l]!);
    const span = spans[l];
    if (span) lookupTable(line.breaks, lut, lutOff[l]!, span);
  });
  return { count: n, bOff, sOff, breaks, a, b, c, lutOff, lutLo, lut };
}

/**
 * The simulation kernel, for groups g0 .. g1−1 (an intervention is a group: lines
 * groupStart[g] .. groupStart[g+1]−1); adds each group's NPV in iteration i to
 * out[g * iterations + i]. The draws are exactly those of `mulberry32(seed)` called once per line
 * per iteration, iterations outermost (draw d = i·lines + l). mulberry32's state is a counter
 * (seed + (d+1)·C mod 2³²), so any draw can be computed directly: the loop runs line by line
 * instead, keeping one line's few constants in cache for all its iterations and writing each
 * group's results sequentially — the same figures, far less memory traffic — and any range of
 * groups can run on its own thread with the same result, bit for bit.
 *
 * Self-contained on purpose (no calls, no module constants): worker threads run this very
 * function from its source text, so the threaded and single-thread paths cannot drift apart.
 */
export function simulateGroupRange(
  p: PackedLines,
  groupStart: Int32Array,
  g0: number,
  g1: number,
  iterations: number,
  seed: number,
  out: Float64Array,
): void {
  const bOff = p.bOff;
  const sOff = p.sOff;
  const breaks = p.breaks;
  const A = p.a;
  const B = p.b;
  const C = p.c;
  const lutOff = p.lutOff;
  const lutLo = p.lutLo;
  const lut = p.lut;
  const TWO_TO_MINUS_32 = 2.3283064365386963e-10;
  const BUCKETS = 512;
  // mulberry32's state advances by 0x6d2b79f5 per draw; one iteration is `count` draws.
  const stride = Math.imul(p.count, 0x6d2b79f5) >>> 0;
  for (let g = g0; g < g1; g++) {
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
      let state = ((seed >>> 0) + Math.imul(l + 1, 0x6d2b79f5)) >>> 0;
      if (b1 - b0 <= 1) {
        // One breakpoint (or none): below it every year is on the rising branch (C = 0), above it
        // on the falling one (B = 0), so one square root serves.
        const br = b1 > b0 ? breaks[b0]! : 2;
        const aLo = A[s0]!;
        const bLo = B[s0]!;
        const aHi = b1 > b0 ? A[s0 + 1]! : 0;
        const cHi = b1 > b0 ? C[s0 + 1]! : 0;
        for (let i = 0; i < iterations; i++) {
          let t = state;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          const u = ((t ^ (t >>> 14)) >>> 0) * TWO_TO_MINUS_32;
          state = (state + stride) >>> 0;
          const v = u < br ? aLo + bLo * Math.sqrt(u) : aHi + cHi * Math.sqrt(1 - u);
          out[base + i] = out[base + i]! + v;
        }
        continue;
      }
      // Many breakpoints: below the first every year rises (segment 0, C = 0); at or above the
      // last every year falls (last segment, B = 0); between them the bucket says the segment.
      const first = breaks[b0]!;
      const last = breaks[b1 - 1]!;
      const sLast = s0 + (b1 - b0);
      const aLo = A[s0]!;
      const bLo = B[s0]!;
      const aHi = A[sLast]!;
      const cHi = C[sLast]!;
      // Bucket k is at lut[t0 + k]: the table starts at the first breakpoint's bucket.
      const t0 = lutOff[l]! - lutLo[l]!;
      for (let i = 0; i < iterations; i++) {
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const u = ((t ^ (t >>> 14)) >>> 0) * TWO_TO_MINUS_32;
        state = (state + stride) >>> 0;
        let v;
        if (u < first) v = aLo + bLo * Math.sqrt(u);
        else if (u >= last) v = aHi + cHi * Math.sqrt(1 - u);
        else {
          const e = lut[t0 + ((u * BUCKETS) | 0)]!;
          let k = b0 + (e >> 1);
          // A breakpoint inside this bucket: count the ones ≤ u from where the bucket starts.
          if (e & 1) while (k < b1 && breaks[k]! <= u) k++;
          const seg = s0 + (k - b0);
          v = A[seg]! + B[seg]! * Math.sqrt(u) + C[seg]! * Math.sqrt(1 - u);
        }
        out[base + i] = out[base + i]! + v;
      }
    }
  }
}

/** Every group on this thread; returns out[g * iterations + i], group g's NPV in iteration i. */
export function simulateGroups(p: PackedLines, groupStart: Int32Array, iterations: number, seed: number): Float64Array {
  const groups = groupStart.length - 1;
  const out = new Float64Array(groups * iterations);
  simulateGroupRange(p, groupStart, 0, groups, iterations, seed, out);
  return out;
}

/** NPV of each iteration (unrounded): one u per line per iteration, lines in order. */
export function simulateNpvs(lines: readonly CompiledLine[], iterations: number, seed: number): Float64Array {
  return simulateGroups(packLines(lines), Int32Array.of(0, lines.length), iterations, seed);
}

/** 0-based index of the nearest-rank p-th percentile of n sorted values: ⌈p·n/100⌉ − 1. */
export const nearestRankIndex = (p: number, n: number): number => Math.max(0, Math.ceil((p * n) / 100) - 1);

/**
 * p10 / p50 / p90 by nearest rank and the mean, unrounded. Reorders `npvs` in place: Hoare
 * quickselect with a median-of-three pivot finds p50, then p10 below it and p90 above it (linear
 * time, so 500 interventions × 10,000 draws need no full sorts; each is an order statistic, so the
 * order they are found in cannot change them). Self-contained, like the kernel, so worker threads
 * run this same code.
 */
export function summarise(npvs: Float64Array): { p10: number; p50: number; p90: number; mean: number } {
  const n = npvs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += npvs[i]!;
  // Nearest rank: the ⌈p·n/100⌉-th smallest, 0-based.
  const k10 = Math.max(0, Math.ceil((10 * n) / 100) - 1);
  const k50 = Math.max(0, Math.ceil((50 * n) / 100) - 1);
  const k90 = Math.max(0, Math.ceil((90 * n) / 100) - 1);
  // p50 in the whole array; then p10 among those at or below it, p90 among those at or above it.
  const ks = [k50, k10, k90];
  const los = [0, 0, k50];
  const his = [n - 1, k50, n - 1];
  for (let q = 0; q < 3; q++) {
    const k = ks[q]!;
    let lo = los[q]!;
    let hi = his[q]!;
    while (hi > lo) {
      const a = npvs[lo]!;
      const b = npvs[(lo + hi) >>> 1]!;
      const c = npvs[hi]!;
      const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (npvs[i]! < pivot) i++;
        while (npvs[j]! > pivot) j--;
        if (i <= j) {
          const t = npvs[i]!;
          npvs[i] = npvs[j]!;
          npvs[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) hi = j;
      else if (k >= i) lo = i;
      else break;
    }
  }
  return { p10: npvs[k10]!, p50: npvs[k50]!, p90: npvs[k90]!, mean: sum / n };
}
