/**
 * The home screen in one call: every tile's figures, worked out here so the page only shows them.
 * Tiles drawing on other capabilities are null when this build does not have them.
 */
import { HYPOTHESIS_STATUSES } from '../../shared/domain/hypotheses';
import type { DashboardSummary } from '../../shared/domain/report';
import { listActions } from './actions';
import { listBenefits } from './benefits';
import type { ServiceContext } from './context';
import { callExternal } from './external';
import { listHypotheses } from './hypotheses';
import { listLearning } from './learning';

const RECENT_LEARNING = 5;

export async function dashboardSummary(ctx: ServiceContext): Promise<DashboardSummary> {
  const hypotheses = await listHypotheses(ctx, {});
  const hypothesesByStatus = Object.fromEntries(HYPOTHESIS_STATUSES.map((s) => [s, hypotheses.filter((h) => h.status === s).length]));

  let evidence: DashboardSummary['evidence'] = null;
  const coverage = await callExternal(ctx, 'evidence.coverage', {});
  if (coverage?.ok) {
    const by = new Map(coverage.value.map((c) => [c.hypothesisId, c]));
    // Parked hypotheses are set aside on purpose: they are not gaps in the evidence.
    const live = hypotheses.filter((h) => h.status !== 'parked');
    evidence = {
      noEvidence: live.filter((h) => (by.get(h.id)?.evidenceCount ?? 0) === 0).map((h) => ({ id: h.id, statement: h.statement })),
      noCitizen: live
        .filter((h) => (by.get(h.id)?.evidenceCount ?? 0) > 0 && (by.get(h.id)?.citizenCount ?? 0) === 0)
        .map((h) => ({ id: h.id, statement: h.statement })),
    };
  }

  let savings: DashboardSummary['savings'] = null;
  const portfolio = await callExternal(ctx, 'estimate.portfolio', {});
  if (portfolio?.ok) {
    const p = portfolio.value;
    savings = {
      interventionCount: p.interventionCount,
      pessimisticNpv: p.scenarios.pessimistic.npv,
      centralNpv: p.scenarios.central.npv,
      optimisticNpv: p.scenarios.optimistic.npv,
      p10: p.simulation?.p10 ?? null,
      p90: p.simulation?.p90 ?? null,
    };
  }

  let spend: DashboardSummary['spend'] = null;
  const summary = await callExternal(ctx, 'spend.summary', {});
  if (summary?.ok) {
    const byOrg = new Map<string, number>();
    for (const r of summary.value) byOrg.set(r.organisation, (byOrg.get(r.organisation) ?? 0) + r.totalPence);
    spend = {
      totalPence: summary.value.reduce((s, r) => s + r.totalPence, 0),
      byAgency: [...byOrg].map(([organisation, totalPence]) => ({ organisation, totalPence })).sort((a, b) => b.totalPence - a.totalPence),
      years: [...new Set(summary.value.map((r) => r.year))].sort(),
    };
  }

  const actions = await listActions(ctx, {});
  const learning = await listLearning(ctx, {});
  const benefits = await listBenefits(ctx);
  return {
    hypothesesByStatus,
    hypothesisCount: hypotheses.length,
    evidence,
    savings,
    spend,
    actions: {
      open: actions.filter((a) => a.status === 'open' || a.status === 'in-progress').length,
      overdue: actions
        .filter((a) => a.overdue)
        .map((a) => ({ id: a.id, title: a.title, dueDate: a.dueDate, owner: a.owner, organisationName: a.organisationName })),
    },
    recentLearning: [...learning]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .slice(0, RECENT_LEARNING)
      .map((e) => ({ id: e.id, title: e.title, kind: e.kind, occurredOn: e.occurredOn })),
    learningCount: learning.length,
    benefits: {
      count: benefits.length,
      fullYearPence: benefits.reduce((s, b) => s + b.fullYearPence, 0),
      realisedToDatePence: benefits.reduce((s, b) => s + b.realisedToDatePence, 0),
    },
  };
}
