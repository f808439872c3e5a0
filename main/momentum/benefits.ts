/**
 * The benefits register kept after the pilot: each benefit's full-year value (the estimate) and
 * what has actually been realised, dated, so the two can be compared month by month.
 */
import { benefitSeries, monthOf } from '../../shared/calc/benefits';
import type { RecordMeta } from '../../shared/domain/common';
import type { Benefit, BenefitSeriesPoint, BenefitView, Realisation } from '../../shared/domain/learning';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { listBenefits, serviceToday } from './queries';
import { estimateFigures } from '../estimates/queries';
import * as tables from './records';

const benefits = recordStore(tables.benefits);
const realisations = recordStore(tables.benefitRealisations);

type Db = ServiceContext['db'];

async function checkOrg(db: Db, organisationId: string | null | undefined): Promise<void> {
  if (!organisationId) return;
  const org = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!org) throw new AppError('INVALID_INPUT', 'The organisation could not be found (deleted, or never added here).', { organisationId: 'Choose an organisation from the list' });
}

/**
 * A benefit linked to an estimate stores the estimate's figures as they are when saved (so a
 * bundle or an old report has them); reading the register takes them fresh from the estimate.
 * An unknown estimate is refused, and changes nothing.
 */
async function withEstimateFigures<T extends { interventionId?: string | null | undefined; fullYearPence?: number | undefined; cashReleasing?: boolean | undefined }>(ctx: ServiceContext, data: T): Promise<T> {
  if (!data.interventionId) return data;
  const linked = (await estimateFigures(ctx)).get(data.interventionId);
  if (!linked) throw new AppError('INVALID_INPUT', 'The estimate could not be found (deleted, or never added here).', { interventionId: 'Choose an estimate from the list' });
  return { ...data, fullYearPence: linked.fullYearPence, cashReleasing: linked.cashReleasing };
}

export async function addBenefit(ctx: ServiceContext, input: Omit<Benefit, keyof RecordMeta>): Promise<Benefit> {
  const data = await withEstimateFigures(ctx, input);
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkOrg(trx, data.organisationId);
    return benefits.insertIn(trx, w, data);
  });
}

export async function updateBenefit(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof tables.benefits> }): Promise<Benefit> {
  const patch = await withEstimateFigures(ctx, input.patch);
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkOrg(trx, patch.organisationId);
    return benefits.updateIn(trx, w, { ...input, patch });
  });
}

export async function deleteBenefit(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Benefit> {
  return benefits.remove(ctx, input);
}

export async function addRealisation(ctx: ServiceContext, input: Omit<Realisation, keyof RecordMeta>): Promise<Realisation> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await benefits.row(trx, input.benefitId);
    return realisations.insertIn(trx, w, input);
  });
}

export async function deleteRealisation(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Realisation> {
  return realisations.remove(ctx, input);
}



export async function getBenefit(ctx: ServiceContext, id: string): Promise<BenefitView> {
  await benefits.row(ctx.db, id);
  return (await listBenefits(ctx)).find((b) => b.id === id)!;
}

/** Cumulative estimated vs realised by month, for the whole register or one benefit, up to this month. */
export async function benefitsOverTime(ctx: ServiceContext, input: { benefitId?: string | undefined }): Promise<BenefitSeriesPoint[]> {
  let list = await listBenefits(ctx);
  if (input.benefitId) {
    list = list.filter((b) => b.id === input.benefitId);
    if (list.length === 0) throw new AppError('NOT_FOUND', 'Benefit was not found (it may have been deleted).');
  }
  return benefitSeries(list, monthOf(serviceToday(ctx)));
}
