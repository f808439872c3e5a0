/** What other capabilities may read of the pilot set-up: typed functions, imported directly (never by method name). */
import type { Organisation, Pilot, PilotOverview } from '../../shared/domain/pilot';
import { BASE_MARKING, isMarking, type SecurityMarking } from '../../shared/domain/marking';
import { recordOps, type AnyDb, type WriteContext } from '../db/records';
import type { InsertOf } from '../db/recordSpec';
import { type ServiceContext } from '../core/context';
import * as tables from './records';
import { isDemo } from '../demo/queries';

const pilot = recordOps(tables.pilot);
const organisations = recordOps(tables.organisations);
const milestones = recordOps(tables.milestones);
const teamMembers = recordOps(tables.teamMembers);
const themes = recordOps(tables.themes);

export async function getPilot(ctx: ServiceContext): Promise<Pilot | null> {
  const row = await ctx.db.selectFrom('pilot').selectAll().where('deletedAt', 'is', null).orderBy('createdAt').executeTakeFirst();
  return row ? pilot.toDomain(row) : null;
}

/**
 * The marking new evidence gets unless someone chooses another: IT's default for this machine
 * (central policy) where set, else the pilot's default (OFFICIAL until the team changes it).
 * `db` may be a transaction, so a write reads it consistently.
 */
export async function defaultMarking(ctx: ServiceContext, db: AnyDb = ctx.db): Promise<SecurityMarking> {
  const managed = ctx.policy?.defaultSecurityMarking;
  if (managed) return managed;
  const row = (await db.selectFrom('pilot').select('defaultMarking').where('deletedAt', 'is', null).orderBy('createdAt').executeTakeFirst()) as { defaultMarking: string } | undefined;
  return isMarking(row?.defaultMarking) ? row.defaultMarking : BASE_MARKING;
}

export async function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  const rows = await ctx.db.selectFrom('organisations').selectAll().where('deletedAt', 'is', null).orderBy('name').execute();
  return rows.map(organisations.toDomain);
}

export async function pilotOverview(ctx: ServiceContext): Promise<PilotOverview> {
  return {
    pilot: await getPilot(ctx),
    milestones: (await ctx.db.selectFrom('milestones').selectAll().where('deletedAt', 'is', null).orderBy('dueDate').execute()).map(milestones.toDomain),
    organisations: await listOrganisations(ctx),
    teamMembers: (await ctx.db.selectFrom('teamMembers').selectAll().where('deletedAt', 'is', null).orderBy('name').execute()).map(teamMembers.toDomain),
    themes: (await ctx.db.selectFrom('themes').selectAll().where('deletedAt', 'is', null).orderBy('name').execute()).map(themes.toDomain),
    demo: await isDemo(ctx),
  };
}

/**
 * The one write other capabilities make to the set-up: an organisation named by an import (a
 * spend file's publisher), added inside the importer's own transaction.
 */
export const addOrganisationIn = (trx: AnyDb, w: WriteContext, data: InsertOf<typeof tables.organisations>): Promise<Organisation> =>
  organisations.insertIn(trx, w, data);
