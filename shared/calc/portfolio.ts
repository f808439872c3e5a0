/**
 * All interventions together: totals per scenario, one joint simulation, and the wrong-pocket
 * matrix (rows: organisations that pay; columns: organisations that benefit; cells: present
 * values, central scenario), with the deal that settles it (deal.ts).
 *
 * How a benefit is allocated to payers: within each intervention, each benefiting organisation's
 * PV of benefits is split across that intervention's paying organisations in proportion to their
 * PV of costs (an organisation paying 75 % of the costs is credited with 75 % of every benefit the
 * intervention produces). Benefits of an intervention with no costs are shown against
 * NO_PAYER. Row totals are what each payer's spending produces; column totals are what each
 * organisation receives; off-diagonal cells are the wrong pocket.
 *
 * Each intervention is discounted to its own start year with its own parameter set, and the
 * figures are in each estimate's own price year: the portfolio adds them as they are.
 *
 * The work is split in three so the simulation — nearly all of the time — can run on worker
 * threads: `preparePortfolio` (scenarios, matrix, the packed simulation input), the kernel
 * (`simulateGroups`, or the same kernel over ranges of interventions on several threads), and
 * `finishPortfolio` (percentiles, totals, the deal). `evaluatePortfolio` does all three here.
 */
import { buildDeal, type Deal, type DealRule, type DealTransfer } from './deal';
import type { EstimateModel } from './estimateModel';
import { packLines, simulateGroups, summarise, type PackedLines, type SimulationSummary } from './montecarlo';
import { parameterSetFor, compileModel, finishScenario, prepareModel, rawScenario, roundPence, SCENARIOS, type OrganisationPosition, type Scenario } from './savings';
import { schedulesOf, type ParameterSetContent } from './parameterSets';

export const NO_PAYER = 'No cost in the estimate';
export const PORTFOLIO_SIMULATION = { iterations: 10000, seed: 1 } as const;

export interface PortfolioScenario {
  pvCosts: number;
  pvBenefits: number;
  npv: number;
  bcr: number | null;
}

/** The `estimate.portfolio` shape other capabilities (dashboard, report, bundles) read. */
export interface Portfolio {
  interventionCount: number;
  scenarios: Record<Scenario, PortfolioScenario>;
  simulation: SimulationSummary | null;
  wrongPocket: { payers: string[]; beneficiaries: string[]; cells: number[][] };
  interventions: { id: string; name: string; centralNpv: number; p10: number | null; p90: number | null }[];
  /** The transfers that settle the wrong pocket (or why none can). */
  deal: Deal;
}

/** The portfolio page's extra figures. */
export interface PortfolioView extends Portfolio {
  byOrganisation: OrganisationPosition[];
  interventionDetail: {
    id: string;
    name: string;
    parameterSet: { id: string; name: string };
    pvCosts: number;
    pvBenefits: number;
    centralNpv: number;
    bcr: number | null;
    paybackYear: number | null;
    p10: number | null;
    p50: number | null;
    p90: number | null;
  }[];
  /** Central cashable benefits and fiscal NPV over all interventions. */
  cashablePvBenefits: number;
  fiscalNpv: number;
}

export interface PortfolioItem {
  id: string;
  model: EstimateModel;
  /** The model's parameter set when it is not one built in. */
  parameterSet?: ParameterSetContent;
}

export interface PortfolioOptions {
  sim?: { iterations: number; seed: number };
  /** The agreed rule and edited transfers; default: the gain-share proposal. */
  deal?: { rule: DealRule; transfers: DealTransfer[] | null };
}

/** The simulation's input: one group of lines per intervention. */
export interface SimulationJob {
  packed: PackedLines;
  groupStart: Int32Array;
  iterations: number;
  seed: number;
}

export interface PortfolioJob {
  items: readonly PortfolioItem[];
  raws: Record<Scenario, ReturnType<typeof rawScenario>[]>;
  simulation: SimulationJob | null;
  opts: PortfolioOptions;
}

/** Per-intervention percentiles (unrounded), when worked out alongside the kernel. */
export type GroupSummaries = { p10: number; p50: number; p90: number }[];

export function preparePortfolio(items: readonly PortfolioItem[], opts: PortfolioOptions = {}): PortfolioJob {
  const sim = opts.sim ?? PORTFOLIO_SIMULATION;
  const prepared = items.map((i) => prepareModel(i.model, schedulesOf(parameterSetFor(i.model, i.parameterSet))));
  const raws = Object.fromEntries(SCENARIOS.map((s) => [s, items.map((it, k) => rawScenario(prepared[k]!, it.model.years, s))])) as PortfolioJob['raws'];
  let simulation: SimulationJob | null = null;
  if (items.length > 0) {
    // One joint simulation: per iteration, one u per line, interventions and lines in order.
    const compiled = prepared.map((p) => compileModel(p));
    const groupStart = new Int32Array(compiled.length + 1);
    compiled.forEach((lines, k) => (groupStart[k + 1] = groupStart[k]! + lines.length));
    simulation = { packed: packLines(compiled.flat()), groupStart, iterations: sim.iterations, seed: sim.seed };
  }
  return { items, raws, simulation, opts };
}

/** The kernel on this thread. */
export const runSimulation = (job: SimulationJob): Float64Array => simulateGroups(job.packed, job.groupStart, job.iterations, job.seed);

