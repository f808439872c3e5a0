/** What other capabilities may read of the pilot set-up: typed functions, imported directly (never by method name). */
import type { Milestone, Organisation, Pilot, PilotOverview, TeamMember, Theme } from '../../shared/domain/pilot';
import { toDomain } from '../db/records';
import { type ServiceContext } from '../core/context';

export async function getPilot(ctx: ServiceContext): Promise<Pilot | null> {
  const row = await ctx.db.selectFrom('pilot').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').executeTakeFirst();
  return row ? toDomain<Pilot>('pilot', row) : null;
}

export async function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  const rows = await ctx.db.selectFrom('organisations').selectAll().where('deletedAt', 'is', null).orderBy('name').execute();
  return rows.map((r) => toDomain<Organisation>('organisations', r));
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
