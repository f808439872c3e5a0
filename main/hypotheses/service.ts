import type { z } from 'zod';
import {
  HYPOTHESIS_STATUS_LABELS,
  HYPOTHESIS_TRANSITIONS,
  NEEDS_EVIDENCE,
  VERDICTS,
  type Hypothesis,
  type HypothesisInput,
  type HypothesisStatus,
  type StatusChange,
} from '../../shared/domain/hypotheses';
import { hasLinkedEvidence } from '../evidence/queries';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { hypotheses as hypothesesTable } from './records';

const hypotheses = recordStore(hypothesesTable);

export async function getHypothesis(ctx: ServiceContext, id: string): Promise<Hypothesis> {
  return hypotheses.get(ctx.db, id);
}

export async function addHypothesis(ctx: ServiceContext, data: z.output<typeof HypothesisInput>): Promise<Hypothesis> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const h = await hypotheses.insertIn(trx, w, { ...data, status: 'proposed' });
    await trx
      .insertInto('statusChanges')
      .values({ id: newId(), hypothesisId: h.id, fromStatus: null, toStatus: 'proposed', actor: w.actor, at: w.now, note: null })
      .execute();
    return h;
  });
}

export async function updateHypothesis(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof hypothesesTable> }): Promise<Hypothesis> {
  // Status has its own method with lifecycle rules and a recorded history.
  const { status: _ignored, ...patch } = input.patch;
  return hypotheses.update(ctx, { id: input.id, rev: input.rev, patch });
}

export async function setHypothesisStatus(
  ctx: ServiceContext,
  input: { id: string; rev: string; status: HypothesisStatus; note: string | null; withoutEvidence?: boolean },
): Promise<Hypothesis> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const current = await hypotheses.get(trx, input.id);
    if (current.status === input.status) return current;
    if (!HYPOTHESIS_TRANSITIONS[current.status].includes(input.status)) {
      const allowed = HYPOTHESIS_TRANSITIONS[current.status].map((s) => HYPOTHESIS_STATUS_LABELS[s]).join(', ');
      throw new AppError(
        'REFUSED',
        `A hypothesis that is ${HYPOTHESIS_STATUS_LABELS[current.status].toLowerCase()} can move to: ${allowed}. ` +
          (current.status === 'proposed' ? 'Start testing it before recording a verdict.' : ''),
      );
    }
    const label = HYPOTHESIS_STATUS_LABELS[input.status].toLowerCase();
    if (VERDICTS.includes(input.status) && !input.note) {
      throw new AppError('INVALID_INPUT', `Say why the hypothesis is now ${label}: a verdict needs a reason, which the status history keeps.`, { note: 'Give the reason for this verdict' });
    }
    if (NEEDS_EVIDENCE.includes(input.status) && !input.withoutEvidence && !(await hasLinkedEvidence(trx, input.id))) {
      throw new AppError(
        'REFUSED',
        `No evidence is linked to this hypothesis. Link the evidence it rests on first, or confirm that it is ${label} without any.`,
      );
    }
    const updated = await hypotheses.updateIn(trx, w, { id: input.id, rev: input.rev, patch: { status: input.status } });
    await trx
      .insertInto('statusChanges')
      .values({ id: newId(), hypothesisId: input.id, fromStatus: current.status, toStatus: input.status, actor: w.actor, at: w.now, note: input.note })
      .execute();
    return updated;
  });
}

export async function statusHistory(ctx: ServiceContext, id: string): Promise<StatusChange[]> {
  await hypotheses.row(ctx.db, id, { includeDeleted: true });
  const rows = await ctx.db
    .selectFrom('statusChanges')
    .select(['fromStatus', 'toStatus', 'actor', 'at', 'note'])
    .where('hypothesisId', '=', id)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({ from: r.fromStatus, to: r.toStatus, actor: r.actor, at: r.at, note: r.note }));
}

export async function deleteHypothesis(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Hypothesis> {
  return hypotheses.remove(ctx, input);
}
