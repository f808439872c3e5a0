/**
 * The home screen in one call: every tile's figures, worked out here so the page only shows them.
* Each tile reads its capability's typed queries directly.
 */
import { HYPOTHESIS_STATUSES } from '../../shared/domain/hypotheses';
import type { DashboardSummary } from '../../shared/domain/report';
import { listActions } from '../momentum/queries';
import { listBenefits } from '../momentum/queries';
import type { ServiceContext } from '../core/context';
import { portfolio } from '../estimates/queries';
import { evidenceCoverage } from '../evidence/queries';
import type { SpendSummaryRow } from '../../shared/domain/spend';
import { spendSummary } from '../spend/queries';
import { listHypotheses } from '../hypotheses/queries';
import { listLearning } from '../learning/queries';

const RECENT_LEARNING = 5;

export async function dashboardSummary(ctx: ServiceContext): Promise<DashboardSummary> {
  const hypotheses = await listHypotheses(ctx, {});
  const hypothesesByStatus = Object.fromEntries(HYPOTHESIS_STATUSES.map((s) => [s, hypotheses.filter((h) => h.status === s).length]));

  const coverage = await evidenceCoverage(ctx);
  const by = new Map(coverage.map((c) => [c.hypothesisId, c]));
  // Parked hypotheses are set aside on purpose: they are not gaps in the evidence.
  const live = hypotheses.filter((h) => h.status !== 'parked');
  const evidence: DashboardSummary['evidence'] = {
    noEvidence: live.filter((h) => (by.get(h.id)?.evidenceCount ?? 0) === 0).map((h) => ({ id: h.id, statement: h.statement })),
    noCitizen: live
      .filter((h) => (by.get(h.id)?.evidenceCount ?? 0) > 0 && (by.get(h.id)?.citizenCount ?? 0) === 0)
      .map((h) => ({ id: h.id, statement: h.statement })),
  };

  const p = await portfolio(ctx);
  const savings: DashboardSummary['savings'] = {
    interventionCount: p.interventionCount,
    pessimisticNpv: p.scenarios.pessimistic.npv,
    centralNpv: p.scenarios.central.npv,
    optimisticNpv: p.scenarios.optimistic.npv,
    p10: p.simulation?.p10 ?? null,
    p90: p.simulation?.p90 ?? null,
  };

  const spend = spendByYear(await spendSummary(ctx), ctx.now());

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

/**
 * Spend per UK financial year, never added across years (2017-18 and 2026-27 together mean
 * nothing). The year shown first is the latest that has ended (31 March is past) and has spend;
 * the page offers the others.
 */
function spendByYear(summary: SpendSummaryRow[], now: Date): DashboardSummary['spend'] {
  const years = [...new Set(summary.map((r) => r.year))].sort();
  const byYear = years.map((year) => {
    const byOrg = new Map<string, number>();
    for (const r of summary) if (r.year === year) byOrg.set(r.organisation, (byOrg.get(r.organisation) ?? 0) + r.totalPence);
    const end = `${Number(year.slice(0, 4)) + 1}-03-31`;
    return {
      year,
      complete: end < now.toISOString().slice(0, 10),
      totalPence: [...byOrg.values()].reduce((a, b) => a + b, 0),
      byAgency: [...byOrg].map(([organisation, totalPence]) => ({ organisation, totalPence })).sort((a, b) => b.totalPence - a.totalPence),
    };
  });
  const shown = [...byYear].reverse().find((y) => y.complete) ?? byYear.at(-1);
  return { year: shown?.year ?? null, years, byYear, totalPence: shown?.totalPence ?? 0, byAgency: shown?.byAgency ?? [] };
}
