import type { Milestone, Organisation, Pilot, PilotOverview, TeamMember, Theme } from '../../shared/domain/pilot';
import type { PilotInput } from '../../shared/domain/pilot';
import { AppError } from '../api/errors';
import { insertRecord, toDomain, updateRecord } from '../db/records';
import { writeContext, type ServiceContext } from './context';
import { simpleRecordService } from './crud';

export const milestones = simpleRecordService<Milestone>('milestones');
export const organisations = simpleRecordService<Organisation>('organisations');
export const teamMembers = simpleRecordService<TeamMember>('teamMembers');
export const themes = simpleRecordService<Theme>('themes');

export async function getPilot(ctx: ServiceContext): Promise<Pilot | null> {
  const row = await ctx.db.selectFrom('pilot').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').executeTakeFirst();
  return row ? toDomain<Pilot>('pilot', row) : null;
}

/** One pilot per database: created by the first save, updated (with its revision) after. */
export async function savePilot(ctx: ServiceContext, input: { rev?: string | null; pilot: PilotInput }): Promise<Pilot> {
  const w = await writeContext(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('pilot').select(['id', 'rev']).where('deletedAt', 'is', null).executeTakeFirst();
    if (!existing) return insertRecord<Pilot>(trx, 'pilot', input.pilot, w);
    if (!input.rev) throw new AppError('CONFLICT', 'A pilot is already set up here; reload and edit it instead.');
    return updateRecord<Pilot>(trx, 'pilot', existing.id, input.rev, input.pilot, w);
  });
}

export async function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  const rows = await ctx.db.selectFrom('organisations').selectAll().where('deletedAt', 'is', null).orderBy('name').execute();
  return rows.map((r) => toDomain<Organisation>('organisations', r));
}

/** Finds a live organisation by name (case-insensitive), or adds it: used by imports naming a body. */
export async function ensureOrganisation(ctx: ServiceContext, name: string, type: Organisation['type'] = 'other'): Promise<Organisation> {
  const existing = (await listOrganisations(ctx)).find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
  return existing ?? organisations.add(ctx, { name: name.trim(), type, notes: null });
}

export async function pilotOverview(ctx: ServiceContext): Promise<PilotOverview> {
  const live = <T>(table: 'milestones' | 'teamMembers' | 'themes', order: 'dueDate' | 'name') =>
    ctx.db
      .selectFrom(table)
      .selectAll()
      .where('deletedAt', 'is', null)
      .orderBy(order as never)
      .execute()
      .then((rows) => rows.map((r) => toDomain<T>(table, r as Record<string, unknown>)));
  return {
    pilot: await getPilot(ctx),
    milestones: await live<Milestone>('milestones', 'dueDate'),
    organisations: await listOrganisations(ctx),
    teamMembers: await live<TeamMember>('teamMembers', 'name'),
    themes: await live<Theme>('themes', 'name'),
  };
}
