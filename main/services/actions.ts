/**
 * Recommendations and actions: the momentum after the pilot. An action is overdue when it is
 * still open or in progress and its due date is before today (due today is not overdue yet).
 */
import { localToday } from '../../shared/calc/timetable';
import type { RecordMeta } from '../../shared/domain/common';
import { LIVE_ACTION_STATUSES, type Action, type ActionFilter, type ActionView } from '../../shared/domain/learning';
import { AppError } from '../api/errors';
import { getRow, insertRecord, softDeleteRecord, toDomain, updateRecord } from '../db/records';
import { writeContext, type ServiceContext } from './context';

export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: string): boolean {
  return action.dueDate !== null && action.dueDate < today && LIVE_ACTION_STATUSES.includes(action.status);
}

/** "Today" for the pilot team: the local calendar day of the service clock (pinned in tests). */
export const serviceToday = (ctx: ServiceContext): string => localToday(ctx.now());

type Db = ServiceContext['db'];

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

async function view(db: Db, actions: Action[], today: string): Promise<ActionView[]> {
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).execute();
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return actions.map((a) => ({ ...a, organisationName: a.organisationId ? (names.get(a.organisationId) ?? null) : null, overdue: isOverdue(a, today) }));
}

export async function addAction(ctx: ServiceContext, input: Omit<Action, keyof RecordMeta>): Promise<ActionView> {
  const w = await writeContext(ctx);
  const a = await ctx.db.transaction().execute(async (trx) => {
    await checkRefs(trx, input);
    return insertRecord<Action>(trx, 'actions', input, w);
  });
  return (await view(ctx.db, [a], serviceToday(ctx)))[0]!;
}

export async function updateAction(ctx: ServiceContext, input: { id: string; rev: string; patch: Partial<Action> }): Promise<ActionView> {
  const w = await writeContext(ctx);
  const a = await ctx.db.transaction().execute(async (trx) => {
    await checkRefs(trx, input.patch);
    return updateRecord<Action>(trx, 'actions', input.id, input.rev, input.patch, w);
  });
  return (await view(ctx.db, [a], serviceToday(ctx)))[0]!;
}

export async function deleteAction(ctx: ServiceContext, input: { id: string; rev: string }): Promise<ActionView> {
  const w = await writeContext(ctx);
  const a = await ctx.db.transaction().execute((trx) => softDeleteRecord<Action>(trx, 'actions', input.id, input.rev, w));
  return (await view(ctx.db, [a], serviceToday(ctx)))[0]!;
}

export async function getAction(ctx: ServiceContext, id: string): Promise<ActionView> {
  return (await view(ctx.db, [toDomain<Action>('actions', await getRow(ctx.db, 'actions', id))], serviceToday(ctx)))[0]!;
}

/** Overdue first, then by due date (undated last), then newest. */
export async function listActions(ctx: ServiceContext, filter: ActionFilter = {}): Promise<ActionView[]> {
  const today = serviceToday(ctx);
  let q = ctx.db.selectFrom('actions').selectAll().where('deletedAt', 'is', null);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.organisationId) q = q.where('organisationId', '=', filter.organisationId);
  if (filter.owner) q = q.where('owner', 'like', `%${filter.owner.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.beyondPilot !== undefined) q = q.where('beyondPilot', '=', filter.beyondPilot ? 1 : 0);
  const rows = await q.orderBy('createdAt', 'desc').execute();
  let list = await view(ctx.db, rows.map((r) => toDomain<Action>('actions', r)), today);
  if (filter.overdue !== undefined) list = list.filter((a) => a.overdue === filter.overdue);
  return list.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || b.createdAt.localeCompare(a.createdAt),
  );
}
