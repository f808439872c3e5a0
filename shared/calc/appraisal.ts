/**
 * The appraisal summary, as the Green Book presents one: the monetised figures (NPV, the
 * benefit-cost ratio as information — not a pass or fail — payback, cashable and fiscal figures),
 * switching values, the simulated range, and beside them the impacts nobody has put a value on.
 */
import type { PortfolioView } from './portfolio';
import type { EstimateResult, ScenarioResult, SwitchingValue } from './savings';

export const IMPACT_DIRECTIONS = ['positive', 'negative', 'mixed', 'uncertain'] as const;
export type ImpactDirection = (typeof IMPACT_DIRECTIONS)[number];
export const IMPACT_DIRECTION_LABELS: Record<ImpactDirection, string> = {
  positive: 'Positive',
  negative: 'Negative',
  mixed: 'Mixed',
  uncertain: 'Uncertain',
};

export interface ImpactSummary {
  description: string;
  direction: ImpactDirection;
  /** Who is affected (people, organisations). */
  affected: string | null;
  evidence: { id: string; title: string } | null;
  /** The intervention it belongs to (in the portfolio's summary). */
  intervention?: { id: string; name: string };
}

export interface SwitchingSummary {
  label: string;
  kind: 'cost' | 'benefit';
  /** Proportional change that brings the central NPV to zero (−0.25: a fall of 25 %). */
  change: number | null;
  /** The present value at which the NPV is zero. */
  switchingPv: number | null;
}

/** The central figures (the portfolio has no single payback year: null). */
export interface AppraisalSummary extends Pick<ScenarioResult, 'pvCosts' | 'pvBenefits' | 'npv' | 'bcr' | 'paybackYear' | 'cashablePvBenefits' | 'fiscalNpv'> {
  parameterSets: { id: string; name: string }[];
  range: { p10: number; p50: number; p90: number } | null;
  switching: SwitchingSummary[];
  nonMonetised: ImpactSummary[];
}

/** The Green Book (2026) reads the BCR alongside everything else, not as a threshold. */
export const BCR_NOTE = 'The benefit-cost ratio is shown for information: weigh it with the unmonetised impacts, the range and the switching values, not as a pass or fail.';

export function interventionAppraisal(result: EstimateResult, switching: readonly SwitchingValue[], impacts: ImpactSummary[]): AppraisalSummary {
  const c = result.scenarios.central;
  return {
    parameterSets: [result.parameterSet],
    pvCosts: c.pvCosts,
    pvBenefits: c.pvBenefits,
    npv: c.npv,
    bcr: c.bcr,
    paybackYear: c.paybackYear,
    cashablePvBenefits: c.cashablePvBenefits,
    fiscalNpv: c.fiscalNpv,
    range: result.simulation ? { p10: result.simulation.p10, p50: result.simulation.p50, p90: result.simulation.p90 } : null,
    switching: switching.map((s) => ({ label: s.label, kind: s.kind, change: s.change, switchingPv: s.switchingPv })),
    nonMonetised: impacts,
  };
}

/**
 * The portfolio's summary. Its switching values are for all costs together and all benefits
 * together: how far either can move before the portfolio's central NPV is zero.
 */
export function portfolioAppraisal(p: PortfolioView, impacts: ImpactSummary[]): AppraisalSummary {
  const c = p.scenarios.central;
  const sets = new Map(p.interventionDetail.map((d) => [d.parameterSet.id, d.parameterSet]));
  const whole = (label: string, kind: 'cost' | 'benefit', pv: number): SwitchingSummary => {
    if (pv === 0) return { label, kind, change: null, switchingPv: null };
    const change = kind === 'cost' ? c.npv / pv : -c.npv / pv;
    const at = pv * (1 + change);
    return { label, kind, change, switchingPv: at < 0 ? null : Math.round(at) };
  };
  return {
    parameterSets: [...sets.values()],
    pvCosts: c.pvCosts,
    pvBenefits: c.pvBenefits,
    npv: c.npv,
    bcr: c.bcr,
    paybackYear: null,
    cashablePvBenefits: p.cashablePvBenefits,
    fiscalNpv: p.fiscalNpv,
    range: p.simulation ? { p10: p.simulation.p10, p50: p.simulation.p50, p90: p.simulation.p90 } : null,
    switching: p.interventionCount ? [whole('All costs', 'cost', c.pvCosts), whole('All benefits', 'benefit', c.pvBenefits)] : [],
    nonMonetised: impacts,
  };
}
