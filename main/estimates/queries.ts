/** What other capabilities may read of the savings estimates (the portfolio), plus the model evaluator the CLI uses. */
import { modelOf, organisationNamer } from '../../shared/calc/interventionModel';
import { evaluatePortfolio, portfolioOf, type Portfolio, type PortfolioView } from '../../shared/calc/portfolio';
import type { EstimateResult } from '../../shared/calc/savings';
import { evaluateEstimate } from '../../shared/calc/savings';
import { formatIssue, parseEstimateModel } from '../../shared/calc/estimateModel';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import { liveInterventions, liveLines } from './service';
import { listOrganisations } from '../pilot/queries';

/** Every live intervention with its lines, as models, in the order they were created. */
export async function portfolioView(ctx: ServiceContext): Promise<PortfolioView> {
  const [interventions, lines, orgs] = await Promise.all([liveInterventions(ctx), liveLines(ctx), listOrganisations(ctx)]);
  const name = organisationNamer(orgs);
  const byIntervention = new Map<string, typeof lines>();
  for (const l of lines) byIntervention.set(l.interventionId, [...(byIntervention.get(l.interventionId) ?? []), l]);
  return evaluatePortfolio(interventions.map((i) => ({ id: i.id, model: modelOf(i, byIntervention.get(i.id) ?? [], name) })));
}

export async function portfolio(ctx: ServiceContext): Promise<Portfolio> {
  return portfolioOf(await portfolioView(ctx));
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
