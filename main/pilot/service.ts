import type { Milestone, Organisation, Pilot, TeamMember, Theme } from '../../shared/domain/pilot';
import type { PilotInput } from '../../shared/domain/pilot';
import { AppError } from '../../shared/errors';
import { insertRecord, updateRecord } from '../db/records';
import { writeContext, type ServiceContext } from '../core/context';
import { simpleRecordService } from '../core/crud';
import { listOrganisations } from './queries';
export const milestones = simpleRecordService<Milestone>('milestones');
export const organisations = simpleRecordService<Organisation>('organisations');
export const teamMembers = simpleRecordService<TeamMember>('teamMembers');
export const themes = simpleRecordService<Theme>('themes');


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


/** Finds a live organisation by name (case-insensitive), or adds it: used by imports naming a body. */
export async function ensureOrganisation(ctx: ServiceContext, name: string, type: Organisation['type'] = 'other'): Promise<Organisation> {
  const existing = (await listOrganisations(ctx)).find((o) => o.name.toLowerCase() === name.trim().toLowerCase());
  return existing ?? organisations.add(ctx, { name: name.trim(), type, notes: null });
}

