/**
 * Hand-worked examples of ESTIMATES.md. Expected figures are worked out in the comments (pence),
 * not produced by the code under test. A discount rate of 25 % is used where it keeps the
 * arithmetic exact: DF = 1, 0.8, 0.64, 0.512.
 */
import { describe, expect, it } from 'vitest';
import { parseEstimateModel, type EstimateModelInput } from '../../shared/calc/estimateModel';
import { evaluatePortfolio, NO_PAYER } from '../../shared/calc/portfolio';
import { evaluateEstimate, roundPence, switchingValues } from '../../shared/calc/savings';
import { discountFactors } from '../../shared/calc/discount';

type Line = EstimateModelInput['lines'][number];
const flat = (...central: number[]) => central.map((c) => ({ low: c, central: c, high: c }));
const cost = (organisation: string, profile: ReturnType<typeof flat>, extra: Partial<Line> = {}): Line =>
  ({ kind: 'cost', label: `${organisation} cost`, organisation, category: 'revenue', cashable: true, profile, ...extra }) as Line;
const benefit = (organisation: string, profile: ReturnType<typeof flat>, extra: Partial<Line> = {}): Line =>
  ({ kind: 'benefit', label: `${organisation} benefit`, organisation, valueType: 'fiscal', cashable: true, profile, ...extra }) as Line;

