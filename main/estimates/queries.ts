/** What other capabilities may read of the savings estimates (the portfolio), plus the model evaluator the CLI uses. */
import { portfolioAppraisal } from '../../shared/calc/appraisal';
import { modelOf, organisationNamer } from '../../shared/calc/interventionModel';
import { finishPortfolio, portfolioOf, preparePortfolio, type Portfolio, type PortfolioView } from '../../shared/calc/portfolio';
import type { EstimateResult } from '../../shared/calc/savings';
import { evaluateEstimate, yearlyProfile } from '../../shared/calc/savings';
import { formatIssue, parseEstimateModel } from '../../shared/calc/estimateModel';
import type { PortfolioPage } from '../../shared/contract/estimates';
import type { DiscountSetting } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { currentDeal, dealSettings, organisationNames } from './deal';
import { impactsOf, impactSummaries } from './impacts';
import { parameterSetsById } from './parameterSets';
import { liveInterventions, liveLines } from './service';
import { simulatePortfolio } from './simulationPool';
import { listOrganisations } from '../pilot/queries';

/**
 * Every live intervention with its lines, as models, in the order they were created, each with its
 * own parameter set, and the deal as agreed. `include` leaves out interventions by sensitivity
 * (the report leaves out team-only ones unless chosen). The simulation runs on worker threads
 * when it is big enough (the same figures as one thread, bit for bit).
 */
export async function portfolioView(ctx: ServiceContext, include: (sensitivity: string) => boolean = () => true): Promise<PortfolioView> {
  const [all, lines, orgs, sets, deal] = await Promise.all([liveInterventions(ctx), liveLines(ctx), listOrganisations(ctx), parameterSetsById(ctx.db), dealSettings(ctx)]);
  const interventions = all.filter((i) => include(i.sensitivity));
  const name = organisationNamer(orgs);
  const byIntervention = new Map<string, typeof lines>();
  for (const l of lines) byIntervention.set(l.interventionId, [...(byIntervention.get(l.interventionId) ?? []), l]);
  const items = interventions.map((i) => {
    const set = sets.get(i.parameterSetId);
    if (!set) throw new AppError('NOT_FOUND', `"${i.name}" was made with the parameter set "${i.parameterSetId}", which is not in this workbench. Import that set to total the portfolio.`);
    return { id: i.id, model: modelOf(i, byIntervention.get(i.id) ?? [], name), parameterSet: set };
  });
  const job = preparePortfolio(items, { deal });
  const sim = job.simulation ? await simulatePortfolio(job.simulation) : null;
  return finishPortfolio(job, sim?.npvs ?? null, sim?.summaries ?? undefined);
}

export async function portfolio(ctx: ServiceContext, include?: (sensitivity: string) => boolean): Promise<Portfolio> {
  return portfolioOf(await portfolioView(ctx, include));
}

/** The portfolio page: the portfolio, its appraisal summary (with every unmonetised impact) and the deal as saved. */
export async function portfolioPage(ctx: ServiceContext): Promise<PortfolioPage> {
  const [view, impacts, dealRecord, names] = await Promise.all([portfolioView(ctx), impactsOf(ctx), currentDeal(ctx), organisationNames(ctx)]);
  const nameOf = new Map(view.interventionDetail.map((d) => [d.id, d.name]));
  return { ...view, appraisal: portfolioAppraisal(view, impactSummaries(impacts, (id) => nameOf.get(id))), dealRecord, organisationIds: names.idOf };
}

/**
 * The appraisal summary and the deal for a report: the interventions `include` lets in, their
 * impacts not valued in money (which follow their intervention's sensitivity), each
 * intervention's headline figures and the parameter set it was made with.
 */
export async function appraisalForReport(ctx: ServiceContext, include: (sensitivity: string) => boolean = () => true) {
  const [view, impacts] = await Promise.all([portfolioView(ctx, include), impactsOf(ctx)]);
  const nameOf = new Map(view.interventionDetail.map((d) => [d.id, d.name]));
  const shown = impacts.filter((m) => nameOf.has(m.interventionId) && include(m.sensitivity));
  return { appraisal: portfolioAppraisal(view, impactSummaries(shown, (id) => nameOf.get(id))), interventions: view.interventionDetail, deal: view.deal };
}

/** What the figures rest on, for a report to state: price years, discounting, parameter sets, and the interventions' sensitivity. */
export interface EstimateBasis {
  interventions: {
    id: string;
    name: string;
    priceYear: string;
    startYear: string;
    discount: DiscountSetting;
    sensitivity: string;
    /** The parameter set the estimate was made with. */
    parameterSet: { id: string; name: string };
  }[];
}

export async function estimateBasis(ctx: ServiceContext): Promise<EstimateBasis> {
  const [interventions, sets] = await Promise.all([liveInterventions(ctx), parameterSetsById(ctx.db)]);
  return {
    interventions: interventions.map((i) => ({
      id: i.id,
      name: i.name,
      priceYear: i.priceYear,
      startYear: i.startYear,
      discount: i.discount,
      sensitivity: i.sensitivity,
      parameterSet: { id: i.parameterSetId, name: sets.get(i.parameterSetId)?.name ?? i.parameterSetId },
    })),
  };
}

/** Pure evaluation of a model given as data; a malformed model names the field at fault. */
export function evaluateModel(model: unknown): EstimateResult {
  const parsed = parseEstimateModel(model);
  if (!parsed.ok) {
    const first = parsed.issues[0]!;
    const more = parsed.issues.length - 1;
    throw new AppError(
      'INVALID_INPUT',
      more > 0 ? `${formatIssue(first)} (and ${more} more)` : formatIssue(first),
      Object.fromEntries(parsed.issues.map((i) => [i.path, i.message])),
    );
  }
  return evaluateEstimate(parsed.model);
}

/** What a benefits-register entry linked to an estimate takes from it. */
export interface EstimateFigures {
  interventionId: string;
  name: string;
  /**
   * The full-year value: the estimate's peak year of central benefits, after deadweight,
   * attribution, displacement, drop-off and optimism bias, before discounting (pence, real terms).
   */
  fullYearPence: number;
  /** Whether any benefit line releases cash. */
  cashReleasing: boolean;
}

/** Each live estimate's figures for the benefits register, by intervention id. */
export async function estimateFigures(ctx: ServiceContext): Promise<Map<string, EstimateFigures>> {
  const [interventions, lines, orgs, sets] = await Promise.all([liveInterventions(ctx), liveLines(ctx), listOrganisations(ctx), parameterSetsById(ctx.db)]);
  const name = organisationNamer(orgs);
  const out = new Map<string, EstimateFigures>();
  for (const i of interventions) {
    const mine = lines.filter((l) => l.interventionId === i.id);
    const model = modelOf(i, mine, name);
    const rows = yearlyProfile(model, { parameterSet: sets.get(i.parameterSetId) });
    out.set(i.id, {
      interventionId: i.id,
      name: i.name,
      fullYearPence: Math.max(0, ...rows.map((r) => r.benefits)),
      cashReleasing: mine.some((l) => l.kind === 'benefit' && l.cashable),
    });
  }
  return out;
}
