/**
 * Queries owned by other capabilities (evidence, spend, estimates), called through the one
 * dispatcher by name. They may not exist in this build yet: `isMethodName` tells us, and the
 * shapes below are the agreed contract, so this code compiles and works before and after they land.
 */
import { isMethodName } from '../../shared/contract';
import type { ServiceContext } from './context';

export interface EvidenceCoverage {
  hypothesisId: string;
  evidenceCount: number;
  citizenCount: number;
  supportingCount: number;
  contradictingCount: number;
}

export interface HypothesisEvidence {
  evidenceId: string;
  title: string;
  kind: string;
  citizenPerspective: boolean;
  sensitivity: string;
  rating: 'CC' | 'C' | 'N' | 'I' | 'II' | 'NA';
  weight: 'high' | 'medium' | 'low';
  note: string | null;
  summary: string | null;
}

export interface SpendSummaryRow {
  organisation: string;
  organisationId: string;
  theme: string | null;
  themeId: string | null;
  year: string;
  rows: number;
  totalPence: number;
}

export type ScenarioName = 'pessimistic' | 'central' | 'optimistic';
export interface PortfolioEstimate {
  interventionCount: number;
  scenarios: Record<ScenarioName, { pvCosts: number; pvBenefits: number; npv: number; bcr: number | null }>;
  simulation: { iterations: number; p10: number; p50: number; p90: number; mean: number } | null;
  wrongPocket: { payers: string[]; beneficiaries: string[]; cells: number[][] };
  interventions: { id: string; name: string; centralNpv: number; p10: number | null; p90: number | null }[];
}

export interface ExternalQueries {
  'evidence.coverage': { input: Record<string, never>; output: EvidenceCoverage[] };
  'evidence.forHypothesis': { input: { id: string }; output: HypothesisEvidence[] };
  'spend.summary': { input: Record<string, never>; output: SpendSummaryRow[] };
  'estimate.portfolio': { input: Record<string, never>; output: PortfolioEstimate };
}
export type ExternalMethod = keyof ExternalQueries;

export const hasMethod = (method: ExternalMethod): boolean => isMethodName(method);

export type ExternalResult<T> = { ok: true; value: T } | { ok: false; message: string };

type RawDispatch = (m: string, i: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>;
const dispatchers = new WeakMap<ServiceContext, RawDispatch>();

async function dispatcherFor(ctx: ServiceContext): Promise<RawDispatch> {
  let d = dispatchers.get(ctx);
  if (!d) {
    // Imported when first needed: the dispatcher imports this capability's handlers, which import us.
    const { createDispatcher } = await import('../api/dispatcher');
    d = createDispatcher(ctx) as unknown as RawDispatch;
    dispatchers.set(ctx, d);
  }
  return d;
}

/** Calls another capability's query; `null` when this build does not have it. */
export async function callExternal<M extends ExternalMethod>(
  ctx: ServiceContext,
  method: M,
  input: ExternalQueries[M]['input'],
): Promise<ExternalResult<ExternalQueries[M]['output']> | null> {
  if (!hasMethod(method)) return null;
  const r = await (await dispatcherFor(ctx))(method, input);
  return r.ok ? { ok: true, value: r.value as ExternalQueries[M]['output'] } : { ok: false, message: r.error.message };
}
