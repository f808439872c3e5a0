/** Properties of the calculation that must hold for every model (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EstimateModel, ModelLine } from '../../shared/calc/estimateModel';
import { compileLine, evaluateCompiled, mulberry32, simulateNpvs, triangularInverse } from '../../shared/calc/montecarlo';
import { compileModel, evaluateEstimate, linePv, prepareModel } from '../../shared/calc/savings';

const cell = fc
  .tuple(fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 0, max: 5_000_000 }))
  .map(([a, b, c]) => {
    const [low, central, high] = [a, b, c].sort((x, y) => x - y) as [number, number, number];
    return { low, central, high };
  });
const frac = fc.double({ min: 0, max: 1, noNaN: true });
const years = 6;
const profile = fc.array(cell, { minLength: 0, maxLength: years });
const costLine = fc.record({ profile, org: fc.constantFrom('Council', 'NHS', 'Police') }).map(
  ({ profile, org }): ModelLine => ({ kind: 'cost', label: 'c', organisation: org, category: 'revenue', cashable: false, optimismBias: undefined, profile }),
);
const benefitLine = fc.record({ profile, dw: frac, at: frac, dp: frac, drop: frac, org: fc.constantFrom('Council', 'NHS', 'Police') }).map(
  ({ profile, dw, at, dp, drop, org }): ModelLine => ({
    kind: 'benefit',
    label: 'b',
    organisation: org,
    valueType: 'fiscal',
    cashable: true,
    optimismBias: undefined,
    deadweight: dw,
    attributionToOthers: at,
    displacement: dp,
    dropOff: drop,
    profile,
  }),
);
const modelArb = fc
  .record({
    lines: fc.array(fc.oneof(costLine, benefitLine), { minLength: 1, maxLength: 6 }),
    rate: fc.option(fc.double({ min: 0, max: 0.2, noNaN: true }), { nil: undefined }),
    obc: frac,
    obb: frac,
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  })
  .map(
    ({ lines, rate, obc, obb, seed }): EstimateModel => ({
      name: 'p',
      startYear: '2026-27',
      years,
      discount: rate === undefined ? { schedule: 'green-book' } : { rate },
      optimismBias: { costs: obc, benefits: obb },
      simulation: { iterations: 200, seed },
      lines,
    }),
  );

describe('properties', () => {
  it('more deadweight never raises the NPV', () => {
    fc.assert(
      fc.property(modelArb, fc.nat({ max: 5 }), frac, (m, which, extra) => {
        const i = which % m.lines.length;
        const line = m.lines[i]!;
        if (line.kind !== 'benefit') return;
        const more = { ...m, lines: m.lines.map((l, k) => (k === i && l.kind === 'benefit' ? { ...l, deadweight: Math.min(1, l.deadweight + extra * (1 - l.deadweight)) } : l)) };
        for (const s of ['pessimistic', 'central', 'optimistic'] as const) {
          expect(evaluateEstimate(more, { simulate: false }).scenarios[s].npv).toBeLessThanOrEqual(evaluateEstimate(m, { simulate: false }).scenarios[s].npv);
        }
      }),
    );
  });

  it('scaling every amount by k scales the NPV by k (to the rounding of a penny)', () => {
    fc.assert(
      fc.property(modelArb, fc.integer({ min: 2, max: 50 }), (m, k) => {
        const scaled = { ...m, lines: m.lines.map((l) => ({ ...l, profile: l.profile.map((p) => ({ low: p.low * k, central: p.central * k, high: p.high * k })) })) };
        const base = prepareModel(m).reduce((s, p) => s + p.sign * linePv(p, 'central'), 0);
        const got = evaluateEstimate(scaled, { simulate: false }).scenarios.central.npv;
        expect(Math.abs(got - k * base)).toBeLessThanOrEqual(0.5 + 1e-6 * Math.abs(k * base) + 1e-6);
      }),
    );
  });

  it('the simulation is reproducible for a seed, and p10 ≤ p50 ≤ p90', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const a = evaluateEstimate(m).simulation!;
        const b = evaluateEstimate(m).simulation!;
        expect(a).toEqual(b);
        expect(a.p10).toBeLessThanOrEqual(a.p50);
        expect(a.p50).toBeLessThanOrEqual(a.p90);
      }),
    );
  });

  it('the precompiled line equals the year-by-year sum of triangular draws', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 12 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 12, maxLength: 12 }), fc.integer(), (cells, k, seed) => {
        const low = cells.map((c) => c.low);
        const mid = cells.map((c) => c.central);
        const high = cells.map((c) => c.high);
        const coeff = k.slice(0, cells.length);
        const compiled = compileLine(low, mid, high, coeff);
        const rand = mulberry32(seed);
        for (let i = 0; i < 20; i++) {
          const u = rand();
          const naive = cells.reduce((s, c, t) => s + coeff[t]! * triangularInverse(c.low, c.central, c.high, u), 0);
          expect(evaluateCompiled(compiled, u)).toBeCloseTo(naive, 3);
        }
      }),
    );
  });

  it('the fast simulation kernel gives the naive simulation: one mulberry32 draw per line, every year through the triangle', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const prepared = prepareModel(m);
        const fast = simulateNpvs(compileModel(prepared), 50, m.simulation!.seed);
        const rand = mulberry32(m.simulation!.seed);
        for (let i = 0; i < 50; i++) {
          let naive = 0;
          for (const p of prepared) {
            const u = rand();
            for (let t = 0; t < m.years; t++) naive += p.sign * p.coeff[t]! * triangularInverse(p.low[t]!, p.central[t]!, p.high[t]!, u);
          }
          expect(Math.abs(fast[i]! - naive)).toBeLessThan(1e-6 * Math.max(1, Math.abs(naive)));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('the kernel’s shortcuts (certain lines; one shape for every year) give the naive simulation too', () => {
    const shaped = fc
      .record({ centrals: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 8 }), lo: fc.double({ min: 0, max: 1, noNaN: true }), hi: fc.double({ min: 1, max: 3, noNaN: true }), certain: fc.boolean() })
      .map(({ centrals, lo, hi, certain }) => centrals.map((c) => (certain ? { low: c, central: c, high: c } : { low: c * lo, central: c, high: c * hi })));
    fc.assert(
      fc.property(fc.array(shaped, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (profiles, seed) => {
        const coeffs = profiles.map((p) => p.map((_, t) => 1 / (1 + t)));
        const compiled = profiles.map((p, i) => compileLine(p.map((c) => c.low), p.map((c) => c.central), p.map((c) => c.high), coeffs[i]!));
        const fast = simulateNpvs(compiled, 40, seed);
        const rand = mulberry32(seed);
        for (let i = 0; i < 40; i++) {
          let naive = 0;
          profiles.forEach((p, l) => {
            const u = rand();
            p.forEach((c, t) => (naive += coeffs[l]![t]! * triangularInverse(c.low, c.central, c.high, u)));
          });
          expect(Math.abs(fast[i]! - naive)).toBeLessThan(1e-6 * Math.max(1, Math.abs(naive)));
        }
      }),
      { numRuns: 100 },
    );
  });
});
