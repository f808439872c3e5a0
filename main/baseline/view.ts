/**
 * Counted versus baseline for one financial year: what the partners' ledgers show (the spend map's
 * maintained aggregates) against the region's CRA figure scaled to the place, by kind of agency
 * and by CRA function, with the share of it counted and spend per head. Counted spend reaches a
 * function through its organisation's type and its service area (shared/calc/cra.ts); what says
 * nothing is shown as not assigned rather than guessed.
 */
import { countedFunctionOf, coverage, CRA_FUNCTIONS, functionKey, scaled } from '../../shared/calc/cra';
import type { BaselineView, CoverageRow } from '../../shared/domain/baseline';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS } from '../../shared/domain/pilot';
import type { ServiceContext } from '../core/context';
import { spendByServiceArea } from '../spend/queries';
import { baselineFiles, baselinePlace } from './service';

const UNASSIGNED = 'Not assigned to a function';

export async function baselineView(ctx: ServiceContext, input: { year?: string | null }): Promise<BaselineView> {
  const current = (await baselineFiles(ctx))[0] ?? null;
  const counted = await spendByServiceArea(ctx);
  const place = await baselinePlace(ctx);
  const years = [...new Set([...Object.keys(current?.years ?? {}), ...counted.map((c) => c.year)])].sort();
  const both = years.filter((y) => current?.years[y] !== undefined && counted.some((c) => c.year === y));
  const year = input.year ?? both.at(-1) ?? Object.keys(current?.years ?? {}).sort().at(-1) ?? years.at(-1) ?? null;

  const pop = place.population.find((p) => p.year === year) ?? null;
  const share = place.share !== null ? place.share : pop?.place && pop.region ? pop.place / pop.region : null;
  const basis = place.share !== null ? 'entered' : share !== null ? 'population' : null;

  const rows = current && year ? await ctx.db.selectFrom('baselineRows').select(['agencyType', 'function', 'amountPence']).where('fileId', '=', current.fileId).where('financialYear', '=', year).execute() : [];
  const countedYear = counted.filter((c) => c.year === year);

  const row = (key: string, label: string, countedPence: number, regionPence: number): CoverageRow => {
    const baselinePence = current ? scaled(regionPence, share) : null;
    return { key, label, countedPence, regionPence, baselinePence, coverage: coverage(countedPence, baselinePence) };
  };

  const byAgencyType = ORGANISATION_TYPES.map((t) =>
    row(
      t,
      ORGANISATION_TYPE_LABELS[t],
      countedYear.filter((c) => c.organisationType === t).reduce((n, c) => n + c.totalPence, 0),
      rows.filter((r) => r.agencyType === t).reduce((n, r) => n + r.amountPence, 0),
    ),
  ).filter((r) => r.countedPence !== 0 || r.regionPence !== 0);

  // The file's own function names, in HM Treasury's order, with counted spend matched to them.
  const names = new Map<string, string>();
  for (const f of CRA_FUNCTIONS) names.set(functionKey(f), f);
  for (const r of rows) if (!names.has(functionKey(r.function))) names.set(functionKey(r.function), r.function);
  const countedByFn = new Map<string, number>();
  for (const c of countedYear) {
    const fn = countedFunctionOf(c.organisationType, c.serviceArea, c.expenseType);
    const key = fn ? functionKey(fn) : UNASSIGNED;
    countedByFn.set(key, (countedByFn.get(key) ?? 0) + c.totalPence);
  }
  const regionByFn = new Map<string, number>();
  for (const r of rows) regionByFn.set(functionKey(r.function), (regionByFn.get(functionKey(r.function)) ?? 0) + r.amountPence);
  const byFunction = [...names]
    .map(([key, label]) => row(key, label, countedByFn.get(key) ?? 0, regionByFn.get(key) ?? 0))
    .filter((r) => r.countedPence !== 0 || r.regionPence !== 0);
  if (countedByFn.has(UNASSIGNED)) byFunction.push({ ...row('unassigned', UNASSIGNED, countedByFn.get(UNASSIGNED)!, 0), baselinePence: null, coverage: null });

  const countedTotal = countedYear.reduce((n, c) => n + c.totalPence, 0);
  const regionTotal = rows.reduce((n, r) => n + r.amountPence, 0);
  const total = row('total', 'All public spending in the place', countedTotal, regionTotal);
  const perHead = (pence: number | null) => (pence !== null && pop?.place ? Math.round(pence / pop.place) : null);
  return {
    baseline: current ? { fileId: current.fileId, fileName: current.fileName, region: current.region, unit: current.unit, importedAt: current.importedAt } : null,
    years,
    year,
    share: { value: share, basis },
    population: { place: pop?.place ?? null, region: pop?.region ?? null },
    byAgencyType,
    byFunction,
    total,
    perHead: { counted: perHead(countedTotal), baseline: perHead(total.baselinePence) },
  };
}
