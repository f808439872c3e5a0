/**
 * All interventions together: totals per scenario, one joint simulation, and the wrong-pocket
 * matrix (rows: organisations that pay; columns: organisations that benefit; cells: present
 * values, central scenario).
 *
 * How a benefit is allocated to payers: within each intervention, each benefiting organisation's
 * PV of benefits is split across that intervention's paying organisations in proportion to their
 * PV of costs (an organisation paying 75 % of the costs is credited with 75 % of every benefit the
 * intervention produces). Benefits of an intervention with no costs are shown against
 * NO_PAYER. Row totals are what each payer's spending produces; column totals are what each
 * organisation receives; off-diagonal cells are the wrong pocket.
 *
 * Each intervention is discounted to its own start year, and the figures are in each estimate's
 * own price year: the portfolio adds them as they are.
 */
import type { EstimateModel } from './estimateModel';
import { compileModel, finishScenario, prepareModel, rawScenario, roundPence, SCENARIOS, type OrganisationPosition, type Scenario } from './savings';
import { packLines, simulateGroups, summarise, type SimulationSummary } from './montecarlo';

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
}

/** The portfolio page's extra figures. */
export interface PortfolioView extends Portfolio {
  byOrganisation: OrganisationPosition[];
  interventionDetail: { id: string; name: string; pvCosts: number; pvBenefits: number; centralNpv: number; bcr: number | null; p10: number | null; p50: number | null; p90: number | null }[];
}

export interface PortfolioItem {
  id: string;
  model: EstimateModel;
}

export function evaluatePortfolio(items: readonly PortfolioItem[], sim: { iterations: number; seed: number } = PORTFOLIO_SIMULATION): PortfolioView {
  const prepared = items.map((i) => prepareModel(i.model));
  const raws = Object.fromEntries(SCENARIOS.map((s) => [s, items.map((it, k) => rawScenario(prepared[k]!, it.model.years, s))])) as Record<
    Scenario,
    ReturnType<typeof rawScenario>[]
  >;

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

  // One joint simulation: per iteration, one u per line, interventions and lines in order.
  let simulation: SimulationSummary | null = null;
  const perIntervention: ({ p10: number; p50: number; p90: number } | null)[] = items.map(() => null);
  if (items.length > 0) {
    const compiled = prepared.map((p) => compileModel(p));
    const n = sim.iterations;
    const groupStart = new Int32Array(compiled.length + 1);
    compiled.forEach((lines, k) => (groupStart[k + 1] = groupStart[k]! + lines.length));
    const all = simulateGroups(packLines(compiled.flat()), groupStart, n, sim.seed);
    const npvs = items.map((_, k) => all.subarray(k * n, (k + 1) * n));
    const total = new Float64Array(n);
    for (const arr of npvs) for (let i = 0; i < n; i++) total[i] = total[i]! + arr[i]!;
    const s = summarise(total);
    simulation = { iterations: n, p10: roundPence(s.p10), p50: roundPence(s.p50), p90: roundPence(s.p90), mean: roundPence(s.mean) };
    npvs.forEach((arr, k) => {
      const q = summarise(arr);
      perIntervention[k] = { p10: roundPence(q.p10), p50: roundPence(q.p50), p90: roundPence(q.p90) };
    });
  }

  const detail = items.map((it, k) => {
    const c = finishScenario(raws.central[k]!);
    const q = perIntervention[k];
    return { id: it.id, name: it.model.name, pvCosts: c.pvCosts, pvBenefits: c.pvBenefits, centralNpv: c.npv, bcr: c.bcr, p10: q?.p10 ?? null, p50: q?.p50 ?? null, p90: q?.p90 ?? null };
  });

  return {
    interventionCount: items.length,
    scenarios,
    simulation,
    wrongPocket: { payers, beneficiaries, cells },
    interventions: detail.map((d) => ({ id: d.id, name: d.name, centralNpv: d.centralNpv, p10: d.p10, p90: d.p90 })),
    byOrganisation: [...orgTotals].map(([organisation, o]) => ({
      organisation,
      pvCosts: roundPence(o.pvCosts),
      pvBenefits: roundPence(o.pvBenefits),
      net: roundPence(o.pvBenefits - o.pvCosts),
    })),
    interventionDetail: detail,
  };
}

/** Just the `estimate.portfolio` fields. */
export function portfolioOf(v: PortfolioView): Portfolio {
  return { interventionCount: v.interventionCount, scenarios: v.scenarios, simulation: v.simulation, wrongPocket: v.wrongPocket, interventions: v.interventions };
}