function model(lines: Line[], extra: Partial<EstimateModelInput> = {}) {
  const parsed = parseEstimateModel({ name: 'Test', startYear: '2010-11', years: 3, discount: { rate: 0.25 }, lines, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.model;
}
const central = (m: ReturnType<typeof model>) => evaluateEstimate(m).scenarios.central;

describe('adjustments, one at a time (year 0, so no discounting)', () => {
  it('deadweight 30 % keeps 70 %: 100,000 × 0.7 = 70,000', () => {
    expect(central(model([benefit('NHS', flat(100000), { deadweight: 0.3 })])).pvBenefits).toBe(70000);
  });
  it('attribution to others 40 %: 100,000 × 0.6 = 60,000', () => {
    expect(central(model([benefit('NHS', flat(100000), { attributionToOthers: 0.4 })])).pvBenefits).toBe(60000);
  });
  it('displacement 15 %: 100,000 × 0.85 = 85,000', () => {
    expect(central(model([benefit('NHS', flat(100000), { displacement: 0.15 })])).pvBenefits).toBe(85000);
  });
  it('drop-off 50 % starts at the first non-zero central year: 0 + 100,000 + 50,000 at rate 0', () => {
    // t0 = 1; year 1: 100,000 × 0.5^0; year 2: 100,000 × 0.5^1 = 50,000.
    const m = model([benefit('NHS', flat(0, 100000, 100000), { dropOff: 0.5 })], { discount: { rate: 0 } });
    expect(central(m).pvBenefits).toBe(150000);
  });
  it('optimism bias cuts benefits and raises costs: 100,000 × 0.8 and 100,000 × 1.25', () => {
    const r = central(model([benefit('NHS', flat(100000)), cost('Council', flat(100000))], { optimismBias: { costs: 0.25, benefits: 0.2 } }));
    expect(r.pvBenefits).toBe(80000);
    expect(r.pvCosts).toBe(125000);
    expect(r.npv).toBe(-45000);
  });
  it("a line's own optimism bias (from its confidence grade) replaces the model's", () => {
    const r = central(model([benefit('NHS', flat(100000), { optimismBias: 0.4 })], { optimismBias: { costs: 0, benefits: 0.1 } }));
    expect(r.pvBenefits).toBe(60000);
  });
});

describe('a full example at 25 %', () => {
  it('combines every adjustment with discounting', () => {
    // Cost: 100,000 a year × (1 + 0.10) = 110,000; PV = 110,000 × (1 + 0.8 + 0.64) = 268,400.
    // Benefit: base factor (1 − 0.25)(1 − 0.2)(1 − 0.1)(1 − 0.05) = 0.75 × 0.8 × 0.9 × 0.95 = 0.513.
    //   t0 = 1. Year 1: 200,000 × 0.513 × 0.5^0 × 0.8 = 82,080. Year 2: 300,000 × 0.513 × 0.5^1 × 0.64 = 49,248.
    //   PV = 131,328. NPV = 131,328 − 268,400 = −137,072. BCR = 131,328 / 268,400 = 0.48930…
    const m = model(
      [
        cost('Council', flat(100000, 100000, 100000)),
        benefit('NHS', flat(0, 200000, 300000), { deadweight: 0.25, attributionToOthers: 0.2, displacement: 0.1, dropOff: 0.5 }),
      ],
      { optimismBias: { costs: 0.1, benefits: 0.05 } },
    );
    const r = central(m);
    expect(r.pvCosts).toBe(268400);
    expect(r.pvBenefits).toBe(131328);
    expect(r.npv).toBe(-137072);
    expect(r.bcr).toBeCloseTo(0.489299553, 8);
    expect(r.paybackYear).toBeNull();
  });
});

describe('discounting', () => {
  it('a constant rate: DF(t) = 1 / 1.25^t', () => {
    expect([...discountFactors(4, { rate: 0.25 })]).toEqual([1, 0.8, 0.64, 0.512]);
  });
  it('the Green Book schedule falls to 3 % after year 30', () => {
    // 1,000,000 in year 32: 1,000,000 / (1.035^30 × 1.03^2) = 335,826.57 → 335,827.
    const profile = Array.from({ length: 33 }, (_, t) => ({ low: 0, central: t === 32 ? 1000000 : 0, high: t === 32 ? 1000000 : 0 }));
    const gb = model([benefit('NHS', profile)], { years: 33, discount: { schedule: 'green-book' } });
    expect(central(gb).pvBenefits).toBe(335827);
    // At a constant 3.5 %: 1,000,000 / 1.035^32 = 332,589.71 → 332,590.
    const flatRate = model([benefit('NHS', profile)], { years: 33, discount: { rate: 0.035 } });
    expect(central(flatRate).pvBenefits).toBe(332590);
  });
  it('and to 2.5 % after year 75', () => {
    // Year 79: 1 / (1.035^30 × 1.03^45 × 1.025^4) × 1,000,000 = 85,353.03 → 85,353.
    const profile = Array.from({ length: 80 }, (_, t) => ({ low: 0, central: t === 79 ? 1000000 : 0, high: t === 79 ? 1000000 : 0 }));
    expect(central(model([benefit('NHS', profile)], { years: 80, discount: { schedule: 'green-book' } })).pvBenefits).toBe(85353);
  });
  it('defaults to the Green Book schedule', () => {
    const parsed = parseEstimateModel({ name: 'x', startYear: '2026-27', years: 2, lines: [benefit('NHS', flat(0, 103500))] });
    // 103,500 / 1.035 = 100,000.
    expect(parsed.ok && evaluateEstimate(parsed.model).scenarios.central.pvBenefits).toBe(100000);
  });
});

describe('scenarios, payback, cashable, fiscal and per organisation', () => {
  it('pessimistic takes benefits low and costs high; optimistic the reverse', () => {
    const m = model([
      cost('Council', [{ low: 80, central: 100, high: 150 }]),
      benefit('NHS', [{ low: 50, central: 200, high: 300 }]),
    ]);
    const r = evaluateEstimate(m).scenarios;
    expect([r.pessimistic.pvCosts, r.pessimistic.pvBenefits, r.pessimistic.npv]).toEqual([150, 50, -100]);
    expect([r.central.pvCosts, r.central.pvBenefits, r.central.npv]).toEqual([100, 200, 100]);
    expect([r.optimistic.pvCosts, r.optimistic.pvBenefits, r.optimistic.npv]).toEqual([80, 300, 220]);
  });

  it('payback is the first year the cumulative discounted net reaches 0', () => {
    // Net by year: −100,000; +100,000 × 0.8 = +80,000 (cum −20,000); +100,000 × 0.64 = +64,000 (cum +44,000) → year 2.
    const m = model([cost('Council', flat(100000)), benefit('NHS', flat(0, 100000, 100000))]);
    expect(central(m).paybackYear).toBe(2);
    expect(central(m).npv).toBe(44000);
  });

  it('splits cashable, fiscal and per-organisation figures', () => {
    // Costs: Council 100, Police 50. Benefits: NHS 300 fiscal cashable, Council 60 social not cashable.
    const m = model([
      cost('Council', flat(100)),
      cost('Police', flat(50)),
      benefit('NHS', flat(300)),
      benefit('Council', flat(60), { valueType: 'social', cashable: false }),
    ]);
    const r = central(m);
    expect(r.cashablePvBenefits).toBe(300);
    expect(r.fiscalNpv).toBe(150); // 300 − (100 + 50)
    expect(r.npv).toBe(210); // 360 − 150
    expect(r.byOrganisation).toEqual([
      { organisation: 'Council', pvCosts: 100, pvBenefits: 60, net: -40 },
      { organisation: 'Police', pvCosts: 50, pvBenefits: 0, net: -50 },
      { organisation: 'NHS', pvCosts: 0, pvBenefits: 300, net: 300 },
    ]);
  });

  it('a BCR with no costs is null', () => {
    expect(central(model([benefit('NHS', flat(10))])).bcr).toBeNull();
  });

  it('rounds half away from zero, only at the end', () => {
    // Cost 1p × 1.5 = 1.5p: PV costs 2, NPV −1.5 → −2 (not −1).
    const r = central(model([cost('Council', flat(1))], { optimismBias: { costs: 0.5, benefits: 0 } }));
    expect(r.pvCosts).toBe(2);
    expect(r.npv).toBe(-2);
    // Three lines of 0.5p each would be 2p if rounded early (1+1+1 = 3 vs 1.5 → 2).
    const r2 = central(model([cost('A', flat(1)), cost('B', flat(1)), cost('C', flat(1))], { optimismBias: { costs: 0.5, benefits: 0 } }));
    expect(r2.pvCosts).toBe(5); // 4.5 → 5
    expect(roundPence(-2.5)).toBe(-3);
    expect(roundPence(2.5)).toBe(3);
    expect(roundPence(0.49)).toBe(0);
  });
});

describe('switching values', () => {
  it('says how far each line can move before the NPV is zero', () => {
    // NPV = 200 − 100 = 100. The benefit can fall by 100/200 = 50 % (to 100); the cost can rise by 100 % (to 200).
    const s = switchingValues(model([cost('Council', flat(100)), benefit('NHS', flat(200))]));
    expect(s[0]).toMatchObject({ kind: 'cost', pv: 100, switchingPv: 200 });
    expect(s[0]!.change).toBeCloseTo(1, 12);
    expect(s[1]).toMatchObject({ kind: 'benefit', pv: 200, switchingPv: 100 });
    expect(s[1]!.change).toBeCloseTo(-0.5, 12);
  });
});

describe('simulation', () => {
  it('is degenerate when low = central = high: p10 = p50 = p90 = mean = central NPV', () => {
    // PV costs 100,000 × 2.44 = 244,000; PV benefits 150,000 × 1.8 × … : year1 150,000 × 0.8 + year2 150,000 × 0.64 = 216,000.
    const m = model([cost('Council', flat(100000, 100000, 100000)), benefit('NHS', flat(0, 150000, 150000))], { simulation: { iterations: 500, seed: 3 } });
    const r = evaluateEstimate(m);
    expect(r.scenarios.central.npv).toBe(-28000);
    expect(r.simulation).toEqual({ iterations: 500, p10: -28000, p50: -28000, p90: -28000, mean: -28000 });
  });

  it('matches the triangular distribution: low 0, mode 0, high 1,000,000 has quantiles 1,000,000 × (1 − √(1 − p))', () => {
    // p10: 1 − √0.9 = 0.05132; p50: 1 − √0.5 = 0.29289; p90: 1 − √0.1 = 0.68377; mean (0 + 0 + 1) / 3.
    const m = model([benefit('NHS', [{ low: 0, central: 0, high: 1000000 }])], { years: 1, simulation: { iterations: 40000, seed: 11 } });
    const s = evaluateEstimate(m).simulation!;
    expect(Math.abs(s.p10 - 51317) / 1e6).toBeLessThan(0.01);
    expect(Math.abs(s.p50 - 292893) / 1e6).toBeLessThan(0.01);
    expect(Math.abs(s.p90 - 683772) / 1e6).toBeLessThan(0.01);
    expect(Math.abs(s.mean - 333333) / 1e6).toBeLessThan(0.01);
  });

  it('uses one draw per line for all its years: a line with the same triangle in two years moves as one', () => {
    // Two equal years of {0, 0, 100} at rate 0: each iteration is 2 × F⁻¹(u), so p90 = 2 × 68.377 ≈ 136.8
    // (independent draws per year would pull the p90 in towards the mean of 66.7).
    const m = model([benefit('NHS', [{ low: 0, central: 0, high: 100000 }, { low: 0, central: 0, high: 100000 }])], {
      years: 2,
      discount: { rate: 0 },
      simulation: { iterations: 40000, seed: 5 },
    });
    const s = evaluateEstimate(m).simulation!;
    expect(Math.abs(s.p90 - 136754) / 200000).toBeLessThan(0.01);
  });
});

describe('the portfolio and the wrong-pocket matrix', () => {
  it('splits each benefit across the payers in proportion to their PV costs', () => {
    // Council pays 100 (2/3), Police 50 (1/3). NHS gains 300: Council 200, Police 100. Council gains 60: Council 40, Police 20.
    const a = model([cost('Council', flat(100)), cost('Police', flat(50)), benefit('NHS', flat(300)), benefit('Council', flat(60))]);
    // A second intervention with no costs: its 30 to the NHS has no payer.
    const b = model([benefit('NHS', flat(30))]);
    const p = evaluatePortfolio([
      { id: 'a', model: a },
      { id: 'b', model: b },
    ]);
    expect(p.wrongPocket.payers).toEqual(['Council', 'Police', NO_PAYER]);
    // Organisations in the order they first appear in the lines.
    expect(p.wrongPocket.beneficiaries).toEqual(['Council', 'NHS']);
    expect(p.wrongPocket.cells).toEqual([
      [40, 200],
      [20, 100],
      [0, 30],
    ]);
    expect(p.scenarios.central).toEqual({ pvCosts: 150, pvBenefits: 390, npv: 240, bcr: 2.6 });
    expect(p.interventionCount).toBe(2);
    expect(p.interventions.map((i) => [i.id, i.centralNpv, i.p10, i.p90])).toEqual([
      ['a', 210, 210, 210],
      ['b', 30, 30, 30],
    ]);
    expect(p.simulation).toMatchObject({ p10: 240, p50: 240, p90: 240, mean: 240 });
  });

  it('is empty with no interventions', () => {
    const p = evaluatePortfolio([]);
    expect(p).toMatchObject({ interventionCount: 0, simulation: null, wrongPocket: { payers: [], beneficiaries: [], cells: [] }, interventions: [] });
    expect(p.scenarios.central).toEqual({ pvCosts: 0, pvBenefits: 0, npv: 0, bcr: null });
  });
});
