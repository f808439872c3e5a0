/**
 * Interventions, their cost and benefit lines, and their links to hypotheses and evidence.
 * Every write is one transaction. Lines valued per unit — a unit cost from the library or a value
 * per unit from the intervention's parameter set, × volumes — get their profile computed here
 * (the value uprated to the intervention's price year × volumes), so the stored profile is always
 * what the calculation uses; lines and links copy their intervention's sensitivity.
 */
import type { z } from 'zod';
import { interventionAppraisal } from '../../shared/calc/appraisal';
import { MAX_PENCE } from '../../shared/calc/estimateModel';
import { modelOf, organisationNamer } from '../../shared/calc/interventionModel';
import { deflatorSeries, type ParameterSetContent } from '../../shared/calc/parameterSets';
import { evaluateEstimate, switchingValues, yearlyProfile } from '../../shared/calc/savings';
import { profileFromUnitCost, uprateFactor } from '../../shared/calc/uprating';
import type { DiscountSetting, EstimateLineInput, InterventionInput, InterventionLinkInput, VolumeCell } from '../../shared/domain/estimates';
import type { EstimateLine, Intervention, InterventionLink } from '../../shared/domain/estimates';
import type { InterventionDetail, InterventionSummary, LinkView } from '../../shared/contract/estimates';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { requireEvidenceItem } from '../evidence/queries';
import { requireHypothesis } from '../hypotheses/queries';
import { listOrganisations } from '../pilot/queries';
import { impactsOf, impactSummaries } from './impacts';
import { parameterSetsById, requireParameterSet } from './parameterSets';
import { nextPosition } from './positions';
import * as tables from './records';

type LinePatch = PatchOf<typeof tables.estimateLines>;

const interventions = recordStore(tables.interventions);
const lines = recordStore(tables.estimateLines);
const links = recordStore(tables.interventionLinks);
const impactStore = recordStore(tables.nonMonetisedImpacts);

export async function liveInterventions(ctx: ServiceContext): Promise<Intervention[]> {
  const rows = await ctx.db.selectFrom('interventions').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').execute();
  return rows.map(interventions.toDomain);
}

/** Live lines of live interventions (a deleted intervention's lines stay with it in the recycle bin). */
export async function liveLines(ctx: ServiceContext | { db: ServiceContext['db'] | Trx }, interventionId?: string): Promise<EstimateLine[]> {
  let q = ctx.db
    .selectFrom('estimateLines')
    .selectAll('estimateLines')
    .innerJoin('interventions', 'interventions.id', 'estimateLines.interventionId')
    .where('estimateLines.deletedAt', 'is', null)
    .where('interventions.deletedAt', 'is', null);
  if (interventionId) q = q.where('estimateLines.interventionId', '=', interventionId);
  const rows = await q.orderBy('estimateLines.position').orderBy('estimateLines.createdAt').execute();
  return rows.map(lines.toDomain);
}

export async function getIntervention(ctx: ServiceContext, id: string): Promise<Intervention> {
  return interventions.get(ctx.db, id);
}

export async function listInterventions(ctx: ServiceContext): Promise<InterventionSummary[]> {
  const [interventions, lines, orgs, sets] = await Promise.all([liveInterventions(ctx), liveLines(ctx), listOrganisations(ctx), parameterSetsById(ctx.db)]);
  const name = organisationNamer(orgs);
  return interventions.map((i) => {
    const own = lines.filter((l) => l.interventionId === i.id);
    const c = evaluateEstimate(modelOf(i, own, name), { simulate: false, parameterSet: setOf(sets, i) }).scenarios.central;
    return {
      ...i,
      lineCount: own.length,
      central: { pvCosts: c.pvCosts, pvBenefits: c.pvBenefits, npv: c.npv, bcr: c.bcr, paybackYear: c.paybackYear },
    };
  });
}

