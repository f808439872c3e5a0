/** What other capabilities may read of momentum (actions and benefits): typed functions, imported directly (never by method name). */
import { expectedByMonth, monthOf } from '../../shared/calc/benefits';
import { localToday } from '../../shared/calc/timetable';
import { LIVE_ACTION_STATUSES, type Action, type ActionFilter, type ActionView, type BenefitView, type Realisation } from '../../shared/domain/learning';
import { recordOps } from '../db/records';
import type { ServiceContext } from '../core/context';
import * as tables from './records';
import { estimateFigures } from '../estimates/queries';

const actions = recordOps(tables.actions);
const benefits = recordOps(tables.benefits);
const realisations = recordOps(tables.benefitRealisations);

type Db = ServiceContext['db'];

export function isOverdue(action: Pick<Action, 'status' | 'dueDate'>, today: string): boolean {
  return action.dueDate !== null && action.dueDate < today && LIVE_ACTION_STATUSES.includes(action.status);
}

/** "Today" for the pilot team: the local calendar day of the service clock (pinned in tests). */
export const serviceToday = (ctx: ServiceContext): string => localToday(ctx.now());


/** Overdue first, then by due date (undated last), then newest. */
export async function listActions(ctx: ServiceContext, filter: ActionFilter = {}): Promise<ActionView[]> {
  const today = serviceToday(ctx);
  let q = ctx.db.selectFrom('actions').selectAll().where('deletedAt', 'is', null);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.organisationId) q = q.where('organisationId', '=', filter.organisationId);
  if (filter.recommendationId) q = q.where('recommendationId', '=', filter.recommendationId);
  if (filter.owner) q = q.where('owner', 'like', `%${filter.owner.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.beyondPilot !== undefined) q = q.where('beyondPilot', '=', filter.beyondPilot ? 1 : 0);
  const rows = await q.orderBy('createdAt', 'desc').execute();
  let list = await view(ctx.db, rows.map(actions.toDomain), today);
  if (filter.overdue !== undefined) list = list.filter((a) => a.overdue === filter.overdue);
  return list.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || b.createdAt.localeCompare(a.createdAt),
  );
}

export async function listBenefits(ctx: ServiceContext): Promise<BenefitView[]> {
  const today = serviceToday(ctx);
  const rows = await ctx.db.selectFrom('benefits').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').execute();
  const realisations = await liveRealisations(ctx);
  const orgs = new Map((await ctx.db.selectFrom('organisations').select(['id', 'name']).execute()).map((o) => [o.id, o.name]));
  // Entries linked to an estimate take its figures as they are now, so the two never drift apart.
  const figures = rows.some((r) => r.interventionId) ? await estimateFigures(ctx) : new Map();
  return rows.map((r) => {
    const stored = benefits.toDomain(r);
    const linked = stored.interventionId ? figures.get(stored.interventionId) : undefined;
    const b = linked ? { ...stored, fullYearPence: linked.fullYearPence, cashReleasing: linked.cashReleasing } : stored;
    const mine = realisations.filter((x) => x.benefitId === b.id);
    return {
      ...b,
      organisationName: b.organisationId ? (orgs.get(b.organisationId) ?? null) : null,
      estimate: b.interventionId ? { name: linked?.name ?? 'an estimate no longer here', found: linked !== undefined } : null,
      realisations: mine,
      realisedToDatePence: mine.filter((x) => x.realisedOn <= today).reduce((s, x) => s + x.realisedPence, 0),
      expectedToDatePence: b.startsOn ? expectedByMonth(b.fullYearPence, b.startsOn, monthOf(today)) : null,
    };
  });
}

export async function view(db: Db, actions: Action[], today: string): Promise<ActionView[]> {
  const orgs = await db.selectFrom('organisations').select(['id', 'name']).execute();
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  const recIds = [...new Set(actions.map((a) => a.recommendationId).filter((id): id is string => id !== null))];
  const recs = recIds.length ? await db.selectFrom('actions').select(['id', 'title']).where('id', 'in', recIds).where('deletedAt', 'is', null).execute() : [];
  const titles = new Map(recs.map((r) => [r.id, r.title]));
  return actions.map((a) => ({
    ...a,
    organisationName: a.organisationId ? (names.get(a.organisationId) ?? null) : null,
    overdue: isOverdue(a, today),
    recommendationTitle: a.recommendationId ? (titles.get(a.recommendationId) ?? null) : null,
  }));
}

export async function liveRealisations(ctx: ServiceContext): Promise<Realisation[]> {
  const rows = await ctx.db
    .selectFrom('benefitRealisations')
    .innerJoin('benefits', 'benefits.id', 'benefitRealisations.benefitId')
    .selectAll('benefitRealisations')
    .where('benefitRealisations.deletedAt', 'is', null)
    .where('benefits.deletedAt', 'is', null)
    .orderBy('benefitRealisations.realisedOn')
    .orderBy('benefitRealisations.createdAt')
    .execute();
  return rows.map(realisations.toDomain);
}
