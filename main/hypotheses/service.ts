import { HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis, type HypothesisStatus, type StatusChange } from '../../shared/domain/hypotheses';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { getRow, insertRecord, softDeleteRecord, toDomain, updateRecord } from '../db/records';
import { writeContext, type ServiceContext } from '../core/context';
export async function getHypothesis(ctx: ServiceContext, id: string): Promise<Hypothesis> {
  return toDomain<Hypothesis>('hypotheses', await getRow(ctx.db, 'hypotheses', id));
}

export async function addHypothesis(ctx: ServiceContext, data: Record<string, unknown>): Promise<Hypothesis> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const h = await insertRecord<Hypothesis>(trx, 'hypotheses', { ...data, status: 'proposed' }, w);
    await trx
      .insertInto('statusChanges')
      .values({ id: newId(), hypothesisId: h.id, fromStatus: null, toStatus: 'proposed', actor: w.actor, at: w.now, note: null })
      .execute();
    return h;
  });
}

export async function updateHypothesis(
  ctx: ServiceContext,
  input: { id: string; rev: string; patch: Record<string, unknown> },
): Promise<Hypothesis> {
  const w = await writeContext(ctx);
  // Status has its own method with lifecycle rules and a recorded history.
  const { status: _ignored, ...patch } = input.patch;
  return ctx.db.transaction().execute((trx) => updateRecord<Hypothesis>(trx, 'hypotheses', input.id, input.rev, patch, w));
}

export async function setHypothesisStatus(
  ctx: ServiceContext,
  input: { id: string; rev: string; status: HypothesisStatus; note: string | null },
): Promise<Hypothesis> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const current = toDomain<Hypothesis>('hypotheses', await getRow(trx, 'hypotheses', input.id));
    if (current.status === input.status) return current;
    if (!HYPOTHESIS_TRANSITIONS[current.status].includes(input.status)) {
      const allowed = HYPOTHESIS_TRANSITIONS[current.status].map((s) => HYPOTHESIS_STATUS_LABELS[s]).join(', ');
      throw new AppError(
        'REFUSED',
        `A hypothesis that is ${HYPOTHESIS_STATUS_LABELS[current.status].toLowerCase()} can move to: ${allowed}. ` +
          (current.status === 'proposed' ? 'Start testing it before recording a verdict.' : ''),
      );
    }
    const updated = await updateRecord<Hypothesis>(trx, 'hypotheses', input.id, input.rev, { status: input.status }, w);
    await trx
      .insertInto('statusChanges')
      .values({ id: newId(), hypothesisId: input.id, fromStatus: current.status, toStatus: input.status, actor: w.actor, at: w.now, note: input.note })
      .execute();
    return updated;
  });
}

export async function statusHistory(ctx: ServiceContext, id: string): Promise<StatusChange[]> {
  await getRow(ctx.db, 'hypotheses', id, { includeDeleted: true });
  const rows = await ctx.db
    .selectFrom('statusChanges')
    .select(['fromStatus', 'toStatus', 'actor', 'at', 'note'])
    .where('hypothesisId', '=', id)
    .orderBy('at')
    .execute();
  return rows.map((r) => ({
    from: r.fromStatus as HypothesisStatus | null,
    to: r.toStatus as HypothesisStatus,
    actor: r.actor,
    at: r.at,
    note: r.note,
  }));
}

export async function deleteHypothesis(ctx: ServiceContext, input: { id: string; rev: string }): Promise<Hypothesis> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute((trx) => softDeleteRecord<Hypothesis>(trx, 'hypotheses', input.id, input.rev, w));
}
