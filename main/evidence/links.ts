/**
 * Links between evidence and hypotheses, with an ACH rating and a weight. One live link per
 * (item, hypothesis) pair: linking again is refused; rating in the matrix updates the link (or
 * creates it, or with no rating removes it).
 */
import { combinedWeight } from '../../shared/calc/ach';
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

type Levels = { weight?: LinkWeight | undefined; credibility?: LinkWeight | undefined; relevance?: LinkWeight | undefined };

/**
 * Credibility and relevance, with the weight kept in step: given both, the weight is their
 * combination; given only a weight (older scripts, `--weight`), both take it.
 */
function levels(input: Levels, current?: { credibility: LinkWeight | null; relevance: LinkWeight | null; weight: LinkWeight }) {
  const fallback = input.weight ?? current?.weight ?? 'medium';
  const onlyWeight = input.weight !== undefined && input.credibility === undefined && input.relevance === undefined;
  const credibility = onlyWeight ? input.weight! : (input.credibility ?? current?.credibility ?? fallback);
  const relevance = onlyWeight ? input.weight! : (input.relevance ?? current?.relevance ?? fallback);
  return { credibility, relevance, weight: combinedWeight(credibility, relevance) };
}

export async function linkEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating; note: string | null } & Levels,
): Promise<EvidenceLink> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    if (await liveLink(trx, input.evidenceId, input.hypothesisId)) {
      throw new AppError('CONFLICT', 'This evidence is already linked to that hypothesis. Change its rating instead of linking it again.');
    }
    return (await links.insertIn(trx, w, { evidenceId: input.evidenceId, hypothesisId: input.hypothesisId, rating: input.rating, note: input.note, ...levels(input) })) as EvidenceLink;
  });
}

export async function updateLink(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof evidenceLinks> }): Promise<EvidenceLink> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const { weight, credibility, relevance, ...rest } = input.patch;
    const patch: PatchOf<typeof evidenceLinks> = { ...rest };
    if (weight !== undefined || credibility != null || relevance != null) {
      const current = await links.get(trx, input.id);
      Object.assign(patch, levels({ weight, credibility: credibility ?? undefined, relevance: relevance ?? undefined }, current as EvidenceLink));
    }
    return (await links.updateIn(trx, w, { id: input.id, rev: input.rev, patch })) as EvidenceLink;
  });
}

export async function unlinkEvidence(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EvidenceLink> {
  return (await links.remove(ctx, input)) as EvidenceLink;
}

/**
 * The matrix's in-place edit: sets the pair's rating whatever its current state. A cell is one
 * person's current judgement, so the last choice wins (every change is still in the link's history).
 */
export async function rateEvidence(
  ctx: ServiceContext,
  input: { evidenceId: string; hypothesisId: string; rating: AchRating | null } & Levels,
): Promise<EvidenceLink | null> {
  return inWriteTransaction(ctx, async (trx, w) => {
    await checkBoth(trx, input.evidenceId, input.hypothesisId);
    const current = await liveLink(trx, input.evidenceId, input.hypothesisId);
    if (input.rating === null) {
      if (current) await links.removeIn(trx, w, current);
      return null;
    }
    if (!current) {
      return (await links.insertIn(trx, w, { evidenceId: input.evidenceId, hypothesisId: input.hypothesisId, rating: input.rating, note: null, ...levels(input) })) as EvidenceLink;
    }
    const given = input.weight !== undefined || input.credibility !== undefined || input.relevance !== undefined;
    const patch: PatchOf<typeof evidenceLinks> = { rating: input.rating, ...(given ? levels(input, current as never) : {}) };
    return (await links.updateIn(trx, w, { id: current.id, rev: current.rev, patch })) as EvidenceLink;
  });
}

export async function getLink(ctx: ServiceContext, id: string): Promise<EvidenceLink> {
  return (await links.get(ctx.db, id)) as EvidenceLink;
}