export function finishPortfolio(job: PortfolioJob, npvsByGroup: Float64Array | null, groupSummaries?: GroupSummaries): PortfolioView {
  const { items, raws } = job;
  const scenarios = Object.fromEntries(
    SCENARIOS.map((s) => {
      const c = raws[s].reduce((a, r) => a + r.pvCosts, 0);
      const b = raws[s].reduce((a, r) => a + r.pvBenefits, 0);
      return [s, { pvCosts: roundPence(c), pvBenefits: roundPence(b), npv: roundPence(b - c), bcr: c === 0 ? null : b / c }];
    }),
  ) as Record<Scenario, PortfolioScenario>;

  // Wrong pocket (central), kept unrounded until the end.
  const payers: string[] = [];
  const beneficiaries: string[] = [];
  const cellMap = new Map<string, number>();
  const orgTotals = new Map<string, { pvCosts: number; pvBenefits: number }>();
  for (const r of raws.central) {
    const orgs = [...r.byOrganisation];
    const paying = orgs.filter(([, o]) => o.pvCosts > 0);
    const totalCost = paying.reduce((a, [, o]) => a + o.pvCosts, 0);
    for (const [org, o] of orgs) {
      const t = orgTotals.get(org) ?? { pvCosts: 0, pvBenefits: 0 };
      t.pvCosts += o.pvCosts;
      t.pvBenefits += o.pvBenefits;
      orgTotals.set(org, t);
      if (o.pvBenefits <= 0) continue;
      if (!beneficiaries.includes(org)) beneficiaries.push(org);
      const shares: [string, number][] = totalCost > 0 ? paying.map(([p, po]) => [p, po.pvCosts / totalCost]) : [[NO_PAYER, 1]];
      for (const [payer, share] of shares) {
        if (!payers.includes(payer)) payers.push(payer);
        const key = `${payer}\u0000${org}`;
        cellMap.set(key, (cellMap.get(key) ?? 0) + o.pvBenefits * share);
      }
    }
    for (const [p] of paying) if (!payers.includes(p)) payers.push(p);
  }
  const cells = payers.map((p) => beneficiaries.map((b) => roundPence(cellMap.get(`${p}\u0000${b}`) ?? 0)));

  let simulation: SimulationSummary | null = null;
  const perIntervention: ({ p10: number; p50: number; p90: number } | null)[] = items.map(() => null);
  if (npvsByGroup && job.simulation) {
    const n = job.simulation.iterations;
    const npvs = items.map((_, k) => npvsByGroup.subarray(k * n, (k + 1) * n));
    // Totals first: the per-intervention percentiles below reorder each intervention's draws.
    const total = new Float64Array(n);
    for (const arr of npvs) for (let i = 0; i < n; i++) total[i] = total[i]! + arr[i]!;
    const s = summarise(total);
    simulation = { iterations: n, p10: roundPence(s.p10), p50: roundPence(s.p50), p90: roundPence(s.p90), mean: roundPence(s.mean) };
    npvs.forEach((arr, k) => {
      const q = groupSummaries?.[k] ?? summarise(arr);
      perIntervention[k] = { p10: roundPence(q.p10), p50: roundPence(q.p50), p90: roundPence(q.p90) };
    });
  }

  const detail = items.map((it, k) => {
    const c = finishScenario(raws.central[k]!);
    const q = perIntervention[k];
    const set = parameterSetFor(it.model, it.parameterSet);
    return {
      id: it.id,
      name: it.model.name,
      parameterSet: { id: set.id, name: set.name },
      pvCosts: c.pvCosts,
      pvBenefits: c.pvBenefits,
      centralNpv: c.npv,
      bcr: c.bcr,
      paybackYear: c.paybackYear,
      p10: q?.p10 ?? null,
      p50: q?.p50 ?? null,
      p90: q?.p90 ?? null,
    };
  });

  const byOrganisation = [...orgTotals].map(([organisation, o]) => ({
    organisation,
    pvCosts: roundPence(o.pvCosts),
    pvBenefits: roundPence(o.pvBenefits),
    net: roundPence(o.pvBenefits - o.pvCosts),
  }));
  const wrongPocket = { payers, beneficiaries, cells };
  const deal = buildDeal({ positions: byOrganisation, wrongPocket, costs: byOrganisation }, job.opts.deal?.rule ?? 'gain-share', job.opts.deal?.transfers ?? null);
  const cashable = raws.central.reduce((a, r) => a + r.cashablePvBenefits, 0);
  const fiscal = raws.central.reduce((a, r) => a + r.fiscalPvBenefits - r.pvCosts, 0);

  return {
    interventionCount: items.length,
    scenarios,
    simulation,
    wrongPocket,
    interventions: detail.map((d) => ({ id: d.id, name: d.name, centralNpv: d.centralNpv, p10: d.p10, p90: d.p90 })),
    deal,
    byOrganisation,
    interventionDetail: detail,
    cashablePvBenefits: roundPence(cashable),
    fiscalNpv: roundPence(fiscal),
  };
}

export function evaluatePortfolio(items: readonly PortfolioItem[], opts: PortfolioOptions = {}): PortfolioView {
  const job = preparePortfolio(items, opts);
  return finishPortfolio(job, job.simulation ? runSimulation(job.simulation) : null);
}

/** Just the `estimate.portfolio` fields. */
export function portfolioOf(v: PortfolioView): Portfolio {
  return { interventionCount: v.interventionCount, scenarios: v.scenarios, simulation: v.simulation, wrongPocket: v.wrongPocket, interventions: v.interventions, deal: v.deal };
}
