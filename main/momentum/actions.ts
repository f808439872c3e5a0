/**
 * Recommendations and actions: the momentum after the pilot. An action is overdue when it is
 * still open or in progress and its due date is before today (due today is not overdue yet).
 */
import type { RecordMeta } from '../../shared/domain/common';
import { type Action, type ActionView } from '../../shared/domain/learning';
import { AppError } from '../../shared/errors';
import type { PatchOf } from '../db/recordSpec';
import { inWriteTransaction, recordStore } from '../core/recordStore';
import type { ServiceContext } from '../core/context';
import { serviceToday, view } from './queries';
import { actions as actionsTable } from './records';

const actions = recordStore(actionsTable);

type Db = ServiceContext['db'];

/** An action may follow from a live recommendation (not from an action, nor from itself); a recommendation follows from nothing. */
async function checkRecommendation(db: Db, data: Partial<Action>, self: string | null): Promise<void> {
  if (!data.recommendationId) return;
  const bad = (message: string) => new AppError('INVALID_INPUT', message, { recommendationId: message });
  if (data.recommendationId === self) throw bad('An item cannot follow from itself');
  if (data.kind === 'recommendation') throw bad('A recommendation does not follow from another one: make it an action, or leave this empty');
  const rec = await db.selectFrom('actions').select(['kind']).where('id', '=', data.recommendationId).where('deletedAt', 'is', null).executeTakeFirst();
  if (!rec) throw bad('The recommendation could not be found (deleted, or never added here)');
  if (rec.kind !== 'recommendation') throw bad('Choose a recommendation, not an action');
}

async function checkRefs(db: Db, data: Partial<Action>): Promise<void> {
  if (data.organisationId) {
    const org = await db.selectFrom('organisations').select('id').where('id', '=', data.organisationId).where('deletedAt', 'is', null).executeTakeFirst();
    if (!org) throw new AppError('INVALID_INPUT', 'The owning organisation could not be found (deleted, or never added here).', { organisationId: 'Choose an organisation from the list' });
  }
  const ids = data.hypothesisIds ?? [];
  if (ids.length) {
    const found = await db.selectFrom('hypotheses').select('id').where('id', 'in', ids).where('deletedAt', 'is', null).execute();
    if (found.length !== ids.length) throw new AppError('INVALID_INPUT', 'A linked hypothesis could not be found (deleted, or never added here).', { hypothesisIds: 'Unknown hypothesis' });
  }
}


export async function addAction(ctx: ServiceContext, input: Omit<Action, keyof RecordMeta>): Promise<ActionView> {
  const a = await inWriteTransaction(ctx, async (trx, w) => {
    await checkRefs(trx, input);
    await checkRecommendation(trx, input, null);
    return actions.insertIn(trx, w, input);
  });
  return (await view(ctx.db, [a], serviceToday(ctx)))[0]!;
}

export async function updateAction(ctx: ServiceContext, input: { id: string; rev: string; patch: PatchOf<typeof actionsTable> }): Promise<ActionView> {
  const a = await inWriteTransaction(ctx, async (trx, w) => {
    await checkRefs(trx, input.patch);
    const current = await actions.get(trx, input.id);
    await checkRecommendation(trx, { kind: input.patch.kind ?? current.kind, recommendationId: input.patch.recommendationId === undefined ? current.recommendationId : input.patch.recommendationId }, input.id);
    return actions.updateIn(trx, w, input);
  });
  return (await view(ctx.db, [a], serviceToday(ctx)))[0]!;
}

export async function deleteAction(ctx: ServiceContext, input: { id: string; rev: string }): Promise<ActionView> {
  const a = await actions.remove(ctx, input);
  return (await view(ctx.db, [a], serviceToday(ctx)))[0]!;
}

export async function getAction(ctx: ServiceContext, id: string): Promise<ActionView> {
  return (await view(ctx.db, [await actions.get(ctx.db, id)], serviceToday(ctx)))[0]!;
}

