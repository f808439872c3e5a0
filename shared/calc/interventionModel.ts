/**
 * Turns an intervention as stored (its settings and lines) into the ESTIMATES.md model the
 * calculation takes. Shared so the editor recomputes in the renderer as you type and the services
 * compute the same figures for lists, the portfolio and exports.
 */
import type { DiscountSetting, EstimateLine, Intervention } from '../domain/estimates';
import type { Discount, EstimateModel, ModelLine } from './estimateModel';

export const UNASSIGNED_ORGANISATION = 'Organisation not chosen';

type LineLike = Pick<
  EstimateLine,
  'kind' | 'label' | 'organisationId' | 'category' | 'valueType' | 'cashable' | 'deadweight' | 'attributionToOthers' | 'displacement' | 'dropOff' | 'optimismBias' | 'profile' | 'position'
> & { discount?: EstimateLine['discount'] | undefined };
type InterventionLike = Pick<Intervention, 'name' | 'startYear' | 'years' | 'discount' | 'optimismBias' | 'simulation'> & { parameterSetId?: string | undefined };

const copyDiscount = (d: DiscountSetting): Discount => ('rate' in d ? { rate: d.rate } : { schedule: d.schedule });

export function modelLineOf(l: LineLike, years: number, organisationName: (id: string | null) => string): ModelLine {
  const base = {
    label: l.label,
    organisation: organisationName(l.organisationId),
    cashable: l.cashable,
    optimismBias: l.optimismBias ?? undefined,
    discount: l.discount ? copyDiscount(l.discount) : undefined,
    // A stored profile can be longer than the estimate when its years were shortened: extra years fall outside it.
    profile: l.profile.slice(0, years),
  };
  return l.kind === 'cost'
    ? { kind: 'cost', ...base, category: l.category ?? 'revenue' }
    : {
        kind: 'benefit',
        ...base,
        valueType: l.valueType ?? 'fiscal',
        deadweight: l.deadweight,
        attributionToOthers: l.attributionToOthers,
        displacement: l.displacement,
        dropOff: l.dropOff,
      };
}

export function modelOf(intervention: InterventionLike, lines: readonly LineLike[], organisationName: (id: string | null) => string): EstimateModel {
  const ordered = [...lines].sort((a, b) => a.position - b.position);
  return {
    name: intervention.name,
    startYear: intervention.startYear,
    years: intervention.years,
    ...(intervention.parameterSetId ? { parameterSet: intervention.parameterSetId } : {}),
    discount: copyDiscount(intervention.discount),
    optimismBias: { costs: intervention.optimismBias.costs, benefits: intervention.optimismBias.benefits },
    simulation: { iterations: intervention.simulation.iterations, seed: intervention.simulation.seed },
    lines: ordered.map((l) => modelLineOf(l, intervention.years, organisationName)),
  };
}

export const organisationNamer = (orgs: readonly { id: string; name: string }[]) => {
  const byId = new Map(orgs.map((o) => [o.id, o.name]));
  return (id: string | null) => (id ? (byId.get(id) ?? UNASSIGNED_ORGANISATION) : UNASSIGNED_ORGANISATION);
};
