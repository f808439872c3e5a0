/**
 * Interventions, their cost and benefit lines, and their links to hypotheses and evidence.
 * Every write is one transaction. Lines built from a unit cost get their profile computed here
 * (unit cost uprated to the intervention's price year × volumes), so the stored profile is always
 * what the calculation uses; lines and links copy their intervention's sensitivity.
 */
import type { z } from 'zod';
import type { Transaction } from 'kysely';
import { modelOf, organisationNamer } from '../../shared/calc/interventionModel';
import { evaluateEstimate, switchingValues, yearlyProfile } from '../../shared/calc/savings';
import { profileFromUnitCost, uprateFactor } from '../../shared/calc/uprating';
import type { EstimateLineInput, InterventionInput, InterventionLinkInput } from '../../shared/domain/estimates';
import type { EstimateLine, Intervention, InterventionLink } from '../../shared/domain/estimates';
import type { InterventionDetail, InterventionSummary, LinkView } from '../../shared/contract/estimates';
import { AppError } from '../../shared/errors';
import { getRow, insertRecord, softDeleteRecord, toDomain, updateRecord } from '../db/records';
import type { Database } from '../core/database';
import { writeContext, type ServiceContext } from '../core/context';
import { listOrganisations } from '../pilot/queries';

type Trx = Transaction<Database>;
type Patch = Record<string, unknown>;

export async function liveInterventions(ctx: ServiceContext): Promise<Intervention[]> {
  const rows = await ctx.db.selectFrom('interventions').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').execute();
  return rows.map((r) => toDomain<Intervention>('interventions', r));
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
  return rows.map((r) => toDomain<EstimateLine>('estimateLines', r));
}

export async function getIntervention(ctx: ServiceContext, id: string): Promise<Intervention> {
  return toDomain<Intervention>('interventions', await getRow(ctx.db, 'interventions', id));
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
      ...toDomain<InterventionLink>('interventionLinks', link),
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
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => insertRecord<Intervention>(trx, 'interventions', input, w));
}

export async function updateIntervention(ctx: ServiceContext, input: { id: string; rev: string; patch: Patch }): Promise<Intervention> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await updateRecord<Intervention>(trx, 'interventions', input.id, input.rev, input.patch, w);
    // Children follow the intervention's sensitivity, and unit-cost lines its price year.
    const lines = await liveLines({ db: trx }, updated.id);
    for (const l of lines) {
      const patch: Patch = {};
      if (l.sensitivity !== updated.sensitivity) patch.sensitivity = updated.sensitivity;
      if (l.unitCostId && l.volumes) patch.profile = await builtProfile(trx, l.unitCostId, l.volumes, updated.priceYear);
      if (Object.keys(patch).length) await updateRecord(trx, 'estimateLines', l.id, l.rev, patch, w);
    }
    const links = await trx.selectFrom('interventionLinks').select(['id', 'rev']).where('interventionId', '=', updated.id).where('deletedAt', 'is', null).where('sensitivity', '<>', updated.sensitivity).execute();
    for (const l of links) await updateRecord(trx, 'interventionLinks', l.id, l.rev, { sensitivity: updated.sensitivity }, w);
    return updated;
  });
}

export async function deleteIntervention(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Intervention> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => softDeleteRecord<Intervention>(trx, 'interventions', input.id, input.rev, w));
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
async function normaliseLine(trx: Trx, intervention: Intervention, kind: string, fields: Patch): Promise<Patch> {
  const out: Patch = { ...fields, sensitivity: intervention.sensitivity };
  if (kind === 'cost') {
    // Adjustments describe benefits (what would have happened anyway, who else caused it); a cost is a cost.
    Object.assign(out, { valueType: null, deadweight: 0, attributionToOthers: 0, displacement: 0, dropOff: 0 });
    if ('category' in fields && fields.category === null) out.category = 'revenue';
  } else {
    out.category = null;
    if ('valueType' in fields && fields.valueType === null) out.valueType = 'fiscal';
  }
  const volumes = fields.volumes as { low: number; central: number; high: number }[] | null | undefined;
  const unitCostId = fields.unitCostId as string | null | undefined;
  if (unitCostId && volumes) {
    out.profile = await builtProfile(trx, unitCostId, volumes, intervention.priceYear);
  } else if (unitCostId === null || volumes === null) {
    out.unitCostId = null;
    out.volumes = null;
  }
  return out;
}

export async function addLine(ctx: ServiceContext, input: z.output<typeof EstimateLineInput>): Promise<EstimateLine> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const intervention = toDomain<Intervention>('interventions', await getRow(trx, 'interventions', input.interventionId));
    const last = await trx
      .selectFrom('estimateLines')
      .select((eb) => eb.fn.max('position').as('p'))
      .where('interventionId', '=', intervention.id)
      .where('deletedAt', 'is', null)
      .executeTakeFirst();
    const position = input.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
    const data = await normaliseLine(trx, intervention, input.kind, { ...input, position });
    return insertRecord<EstimateLine>(trx, 'estimateLines', data, w);
  });
}

export async function updateLine(ctx: ServiceContext, input: { id: string; rev: string; patch: Patch }): Promise<EstimateLine> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = toDomain<EstimateLine>('estimateLines', await getRow(trx, 'estimateLines', input.id));
    const intervention = toDomain<Intervention>('interventions', await getRow(trx, 'interventions', current.interventionId));
    const patch = { ...input.patch };
    // Changing only the volumes (or only the unit cost) of a unit-cost line rebuilds its profile.
    if (('volumes' in patch || 'unitCostId' in patch) && !(patch.unitCostId === null || patch.volumes === null)) {
      patch.unitCostId = patch.unitCostId ?? current.unitCostId;
      patch.volumes = patch.volumes ?? current.volumes;
    }
    const data = await normaliseLine(trx, intervention, current.kind, patch);
    return updateRecord<EstimateLine>(trx, 'estimateLines', input.id, input.rev, data, w);
  });
}

export async function deleteLine(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EstimateLine> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => softDeleteRecord<EstimateLine>(trx, 'estimateLines', input.id, input.rev, w));
}

export async function addLink(ctx: ServiceContext, input: z.output<typeof InterventionLinkInput>): Promise<InterventionLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const intervention = toDomain<Intervention>('interventions', await getRow(trx, 'interventions', input.interventionId));
    if (input.hypothesisId) await getRow(trx, 'hypotheses', input.hypothesisId);
    if (input.evidenceId) await getRow(trx, 'evidenceItems', input.evidenceId);
    const existing = await trx
      .selectFrom('interventionLinks')
      .select('id')
      .where('interventionId', '=', input.interventionId)
      .where('deletedAt', 'is', null)
      .where((eb) => (input.hypothesisId ? eb('hypothesisId', '=', input.hypothesisId) : eb('evidenceId', '=', input.evidenceId)))
      .executeTakeFirst();
    if (existing) throw new AppError('CONFLICT', `This intervention is already linked to that ${input.hypothesisId ? 'hypothesis' : 'evidence'}.`);
    return insertRecord<InterventionLink>(trx, 'interventionLinks', { ...input, sensitivity: intervention.sensitivity }, w);
  });
}

export async function deleteLink(ctx: ServiceContext, input: { id: string; rev: string }): Promise<InterventionLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => softDeleteRecord<InterventionLink>(trx, 'interventionLinks', input.id, input.rev, w));
}

