/**
 * Interventions, their cost and benefit lines, and their links to hypotheses and evidence.
 * Every write is one transaction. Lines built from a unit cost get their profile computed here
 * (unit cost uprated to the intervention's price year × volumes), so the stored profile is always
 * what the calculation uses; lines and links copy their intervention's sensitivity.
 */
import type { z } from 'zod';
import { modelOf, organisationNamer } from '../../shared/calc/interventionModel';
import { evaluateEstimate, switchingValues, yearlyProfile } from '../../shared/calc/savings';
import { profileFromUnitCost, uprateFactor } from '../../shared/calc/uprating';
import type { EstimateLineInput, InterventionInput, InterventionLinkInput } from '../../shared/domain/estimates';
import type { EstimateLine, Intervention, InterventionLink } from '../../shared/domain/estimates';
import type { InterventionDetail, InterventionSummary, LinkView } from '../../shared/contract/estimates';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { requireEvidenceItem } from '../evidence/queries';
import { requireHypothesis } from '../hypotheses/queries';
import { listOrganisations } from '../pilot/queries';
import * as tables from './records';

type LinePatch = PatchOf<typeof tables.estimateLines>;

const interventions = recordStore(tables.interventions);
const lines = recordStore(tables.estimateLines);
const links = recordStore(tables.interventionLinks);

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
  const [interventions, lines, orgs] = await Promise.all([liveInterventions(ctx), liveLines(ctx), listOrganisations(ctx)]);
  const name = organisationNamer(orgs);
  return interventions.map((i) => {
    const own = lines.filter((l) => l.interventionId === i.id);
    const c = evaluateEstimate(modelOf(i, own, name), { simulate: false }).scenarios.central;
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

export async function interventionDetail(ctx: ServiceContext, id: string): Promise<InterventionDetail> {
  const intervention = await getIntervention(ctx, id);
  const [lines, orgs, links] = await Promise.all([liveLines(ctx, id), listOrganisations(ctx), linksOf(ctx, id)]);
  const model = modelOf(intervention, lines, organisationNamer(orgs));
  return { intervention, lines, links, result: evaluateEstimate(model), switching: switchingValues(model), yearly: yearlyProfile(model) };
}

export async function addIntervention(ctx: ServiceContext, input: z.output<typeof InterventionInput>): Promise<Intervention> {
  return interventions.add(ctx, input);
}

export async function updateIntervention(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof tables.interventions> }): Promise<Intervention> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const updated = await interventions.updateIn(trx, w, input);
    // Children follow the intervention's sensitivity, and unit-cost lines its price year.
    for (const l of await liveLines({ db: trx }, updated.id)) {
      const patch: LinePatch = {};
      if (l.sensitivity !== updated.sensitivity) patch.sensitivity = updated.sensitivity;
      if (l.unitCostId && l.volumes) patch.profile = await builtProfile(trx, l.unitCostId, l.volumes, updated.priceYear);
      if (Object.keys(patch).length) await lines.updateIn(trx, w, { id: l.id, rev: l.rev, patch });
    }
    const stale = await trx.selectFrom('interventionLinks').select(['id', 'rev']).where('interventionId', '=', updated.id).where('deletedAt', 'is', null).where('sensitivity', '<>', updated.sensitivity).execute();
    for (const l of stale) await links.updateIn(trx, w, { id: l.id, rev: l.rev, patch: { sensitivity: updated.sensitivity } });
    return updated;
  });
}

export async function deleteIntervention(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Intervention> {
  return interventions.remove(ctx, input);
}

/** The profile of a unit-cost line: the unit cost uprated to the price year, times the volumes. */
async function builtProfile(trx: Trx, unitCostId: string, volumes: { low: number; central: number; high: number }[], priceYear: string) {
  const uc = await trx.selectFrom('unitCosts').selectAll().where('id', '=', unitCostId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!uc) throw new AppError('INVALID_INPUT', 'That unit cost is not in the library (it may have been deleted).', { unitCostId: 'Choose a unit cost from the library' });
  const deflators = await trx.selectFrom('deflators').select(['year', 'index']).where('deletedAt', 'is', null).execute();
  const f = uprateFactor(deflators, uc.priceYear, priceYear);
  if (!f.ok) throw new AppError('INVALID_INPUT', f.message, { volumes: f.message });
  return profileFromUnitCost(uc.valuePence, f.factor, volumes);
}

/**
 * Checks and completes a line's fields against its kind and its intervention. A profile may run
 * past the intervention's last year (its years were shortened while typing): the extra years are
 * kept, so lengthening the intervention again brings them back, and the calculation ignores them.
 */
async function normaliseLine<P extends LinePatch>(trx: Trx, intervention: Intervention, kind: string, fields: P): Promise<P> {
  const out: LinePatch = { ...fields, sensitivity: intervention.sensitivity };
  if (kind === 'cost') {
    // Adjustments describe benefits (what would have happened anyway, who else caused it); a cost is a cost.
    Object.assign(out, { valueType: null, deadweight: 0, attributionToOthers: 0, displacement: 0, dropOff: 0 });
    if ('category' in fields && fields.category === null) out.category = 'revenue';
  } else {
    out.category = null;
    if ('valueType' in fields && fields.valueType === null) out.valueType = 'fiscal';
  }
  const { volumes, unitCostId } = fields;
  if (unitCostId && volumes) {
    out.profile = await builtProfile(trx, unitCostId, volumes, intervention.priceYear);
  } else if (unitCostId === null || volumes === null) {
    out.unitCostId = null;
    out.volumes = null;
  }
  return out as P;
}

export async function addLine(ctx: ServiceContext, input: z.output<typeof EstimateLineInput>): Promise<EstimateLine> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const intervention = await interventions.get(trx, input.interventionId);
    const last = await trx
      .selectFrom('estimateLines')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('interventionId', '=', intervention.id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    const position = input.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
    const data = await normaliseLine(trx, intervention, input.kind, { ...input, position });
    return lines.insertIn(trx, w, data);
  });
}

export async function updateLine(ctx: ServiceContext, input: { id: string; rev: string; patch: LinePatch }): Promise<EstimateLine> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const current = await lines.get(trx, input.id);
    const intervention = await interventions.get(trx, current.interventionId);
    const patch = { ...input.patch };
    // Changing only the volumes (or only the unit cost) of a unit-cost line rebuilds its profile.
    if (('volumes' in patch || 'unitCostId' in patch) && !(patch.unitCostId === null || patch.volumes === null)) {
      patch.unitCostId = patch.unitCostId ?? current.unitCostId;
      patch.volumes = patch.volumes ?? current.volumes;
    }
    const data = await normaliseLine(trx, intervention, current.kind, patch);
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

