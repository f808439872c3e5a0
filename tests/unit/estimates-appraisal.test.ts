/**
 * Appraisal as ESTIMATES.md now specifies it, worked out by hand in the comments (pence): the
 * health schedule, per-line discounting, the t0 rule for drop-off, the optimism-bias range, the
 * parameter set a result names, the wrong-pocket deal, and the simulation kernel's fast paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discountFactors } from '../../shared/calc/discount';
import { buildDeal, proposeTransfers, settle, shareOut, splitFlows, type DealInput } from '../../shared/calc/deal';
import { parseEstimateModel, type EstimateModelInput } from '../../shared/calc/estimateModel';
import { compileLine, mulberry32, packLines, simulateGroupRange, simulateGroups, summarise, type CompiledLine } from '../../shared/calc/montecarlo';
import { describeBands, GREEN_BOOK_2022, ParameterSetContent, type ParameterSetContent as SetContent } from '../../shared/calc/parameterSets';
import { evaluateEstimate, firstActiveYear } from '../../shared/calc/savings';

type Line = EstimateModelInput['lines'][number];
const flat = (...central: number[]) => central.map((c) => ({ low: c, central: c, high: c }));
const cost = (organisation: string, profile: Line['profile'], extra: Partial<Line> = {}): Line =>
  ({ kind: 'cost', label: `${organisation} cost`, organisation, category: 'revenue', cashable: true, profile, ...extra }) as Line;
const benefit = (organisation: string, profile: Line['profile'], extra: Partial<Line> = {}): Line =>
  ({ kind: 'benefit', label: `${organisation} benefit`, organisation, valueType: 'fiscal', cashable: true, profile, ...extra }) as Line;

function model(lines: Line[], extra: Partial<EstimateModelInput> = {}) {
  const parsed = parseEstimateModel({ name: 'Test', startYear: '2026-27', years: 3, lines, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.model;
}
const central = (m: ReturnType<typeof model>) => evaluateEstimate(m).scenarios.central;
const only = (t: number, v: number, years: number) => Array.from({ length: years }, (_, k) => (k === t ? { low: v, central: v, high: v } : { low: 0, central: 0, high: 0 }));

describe('the health schedule (Green Book: 1.5 % for years 1–30, 1.29 % for 31–75, 1.07 % for 76–125 …)', () => {
  it('year 31: DF = 1 / (1.015^30 × 1.0129)', () => {
    // 1.015^30 = 1.563080220490856; × 1.0129 = 1.583243955335188; DF(31) = 0.6316146015465383.
    const df = discountFactors(32, { schedule: 'health' });
    expect(df[30]).toBeCloseTo(1 / 1.563080220490856, 13);
    expect(df[31]).toBeCloseTo(0.6316146015465383, 13);
    // 1,000,000 in year 31: 631,614.60 → 631,615.
    expect(central(model([benefit('NHS', only(31, 1000000, 32))], { years: 32, discount: { schedule: 'health' } })).pvBenefits).toBe(631615);
  });

  it('year 80: DF = 1 / (1.015^30 × 1.0129^45 × 1.0107^5)', () => {
    // 1.015^30 = 1.563080220490856; 1.0129^45 = 1.780310285800144; 1.0107^5 = 1.054657216110056;
    // product 2.934866134775249; DF(80) = 0.3407310432837100.
    expect(discountFactors(81, { schedule: 'health' })[80]).toBeCloseTo(0.34073104328371, 13);
    // 1,000,000 in year 80: 340,731.04 → 340,731 (on the standard schedule it would be 85,353 by year 79).
    expect(central(model([benefit('NHS', only(80, 1000000, 81))], { years: 81, discount: { schedule: 'health' } })).pvBenefits).toBe(340731);
  });

  it('describes its bands in words, with the source of the figures', () => {
    expect(describeBands(GREEN_BOOK_2022.schedules.health.bands)).toBe(
      '1.5 % for years 1–30, 1.29 % for years 31–75, 1.07 % for years 76–125, 0.86 % for years 126–200, 0.64 % for years 201–300, 0.43 % after year 300',
    );
    expect(GREEN_BOOK_2022.schedules.health.source).toMatch(/Green Book 2022, Annex 6/);
    // Every figure in the shipped set has its source.
    for (const o of GREEN_BOOK_2022.optimismBias) expect(o.source).toMatch(/Optimism Bias/);
    expect(ParameterSetContent.safeParse(GREEN_BOOK_2022).success).toBe(true);
  });
});

describe('a line with its own discounting (a mixed-schedule model)', () => {
  it('discounts costs on the standard schedule and a health benefit on the health schedule', () => {
    // Costs, standard: 100,000 × (1 + 1/1.035 + 1/1.035²) = 100,000 × 2.899694275 = 289,969.43 → 289,969.
    // Benefit, health: 100,000 × (1 + 1/1.015 + 1/1.015²) = 100,000 × 2.955883424 = 295,588.34 → 295,588.
    // NPV = 295,588.34 − 289,969.43 = 5,618.91 → 5,619 (rounded once, at the end).
    const m = model([cost('Council', flat(100000, 100000, 100000)), benefit('NHS', flat(100000, 100000, 100000), { discount: { schedule: 'health' } })]);
    const r = evaluateEstimate(m);
    expect(r.scenarios.central).toMatchObject({ pvCosts: 289969, pvBenefits: 295588, npv: 5619, paybackYear: 0 });
    // The same benefit on the model's (standard) schedule would not pay: NPV 0.
    expect(central(model([cost('Council', flat(100000, 100000, 100000)), benefit('NHS', flat(100000, 100000, 100000))])).npv).toBe(0);
    // The model's own schedule can be the health one, and a line can keep the standard one.
    const flipped = model([cost('Council', flat(100000, 100000, 100000), { discount: { schedule: 'green-book' } }), benefit('NHS', flat(100000, 100000, 100000))], {
      discount: { schedule: 'health' },
    });
    expect(central(flipped)).toMatchObject({ pvCosts: 289969, pvBenefits: 295588, npv: 5619 });
  });

  it('a line on a constant rate: 25 % gives 1, 0.8, 0.64', () => {
    const m = model([cost('Council', flat(1000, 1000, 1000), { discount: { rate: 0.25 } }), benefit('NHS', flat(1000, 1000, 1000))], { discount: { rate: 0 } });
    // Costs 1000 × 2.44 = 2440; benefits 3000 undiscounted.
    expect(central(m)).toMatchObject({ pvCosts: 2440, pvBenefits: 3000, npv: 560 });
  });
});

describe('drop-off starts at t0', () => {
  it('t0 is the first year with a non-zero central value', () => {
    expect(firstActiveYear({ profile: [{ low: 0, central: 0, high: 5 }, { low: 1, central: 2, high: 3 }] })).toBe(1);
  });

  it('when central is zero in every year, t0 is the first year in which low or high is non-zero', () => {
    // Central zero throughout; high 100,000 from year 2. At 0 %, drop-off 50 %, the optimistic case takes high:
    // year 2: 100,000 × 0.5^0 = 100,000; year 3: 100,000 × 0.5^1 = 50,000; PV 150,000.
    // (Counting drop-off from year 0 would give 25,000 + 12,500 = 37,500.)
    const profile = [
      { low: 0, central: 0, high: 0 },
      { low: 0, central: 0, high: 0 },
      { low: 0, central: 0, high: 100000 },
      { low: 0, central: 0, high: 100000 },
    ];
    expect(firstActiveYear({ profile })).toBe(2);
    const m = model([benefit('NHS', profile, { dropOff: 0.5 })], { years: 4, discount: { rate: 0 } });
    expect(evaluateEstimate(m).scenarios.optimistic.pvBenefits).toBe(150000);
    expect(firstActiveYear({ profile: [{ low: 0, central: 0, high: 0 }] })).toBe(0);
  });
});

describe('optimism bias on costs up to 200 %', () => {
  it('150 % raises a cost of 100,000 to 250,000', () => {
    // 100,000 × (1 + 1.5) = 250,000 in year 0 (not discounted); a benefit of 300,000 leaves NPV 50,000.
    const r = central(model([cost('Council', flat(100000)), benefit('NHS', flat(300000))], { years: 1, optimismBias: { costs: 1.5, benefits: 0 } }));
    expect(r).toMatchObject({ pvCosts: 250000, pvBenefits: 300000, npv: 50000 });
    expect(r.bcr).toBe(1.2);
  });
});

describe('results name their parameter set', () => {
  it('the shipped set unless the model names another; its figures are the ones always used', () => {
    const m = model([benefit('NHS', flat(0, 103500))], { years: 2 });
    const r = evaluateEstimate(m);
    expect(r.parameterSet).toEqual({ id: 'hmt-green-book-2022', name: 'HM Treasury Green Book (2022)' });
    expect(r.scenarios.central.pvBenefits).toBe(100000);
    // A different set (say a later review of the rate) changes only the models made with it.
    const review: SetContent = { ...GREEN_BOOK_2022, id: 'review-2031', name: 'A later review', schedules: { ...GREEN_BOOK_2022.schedules, 'green-book': { ...GREEN_BOOK_2022.schedules['green-book'], bands: [{ fromYear: 1, rate: 0.03 }] } } };
    expect(evaluateEstimate(m, { parameterSet: review }).scenarios.central.pvBenefits).toBe(100485); // 103,500 / 1.03
    expect(evaluateEstimate(m)).toEqual(r);
  });
});

describe('the deal for the wrong pocket', () => {
  // One intervention: the Council pays 300,000 and gains 50,000; the NHS gains 500,000, the Police 100,000.
  const one: DealInput = {
    positions: [
      { organisation: 'Council', net: -250000 },
      { organisation: 'NHS', net: 500000 },
      { organisation: 'Police', net: 100000 },
    ],
    wrongPocket: { payers: ['Council'], beneficiaries: ['Council', 'NHS', 'Police'], cells: [[50000, 500000, 100000]] },
    costs: [
      { organisation: 'Council', pvCosts: 300000 },
      { organisation: 'NHS', pvCosts: 0 },
      { organisation: 'Police', pvCosts: 0 },
    ],
  };

  it('gain-share, worked by hand: the payer is made whole by those who gain from its spending', () => {
    // Owed to the Council: 250,000. The NHS receives 500,000 and the Police 100,000 of the Council's spending,
    // so they pay 250,000 × 5/6 = 208,333.33 and × 1/6 = 41,666.67: in pence 208,333 and 41,667 (the odd
    // penny to the larger remainder). After: Council 0; NHS 500,000 − 208,333 = 291,667; Police 58,333.
    const d = buildDeal(one, 'gain-share', null);
    expect(d.transfers).toEqual([
      { from: 'NHS', to: 'Council', amount: 208333 },
      { from: 'Police', to: 'Council', amount: 41667 },
    ]);
    expect(d.positions.map((p) => [p.organisation, p.before, p.after])).toEqual([
      ['Council', -250000, 0],
      ['NHS', 500000, 291667],
      ['Police', 100000, 58333],
    ]);
    expect(d).toMatchObject({ npv: 350000, possible: true, edited: false, shortfalls: [] });
  });

  it('pooled budget, worked by hand: the net value is shared by what each pays', () => {
    // Two interventions: the Council pays 300,000 (gains 50,000), the Police 200,000 (gains 50,000); the NHS gains 600,000.
    // NPV 200,000 shared 3:2 → Council 120,000, Police 80,000, NHS 0. The NHS pays 370,000 to the Council and 230,000 to the Police.
    const two: DealInput = {
      positions: [
        { organisation: 'Council', net: -250000 },
        { organisation: 'Police', net: -150000 },
        { organisation: 'NHS', net: 600000 },
      ],
      wrongPocket: {
        payers: ['Council', 'Police'],
        beneficiaries: ['Council', 'NHS', 'Police'],
        cells: [
          [50000, 500000, 0],
          [0, 100000, 50000],
        ],
      },
      costs: [
        { organisation: 'Council', pvCosts: 300000 },
        { organisation: 'Police', pvCosts: 200000 },
        { organisation: 'NHS', pvCosts: 0 },
      ],
    };
    const d = buildDeal(two, 'pooled-budget', null);
    expect(d.transfers).toEqual([
      { from: 'NHS', to: 'Council', amount: 370000 },
      { from: 'NHS', to: 'Police', amount: 230000 },
    ]);
    expect(d.positions.map((p) => p.after)).toEqual([120000, 80000, 0]);
    // Gain-share on the same figures: the NHS pays exactly the shortfalls (250,000 and 150,000) and keeps 200,000.
    expect(proposeTransfers(two, 'gain-share')).toEqual([
      { from: 'NHS', to: 'Council', amount: 250000 },
      { from: 'NHS', to: 'Police', amount: 150000 },
    ]);
  });

  it('says no deal can make every agency whole when the NPV is negative, and flags edited transfers that leave someone short', () => {
    const loss: DealInput = { ...one, positions: [{ organisation: 'Council', net: -700000 }, ...one.positions.slice(1)] };
    const d = buildDeal(loss, 'gain-share', null);
    expect(d).toMatchObject({ possible: false, transfers: [], proposed: [] });
    expect(d.message).toMatch(/below zero, so no deal can make every agency whole/);
    const edited = buildDeal(one, 'gain-share', [{ from: 'NHS', to: 'Council', amount: 200000 }]);
    expect(edited).toMatchObject({ edited: true, shortfalls: ['Council'] });
    expect(edited.positions.find((p) => p.organisation === 'Council')!.after).toBe(-50000);
  });

  const positionsArb = fc.array(fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }), { minLength: 1, maxLength: 7 });
  it('property: when the NPV is ≥ 0, after the proposed transfers every organisation is ≥ 0, and the transfers sum to zero', () => {
    fc.assert(
      fc.property(
        positionsArb,
        fc.array(fc.array(fc.nat({ max: 3_000_000_000 }), { minLength: 7, maxLength: 7 }), { minLength: 7, maxLength: 7 }),
        fc.array(fc.nat({ max: 3_000_000_000 }), { minLength: 7, maxLength: 7 }),
        fc.constantFrom('gain-share' as const, 'pooled-budget' as const),
        (nets, matrix, paid, rule) => {
          const orgs = nets.map((_, i) => `Org ${i}`);
          // Make the NPV ≥ 0 by raising the first organisation's gain if need be.
          const total = nets.reduce((a, v) => a + v, 0);
          if (total < 0) nets[0] = nets[0]! - total;
          const input: DealInput = {
            positions: orgs.map((organisation, i) => ({ organisation, net: nets[i]! })),
            wrongPocket: { payers: orgs, beneficiaries: orgs, cells: orgs.map((_, i) => orgs.map((__, j) => matrix[i]![j]!)) },
            costs: orgs.map((organisation, i) => ({ organisation, pvCosts: paid[i]! })),
          };
          const transfers = proposeTransfers(input, rule);
          const after = settle(input.positions, transfers);
          for (const p of after) expect(p.after).toBeGreaterThanOrEqual(0);
          expect(after.reduce((a, p) => a + p.received - p.paid, 0)).toBe(0);
          expect(after.reduce((a, p) => a + p.after, 0)).toBe(nets.reduce((a, v) => a + v, 0));
          for (const t of transfers) {
            expect(Number.isInteger(t.amount) && t.amount > 0).toBe(true);
            expect(t.from).not.toBe(t.to);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('splits flows and shares to the penny', () => {
    expect(shareOut(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitFlows([['A', 10], ['B', 5]], [['C', 7], ['D', 8]]).reduce((a, t) => a + t.amount, 0)).toBe(15);
  });
});

describe('the simulation kernel', () => {
  const rand = mulberry32(99);
  const line = (years: number, shape: 'clustered' | 'wide' | 'edges'): CompiledLine => {
    const low: number[] = [];
    const c: number[] = [];
    const h: number[] = [];
    const k: number[] = [];
    for (let t = 0; t < years; t++) {
      const central = Math.round(1_000_000 + rand() * 9_000_000);
      const lo = shape === 'clustered' ? 0.8 : shape === 'edges' && t % 2 ? 1 : rand();
      const hi = shape === 'clustered' ? 1.3 : shape === 'edges' && t % 3 === 0 ? 1 : 1 + rand();
      low.push(Math.round(central * lo));
      c.push(central);
      h.push(Math.round(central * hi));
      k.push((rand() < 0.5 ? -1 : 1) * (0.5 + rand()));
    }
    return compileLine(low, c, h, k);
  };

  /** The segment of u counted the plain way: breakpoints ≤ u. */
  const plain = (l: CompiledLine, u: number) => {
    let s = 0;
    while (s < l.breaks.length && l.breaks[s]! <= u) s++;
    return l.a[s]! + l.b[s]! * Math.sqrt(u) + l.c[s]! * Math.sqrt(1 - u);
  };

  it('the breakpoint bound check and the 512-bucket lookup give exactly the plain count’s figures', () => {
    // Rounding to whole pence gives nearly every year its own breakpoint, tightly clustered.
    const lines = [line(10, 'clustered'), line(12, 'wide'), line(7, 'edges'), line(1, 'wide'), line(3, 'clustered')];
    const iterations = 5000;
    const seed = 42;
    const out = simulateGroups(packLines(lines), Int32Array.of(0, 2, 5), iterations, seed);
    // The same draws, one by one: draw d = i·lines + l of mulberry32(seed).
    const next = mulberry32(seed);
    const expected = new Float64Array(2 * iterations);
    for (let i = 0; i < iterations; i++) {
      lines.forEach((l, idx) => {
        const v = plain(l, next());
        const g = idx < 2 ? 0 : 1;
        expected[g * iterations + i] = expected[g * iterations + i]! + v;
      });
    }
    expect(Buffer.from(out.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    expect(lines[0]!.breaks.length).toBeGreaterThan(5);
  });

  it('runs the same from its source text (as the worker threads run it), over any range of groups', () => {
    const lines = Array.from({ length: 9 }, (_, i) => line(6 + (i % 5), i % 2 ? 'clustered' : 'wide'));
    const packed = packLines(lines);
    const groupStart = Int32Array.of(0, 3, 4, 9);
    const whole = simulateGroups(packed, groupStart, 3000, 7);
    const fromText = new Function(`return ${simulateGroupRange.toString()}`)() as typeof simulateGroupRange;
    const parts = new Float64Array(3 * 3000);
    fromText(packed, groupStart, 0, 1, 3000, 7, parts);
    fromText(packed, groupStart, 1, 3, 3000, 7, parts);
    expect(Buffer.from(parts.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
    const summariseFromText = new Function(`return ${summarise.toString()}`)() as typeof summarise;
    expect(summariseFromText(whole.slice())).toEqual(summarise(whole.slice()));
  });
});
