/**
 * Links between evidence and hypotheses, with an ACH rating and a weight. One live link per
 * (item, hypothesis) pair: linking again is refused; rating in the matrix updates the link (or
 * creates it, or with no rating removes it).
 */
import type { AchRating, EvidenceLink, LinkWeight } from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore, type Trx } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { requireHypothesis } from '../hypotheses/queries';
import { requireEvidenceItem } from './queries';
import { evidenceLinks } from './records';

const links = recordStore(evidenceLinks);

async function liveLink(trx: Trx, evidenceId: string, hypothesisId: string) {
  return trx.selectFrom('evidenceLinks').selectAll().where('evidenceId', '=', evidenceId).where('hypothesisId', '=', hypothesisId).where('deletedAt', 'is', null).executeTakeFirst();
}

async function checkBoth(trx: Trx, evidenceId: string, hypothesisId: string) {
  await requireEvidenceItem(trx, evidenceId);
  await requireHypothesis(trx, hypothesisId);
}

export async function linkEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating; weight: LinkWeight; note: string | null },
): Promise<EvidenceLink> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    if (await liveLink(trx, input.evidenceId, input.hypothesisId)) {
      throw new AppError('CONFLICT', 'This evidence is already linked to that hypothesis. Change its rating instead of linking it again.');
    }
    return links.insertIn(trx, w, input);
  });
}

export async function updateLink(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof evidenceLinks> }): Promise<EvidenceLink> {
  return links.update(ctx, input);
}

export async function unlinkEvidence(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EvidenceLink> {
  return links.remove(ctx, input);
}

/**
 * The matrix's in-place edit: sets the pair's rating whatever its current state. A cell is one
 * person's current judgement, so the last choice wins (every change is still in the link's history).
 */
export async function rateEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating | null; weight?: LinkWeight | undefined },
): Promise<EvidenceLink | null> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    const current = await liveLink(trx, input.evidenceId, input.hypothesisId);
    if (input.rating === null) {
      if (current) await links.removeIn(trx, w, current);
      return null;
    }
    if (!current) {
      return links.insertIn(trx, w, { evidenceId: input.evidenceId, hypothesisId: input.hypothesisId, rating: input.rating, weight: input.weight ?? 'medium', note: null });
    }
    const patch: PatchOf<typeof evidenceLinks> = { rating: input.rating };
    if (input.weight) patch.weight = input.weight;
    return links.updateIn(trx, w, { id: current.id, rev: current.rev, patch });
  });
}

export async function getLink(ctx: ServiceContext, id: string): Promise<EvidenceLink> {
  return links.get(ctx.db, id);
}