async function linksOf(ctx: ServiceContext, interventionId: string): Promise<LinkView[]> {
  const rows = await ctx.db
    .selectFrom('interventionLinks')
    .leftJoin('hypotheses', 'hypotheses.id', 'interventionLinks.hypothesisId')
    .leftJoin('evidenceItems', 'evidenceItems.id', 'interventionLinks.evidenceId')
    .selectAll('interventionLinks')
    .select(['hypotheses.statement as hypothesisStatement', 'evidenceItems.title as evidenceTitle'])
    .where('interventionLinks.interventionId', '=', interventionId)
    .where('interventionLinks.deletedAt', 'is', null)
    .orderBy('interventionLinks.createdAt')
    .execute();
  return rows.map((r) => {
    const { hypothesisStatement, evidenceTitle, ...link } = r;
    return {
      ...links.toDomain(link),
      kind: link.hypothesisId ? 'hypothesis' : 'evidence',
      title: (link.hypothesisId ? hypothesisStatement : evidenceTitle) ?? '(deleted)',
    };
  });
}

/** An intervention's parameter set (an imported one; built-in sets the calculation knows itself). */
const setOf = (sets: Map<string, ParameterSetContent>, i: Pick<Intervention, 'parameterSetId'>) => sets.get(i.parameterSetId);

export async function interventionDetail(ctx: ServiceContext, id: string): Promise<InterventionDetail> {
  const intervention = await getIntervention(ctx, id);
  const [lines, orgs, links, impacts, sets] = await Promise.all([liveLines(ctx, id), listOrganisations(ctx), linksOf(ctx, id), impactsOf(ctx, id), parameterSetsById(ctx.db)]);
  const model = modelOf(intervention, lines, organisationNamer(orgs));
  const parameterSet = setOf(sets, intervention);
  if (!parameterSet) throw new AppError('NOT_FOUND', `This estimate was made with the parameter set "${intervention.parameterSetId}", which is not in this workbench. Import that set to see its figures.`);
  const result = evaluateEstimate(model, { parameterSet });
  const switching = switchingValues(model, { parameterSet });
  return {
    intervention,
    lines,
    links,
    impacts,
    result,
    switching,
    yearly: yearlyProfile(model, { parameterSet }),
    appraisal: interventionAppraisal(result, switching, impactSummaries(impacts)),
  };
}

export async function addIntervention(ctx: ServiceContext, input: z.output<typeof InterventionInput>): Promise<Intervention> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await requireParameterSet(trx, input.parameterSetId);
    return interventions.insertIn(trx, w, input);
  });
}

export async function updateIntervention(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof tables.interventions> }): Promise<Intervention> {
  return inWriteTransaction(ctx, async (trx, w) => {
    if (input.patch.parameterSetId !== undefined) await requireParameterSet(trx, input.patch.parameterSetId);
    const updated = await interventions.updateIn(trx, w, input);
    // Children follow the intervention's sensitivity, and lines valued per unit its price year and parameter set.
    for (const l of await liveLines({ db: trx }, updated.id)) {
      const patch: LinePatch = {};
      if (l.sensitivity !== updated.sensitivity) patch.sensitivity = updated.sensitivity;
      if (l.volumes && (l.unitCostId || l.parameterValue)) patch.profile = await builtProfile(trx, l, l.volumes, updated);
      if (Object.keys(patch).length) await lines.updateIn(trx, w, { id: l.id, rev: l.rev, patch });
    }
    const stale = await trx.selectFrom('interventionLinks').select(['id', 'rev']).where('interventionId', '=', updated.id).where('deletedAt', 'is', null).where('sensitivity', '<>', updated.sensitivity).execute();
    for (const l of stale) await links.updateIn(trx, w, { id: l.id, rev: l.rev, patch: { sensitivity: updated.sensitivity } });
    const impacts = await trx.selectFrom('nonMonetisedImpacts').select(['id', 'rev']).where('interventionId', '=', updated.id).where('deletedAt', 'is', null).where('sensitivity', '<>', updated.sensitivity).execute();
    for (const i of impacts) await impactStore.updateIn(trx, w, { id: i.id, rev: i.rev, patch: { sensitivity: updated.sensitivity } });
    return updated;
  });
}

