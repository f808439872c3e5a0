/**
 * The savings estimate of ESTIMATES.md: Green Book discounting and optimism bias, New Economy
 * adjustments (deadweight, attribution to others, displacement, drop-off), three scenarios, NPV,
 * BCR, payback, cashable and fiscal figures, the per-organisation (wrong-pocket) view, switching
 * values, and the seeded simulation. Pure: the UI (as you type), the services, the report and
 * `tpw estimate eval` all call this. Money is pence; every sum is kept unrounded and rounded half
 * away from zero only when a result is returned.
 */
import { discountFactors, discountKey } from './discount';
import type { Discount, EstimateModel, ModelLine } from './estimateModel';
import { compileLine, simulateNpvs, summarise, type CompiledLine, type SimulationSummary } from './montecarlo';
import { builtInSet, GREEN_BOOK_2022, schedulesOf, type ParameterSetContent, type Schedules } from './parameterSets';

export const SCENARIOS = ['pessimistic', 'central', 'optimistic'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface OrganisationPosition {
  organisation: string;
  pvCosts: number;
  pvBenefits: number;
  net: number;
}

export interface ScenarioResult {
  pvCosts: number;
  pvBenefits: number;
  npv: number;
  bcr: number | null;
  paybackYear: number | null;
  cashablePvBenefits: number;
  fiscalNpv: number;
  byOrganisation: OrganisationPosition[];
}

export interface EstimateResult {
  name: string;
  scenarios: Record<Scenario, ScenarioResult>;
  simulation: SimulationSummary | null;
  /** The parameter set whose schedules discounted the figures. */
  parameterSet: { id: string; name: string };
}

/** The set a model names (or the shipped one), unless the caller supplies the set itself (an imported one). */
export const parameterSetFor = (model: Pick<EstimateModel, 'parameterSet'>, given?: ParameterSetContent): ParameterSetContent =>
  given ?? (model.parameterSet ? builtInSet(model.parameterSet) : undefined) ?? GREEN_BOOK_2022;

/** Half away from zero. The tiny nudge absorbs floating-point noise (…4999999) in exact halves. */
export function roundPence(x: number): number {
  const a = Math.abs(x);
  const r = Math.floor(a + 0.5 + Math.max(1e-9, a * 1e-14));
  return x < 0 ? -r : r === 0 ? 0 : r;
}

/** A line reduced to numbers: per-year values and the factor each year's value is multiplied by. */
export interface PreparedLine {
  index: number;
  line: ModelLine;
  /** +1 benefit, −1 cost. */
  sign: 1 | -1;
  low: Float64Array;
  central: Float64Array;
  high: Float64Array;
  /** Adjustments and optimism bias per year, before discounting. */
  adjust: Float64Array;
  /** adjust × DF(t). */
  coeff: Float64Array;
}

const valuesOf = (line: ModelLine, years: number, k: 'low' | 'central' | 'high') => {
  const out = new Float64Array(years);
  for (let t = 0; t < years && t < line.profile.length; t++) out[t] = line.profile[t]![k];
  return out;
};

/**
 * t0, where drop-off starts: the first year with a non-zero central value; if central is zero in
 * every year, the first year in which low or high is non-zero (0 when the line is empty).
 */
export function firstActiveYear(line: Pick<ModelLine, 'profile'>): number {
  const t = line.profile.findIndex((p) => p.central !== 0);
  if (t >= 0) return t;
  const r = line.profile.findIndex((p) => p.low !== 0 || p.high !== 0);
  return r < 0 ? 0 : r;
}

/** Discount factors per discount setting, computed once per setting a model uses. */
export function discountTable(model: Pick<EstimateModel, 'years' | 'discount'>, schedules: Schedules) {
  const cache = new Map<string, Float64Array>();
  const of = (d: Discount) => {
    const key = discountKey(d);
    let df = cache.get(key);
    if (!df) cache.set(key, (df = discountFactors(model.years, d, schedules)));
    return df;
  };
  return { model: of(model.discount), forLine: (line: Pick<ModelLine, 'discount'>) => of(line.discount ?? model.discount) };
}

export function prepareLine(line: ModelLine, index: number, model: EstimateModel, df: Float64Array): PreparedLine {
  const years = model.years;
  const adjust = new Float64Array(years);
  if (line.kind === 'cost') {
    const ob = line.optimismBias ?? model.optimismBias.costs;
    adjust.fill(1 + ob);
  } else {
    const ob = line.optimismBias ?? model.optimismBias.benefits;
    const base = (1 - line.deadweight) * (1 - line.attributionToOthers) * (1 - line.displacement);
    const t0 = firstActiveYear(line);
    for (let t = 0; t < years; t++) adjust[t] = base * Math.pow(1 - line.dropOff, Math.max(0, t - t0)) * (1 - ob);
  }
  const coeff = new Float64Array(years);
  for (let t = 0; t < years; t++) coeff[t] = adjust[t]! * df[t]!;
  return {
    index,
    line,
    sign: line.kind === 'benefit' ? 1 : -1,
    low: valuesOf(line, years, 'low'),
    central: valuesOf(line, years, 'central'),
    high: valuesOf(line, years, 'high'),
    adjust,
    coeff,
  };
}

/** Each line reduced to numbers, discounted on its own schedule (or the model's). */
export function prepareModel(model: EstimateModel, schedules: Schedules = schedulesOf(parameterSetFor(model))): PreparedLine[] {
  const dfs = discountTable(model, schedules);
  return model.lines.map((l, i) => prepareLine(l, i, model, dfs.forLine(l)));
}

export interface EvaluateOptions {
  /** false: the three scenarios only (lists, where the range is not shown). */
  simulate?: boolean;
  /** The model's parameter set, when it is not one built in (an imported set). */
  parameterSet?: ParameterSetContent;
}

/** The values a line takes in a scenario: benefits low and costs high when pessimistic, and so on. */
export function scenarioValues(p: PreparedLine, scenario: Scenario): Float64Array {
  if (scenario === 'central') return p.central;
  const pessimistic = scenario === 'pessimistic';
  return p.sign > 0 === pessimistic ? p.low : p.high;
}

/** Unrounded present value of one line in a scenario (always ≥ 0; the sign says cost or benefit). */
export function linePv(p: PreparedLine, scenario: Scenario): number {
  const v = scenarioValues(p, scenario);
  let pv = 0;
  for (let t = 0; t < v.length; t++) pv += v[t]! * p.coeff[t]!;
  return pv;
}

interface RawScenario {
  pvCosts: number;
  pvBenefits: number;
  cashablePvBenefits: number;
  fiscalPvBenefits: number;
  /** Discounted net per year. */
  netByYear: Float64Array;
  byOrganisation: Map<string, { pvCosts: number; pvBenefits: number }>;
}

export function rawScenario(prepared: readonly PreparedLine[], years: number, scenario: Scenario): RawScenario {
  const raw: RawScenario = { pvCosts: 0, pvBenefits: 0, cashablePvBenefits: 0, fiscalPvBenefits: 0, netByYear: new Float64Array(years), byOrganisation: new Map() };
  for (const p of prepared) {
    const v = scenarioValues(p, scenario);
    let pv = 0;
    for (let t = 0; t < years; t++) {
      const x = v[t]! * p.coeff[t]!;
      pv += x;
      raw.netByYear[t] = raw.netByYear[t]! + p.sign * x;
    }
    const org = raw.byOrganisation.get(p.line.organisation) ?? { pvCosts: 0, pvBenefits: 0 };
    raw.byOrganisation.set(p.line.organisation, org);
    if (p.line.kind === 'cost') {
      raw.pvCosts += pv;
      org.pvCosts += pv;
    } else {
      raw.pvBenefits += pv;
      org.pvBenefits += pv;
      if (p.line.cashable) raw.cashablePvBenefits += pv;
      if (p.line.valueType === 'fiscal') raw.fiscalPvBenefits += pv;
    }
  }
  return raw;
}

/** First year whose cumulative discounted net is ≥ 0 (a hair of float noise below 0 counts as 0). */
export function paybackYear(netByYear: ArrayLike<number>): number | null {
  let cum = 0;
  for (let t = 0; t < netByYear.length; t++) {
    cum += netByYear[t]!;
    if (cum >= -1e-6) return t;
  }
  return null;
}

export function finishScenario(raw: RawScenario): ScenarioResult {
  return {
    pvCosts: roundPence(raw.pvCosts),
    pvBenefits: roundPence(raw.pvBenefits),
    npv: roundPence(raw.pvBenefits - raw.pvCosts),
    bcr: raw.pvCosts === 0 ? null : raw.pvBenefits / raw.pvCosts,
    paybackYear: paybackYear(raw.netByYear),
    cashablePvBenefits: roundPence(raw.cashablePvBenefits),
    fiscalNpv: roundPence(raw.fiscalPvBenefits - raw.pvCosts),
    byOrganisation: [...raw.byOrganisation].map(([organisation, o]) => ({
      organisation,
      pvCosts: roundPence(o.pvCosts),
      pvBenefits: roundPence(o.pvBenefits),
      net: roundPence(o.pvBenefits - o.pvCosts),
    })),
  };
}

/** Each line's simulation form: PV as a function of its draw u. */
export function compileModel(prepared: readonly PreparedLine[]): CompiledLine[] {
  return prepared.map((p) => {
    const k = new Float64Array(p.coeff.length);
    for (let t = 0; t < k.length; t++) k[t] = p.sign * p.coeff[t]!;
    return compileLine(p.low, p.central, p.high, k);
  });
}

export function roundSummary(iterations: number, s: { p10: number; p50: number; p90: number; mean: number }): SimulationSummary {
  return { iterations, p10: roundPence(s.p10), p50: roundPence(s.p50), p90: roundPence(s.p90), mean: roundPence(s.mean) };
}

/** The whole ESTIMATES.md result for a parsed model. */
export function evaluateEstimate(model: EstimateModel, opts: EvaluateOptions = {}): EstimateResult {
  const set = parameterSetFor(model, opts.parameterSet);
  const prepared = prepareModel(model, schedulesOf(set));
  const scenarios = Object.fromEntries(SCENARIOS.map((s) => [s, finishScenario(rawScenario(prepared, model.years, s))])) as Record<Scenario, ScenarioResult>;
  let simulation: SimulationSummary | null = null;
  if (model.simulation && opts.simulate !== false) {
    const npvs = simulateNpvs(compileModel(prepared), model.simulation.iterations, model.simulation.seed);
    simulation = roundSummary(model.simulation.iterations, summarise(npvs));
  }
  return { name: model.name, scenarios, simulation, parameterSet: { id: set.id, name: set.name } };
}

export interface SwitchingValue {
  index: number;
  label: string;
  kind: 'cost' | 'benefit';
  organisation: string;
  /** The line's central present value (pence, positive). */
  pv: number;
  /**
   * The proportional change in every value of the line that brings the central NPV to exactly 0
   * (−0.25: the line can fall by 25 %; 0.4: it can rise by 40 %). Null when the line's PV is 0.
   */
  change: number | null;
  /** The line's PV at which the NPV is 0 (pence); null when no finite change gets there. */
  switchingPv: number | null;
}

/**
 * Switching values (Green Book): for each line, how far its central values can move before the
 * central NPV changes sign. NPV is linear in a line's values: NPV(x) = NPV + x · sign · PV, so the
 * change is x = −NPV / (sign · PV). A benefit line whose change is below −100 % cannot turn the
 * NPV negative on its own (its switchingPv would be negative, reported as null).
 */
export function switchingValues(model: EstimateModel, opts: Pick<EvaluateOptions, 'parameterSet'> = {}): SwitchingValue[] {
  const prepared = prepareModel(model, schedulesOf(parameterSetFor(model, opts.parameterSet)));
  const pvs = prepared.map((p) => linePv(p, 'central'));
  const npv = prepared.reduce((s, p, i) => s + p.sign * pvs[i]!, 0);
  return prepared.map((p, i) => {
    const pv = pvs[i]!;
    const change = pv === 0 ? null : -npv / (p.sign * pv);
    const at = change === null ? null : pv * (1 + change);
    return {
      index: i,
      label: p.line.label,
      kind: p.line.kind,
      organisation: p.line.organisation,
      pv: roundPence(pv),
      change,
      switchingPv: at === null || at < 0 ? null : roundPence(at),
    };
  });
}

export interface YearRow {
  /** Year index t. */
  t: number;
  /** Adjusted, undiscounted costs and benefits (central). */
  costs: number;
  benefits: number;
  /** The model's discount factor (lines on their own schedule are discounted with theirs). */
  discountFactor: number;
  /** Discounted net for the year and cumulative to it. */
  discountedNet: number;
  cumulativeNet: number;
}

/** The central profile per year, for the chart and the export. */
export function yearlyProfile(model: EstimateModel, opts: Pick<EvaluateOptions, 'parameterSet'> = {}): YearRow[] {
  const dfs = discountTable(model, schedulesOf(parameterSetFor(model, opts.parameterSet)));
  const df = dfs.model;
  const prepared = model.lines.map((l, i) => prepareLine(l, i, model, dfs.forLine(l)));
  // One schedule for every line: discount the year's net as one figure (as always); mixed schedules: line by line.
  const uniform = prepared.every((p) => dfs.forLine(p.line) === df);
  const rows: YearRow[] = [];
  let cum = 0;
  for (let t = 0; t < model.years; t++) {
    let costs = 0;
    let benefits = 0;
    let mixedNet = 0;
    for (const p of prepared) {
      const x = p.central[t]! * p.adjust[t]!;
      if (p.sign > 0) benefits += x;
      else costs += x;
      mixedNet += p.sign * p.central[t]! * p.coeff[t]!;
    }
    const net = uniform ? (benefits - costs) * df[t]! : mixedNet;
    cum += net;
    rows.push({ t, costs: roundPence(costs), benefits: roundPence(benefits), discountFactor: df[t]!, discountedNet: roundPence(net), cumulativeNet: roundPence(cum) });
  }
  return rows;
}
