/**
 * Links between evidence and hypotheses, with an ACH rating and a weight. One live link per
 * (item, hypothesis) pair: linking again is refused; rating in the matrix updates the link (or
 * creates it, or with no rating removes it).
 */
import type { Transaction } from 'kysely';
import type { AchRating, EvidenceLink, LinkWeight } from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import { getRow, insertRecord, softDeleteRecord, toDomain, updateRecord, type WriteContext } from '../db/records';
import type { Database } from '../core/database';
import { writeContext, type ServiceContext } from '../core/context';

async function liveLink(trx: Transaction<Database>, evidenceId: string, hypothesisId: string) {
  return trx.selectFrom('evidenceLinks').selectAll().where('evidenceId', '=', evidenceId).where('hypothesisId', '=', hypothesisId).where('deletedAt', 'is', null).executeTakeFirst();
}

async function checkBoth(trx: Transaction<Database>, evidenceId: string, hypothesisId: string) {
  await getRow(trx, 'evidenceItems', evidenceId);
  await getRow(trx, 'hypotheses', hypothesisId);
}

export async function linkEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating; weight: LinkWeight; note: string | null },
): Promise<EvidenceLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    if (await liveLink(trx, input.evidenceId, input.hypothesisId)) {
      throw new AppError('CONFLICT', 'This evidence is already linked to that hypothesis. Change its rating instead of linking it again.');
    }
    return insertRecord<EvidenceLink>(trx, 'evidenceLinks', input, w);
  });
}

export async function updateLink(ctx: ServiceContext, input: { id: string; rev: string; patch: Record<string, unknown> }): Promise<EvidenceLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => updateRecord<EvidenceLink>(trx, 'evidenceLinks', input.id, input.rev, input.patch, w));
}

export async function unlinkEvidence(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EvidenceLink> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => softDeleteRecord<EvidenceLink>(trx, 'evidenceLinks', input.id, input.rev, w));
}

/**
 * The matrix's in-place edit: sets the pair's rating whatever its current state. A cell is one
 * person's current judgement, so the last choice wins (every change is still in the link's history).
 */
export async function rateEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating | null; weight?: LinkWeight | undefined },
): Promise<EvidenceLink | null> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    const current = await liveLink(trx, input.evidenceId, input.hypothesisId);
    if (input.rating === null) {
      if (current) await softDeleteRecord(trx, 'evidenceLinks', current.id, current.rev, w);
      return null;
    }
    if (!current) {
      return insertRecord<EvidenceLink>(trx, 'evidenceLinks', { evidenceId: input.evidenceId, hypothesisId: input.hypothesisId, rating: input.rating, weight: input.weight ?? 'medium', note: null }, w);
    }
    const patch: Record<string, unknown> = { rating: input.rating };
    if (input.weight) patch.weight = input.weight;
    return updateRecord<EvidenceLink>(trx, 'evidenceLinks', current.id, current.rev, patch, w as WriteContext);
  });
}

export async function getLink(ctx: ServiceContext, id: string): Promise<EvidenceLink> {
  return toDomain<EvidenceLink>('evidenceLinks', await getRow(ctx.db, 'evidenceLinks', id));
}