export async function deleteIntervention(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Intervention> {
  return interventions.remove(ctx, input);
}

/** What a valued line is valued with: its value per unit, the price year of that value, and whether it is a health or life value. */
async function valueOf(trx: Trx, source: { unitCostId?: string | null; parameterValue?: string | null }, intervention: Pick<Intervention, 'parameterSetId'>) {
  if (source.unitCostId) {
    const uc = await trx.selectFrom('unitCosts').selectAll().where('id', '=', source.unitCostId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!uc) throw new AppError('INVALID_INPUT', 'That unit cost is not in the library (it may have been deleted).', { unitCostId: 'Choose a unit cost from the library' });
    return { valuePence: uc.valuePence, priceYear: uc.priceYear, healthValue: uc.healthValue === 1, name: `${uc.code} ${uc.description}` };
  }
  const set = await requireParameterSet(trx, intervention.parameterSetId);
  const v = set.values.find((x) => x.key === source.parameterValue);
  if (!v) {
    const message = `The parameter set "${set.name}" has no value per unit "${source.parameterValue}"${set.values.length ? `; it has ${set.values.map((x) => x.key).join(', ')}` : ''}.`;
    throw new AppError('INVALID_INPUT', message, { parameterValue: message });
  }
  return { valuePence: v.valuePence, priceYear: v.priceYear, healthValue: v.healthValue, name: v.label };
}

/**
 * The profile of a valued line: its value per unit uprated to the price year, times the volumes.
 * A year beyond ±£10 billion is refused rather than stored inexactly.
 */
async function builtProfile(
  trx: Trx,
  source: { unitCostId?: string | null; parameterValue?: string | null },
  volumes: readonly VolumeCell[],
  intervention: Pick<Intervention, 'priceYear' | 'parameterSetId'>,
) {
  const v = await valueOf(trx, source, intervention);
  const team = await trx.selectFrom('deflators').select(['year', 'index']).where('deletedAt', 'is', null).execute();
  const set = await requireParameterSet(trx, intervention.parameterSetId);
  const f = uprateFactor(deflatorSeries(set, team, v.priceYear, intervention.priceYear).points, v.priceYear, intervention.priceYear);
  if (!f.ok) throw new AppError('INVALID_INPUT', f.message, { volumes: f.message });
  const profile = profileFromUnitCost(v.valuePence, f.factor, volumes);
  const t = profile.findIndex((p) => Math.abs(p.high) > MAX_PENCE || Math.abs(p.low) > MAX_PENCE);
  if (t >= 0) {
    const message = `${v.name} × the volume in year ${t + 1} comes to more than £10 billion; check the volumes.`;
    throw new AppError('INVALID_INPUT', message, { [`volumes.${t}.high`]: message });
  }
  return profile;
}

const HEALTH_SCHEDULE: DiscountSetting = { schedule: 'health' };

/**
 * Checks and completes a line's fields against its kind and its intervention. A profile may run
 * past the intervention's last year (its years were shortened while typing): the extra years are
 * kept, so lengthening the intervention again brings them back, and the calculation ignores them.
 */
async function normaliseLine<P extends LinePatch>(trx: Trx, intervention: Intervention, kind: string, fields: P, opts: { defaultDiscount: boolean }): Promise<P> {
  const out: LinePatch = { ...fields, sensitivity: intervention.sensitivity };
  if (kind === 'benefit' && typeof fields.optimismBias === 'number' && fields.optimismBias >= 1) {
    throw new AppError('INVALID_INPUT', 'Optimism bias on a benefit line must be below 100 %', { optimismBias: 'Optimism bias on a benefit line must be below 100 %' });
  }
  if (kind === 'cost') {
    // Adjustments describe benefits (what would have happened anyway, who else caused it); a cost is a cost.
    Object.assign(out, { valueType: null, deadweight: 0, attributionToOthers: 0, displacement: 0, dropOff: 0 });
    if ('category' in fields && fields.category === null) out.category = 'revenue';
  } else {
    out.category = null;
    if ('valueType' in fields && fields.valueType === null) out.valueType = 'fiscal';
  }
  const { volumes, unitCostId, parameterValue } = fields;
  if (unitCostId && parameterValue) {
    throw new AppError('INVALID_INPUT', 'A line is valued with a unit cost or a value from the parameter set, not both.', { parameterValue: 'Choose one value per unit' });
  }
  if (volumes === null || (unitCostId === null && !parameterValue) || (parameterValue === null && !unitCostId)) {
    // Amounts typed in: the line is no longer valued per unit.
    out.unitCostId = null;
    out.parameterValue = null;
    out.volumes = null;
  } else if ((unitCostId || parameterValue) && volumes) {
    out.profile = await builtProfile(trx, { unitCostId, parameterValue }, volumes, intervention);
    // Health and life values (QALYs, WELLBYs) are discounted on the health schedule unless the line says otherwise.
    if (opts.defaultDiscount && (await valueOf(trx, { unitCostId, parameterValue }, intervention)).healthValue) out.discount = HEALTH_SCHEDULE;
    if (unitCostId) out.parameterValue = null;
    else out.unitCostId = null;
  }
  return out as P;
}

export async function addLine(ctx: ServiceContext, input: z.output<typeof EstimateLineInput>): Promise<EstimateLine> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const intervention = await interventions.get(trx, input.interventionId);
    const position = input.position ?? (await nextPosition(trx, 'estimateLines', intervention.id));
    const data = await normaliseLine(trx, intervention, input.kind, { ...input, position }, { defaultDiscount: input.discount === null });
    return lines.insertIn(trx, w, data);
  });
}

export async function updateLine(ctx: ServiceContext, input: { id: string; rev: string; patch: LinePatch }): Promise<EstimateLine> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const current = await lines.get(trx, input.id);
    const intervention = await interventions.get(trx, current.interventionId);
    const patch = { ...input.patch };
    // Changing only the volumes (or only the value) of a valued line rebuilds its profile.
    const changesValue = ('unitCostId' in patch && patch.unitCostId !== current.unitCostId) || ('parameterValue' in patch && patch.parameterValue !== current.parameterValue);
    if (('volumes' in patch || 'unitCostId' in patch || 'parameterValue' in patch) && !(patch.volumes === null)) {
      if (!('unitCostId' in patch) && !('parameterValue' in patch)) {
        patch.unitCostId = current.unitCostId;
        patch.parameterValue = current.parameterValue;
      } else if ('unitCostId' in patch && patch.unitCostId && !('parameterValue' in patch)) patch.parameterValue = null;
      else if ('parameterValue' in patch && patch.parameterValue && !('unitCostId' in patch)) patch.unitCostId = null;
      patch.volumes = patch.volumes ?? current.volumes ?? [];
    }
    // A newly chosen health or life value brings the health schedule, unless this edit sets the discounting itself.
    const data = await normaliseLine(trx, intervention, current.kind, patch, { defaultDiscount: changesValue && !('discount' in patch) });
    return lines.updateIn(trx, w, { id: input.id, rev: input.rev, patch: data });
  });
}

export async function deleteLine(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EstimateLine> {
  return lines.remove(ctx, input);
}

export async function addLink(ctx: ServiceContext, input: z.output<typeof InterventionLinkInput>): Promise<InterventionLink> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const intervention = await interventions.get(trx, input.interventionId);
    if (input.hypothesisId) await requireHypothesis(trx, input.hypothesisId);
    if (input.evidenceId) await requireEvidenceItem(trx, input.evidenceId);
    const existing = await trx
      .selectFrom('interventionLinks')
      .select('id')
      .where('interventionId', '=', input.interventionId)
      .where('deletedAt', 'is', null)
      .where((eb) => (input.hypothesisId ? eb('hypothesisId', '=', input.hypothesisId) : eb('evidenceId', '=', input.evidenceId)))
      .executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `This intervention is already linked to that ${input.hypothesisId ? 'hypothesis' : 'evidence'}.`);
    return links.insertIn(trx, w, { ...input, sensitivity: intervention.sensitivity });
  });
}

export async function deleteLink(ctx: ServiceContext, input: { id: string; rev: string }): Promise<InterventionLink> {
  return links.remove(ctx, input);
}

