/**
 * This installation's view of its team: the team row, the roster folded from the membership
 * events, and how far each installation's change files have been applied here.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { groupFingerprint } from '../bundle/cards';
import type { ServiceContext } from '../core/context';
import { foldRoster, type Founder, type Roster } from './events';
import type { TeamTable } from './tables';
import { sql } from './statements';

export async function loadTeam(ctx: ServiceContext): Promise<TeamTable | undefined> {
  return ctx.db.selectFrom('team').selectAll().executeTakeFirst();
}

export async function requireTeam(ctx: ServiceContext): Promise<TeamTable> {
  const t = await loadTeam(ctx);
  if (!t) throw new AppError('REFUSED', 'This pilot is not in a team yet. Create a team, or join a team folder, first.');
  return t;
}

export const founderOf = (t: TeamTable): Founder => ({ fingerprint: t.founderFingerprint, ageRecipient: t.founderAgeRecipient, minisignPublicKey: t.founderMinisignKey });

export async function rosterOf(ctx: ServiceContext, t: TeamTable): Promise<Roster> {
  const events = await ctx.db.selectFrom('teamEvents').select(['body', 'signature']).execute();
  return foldRoster(t.id, founderOf(t), events);
}

export function rosterOfSync(sqlite: BetterSqlite3.Database, t: TeamTable): Roster {
  const events = sql(sqlite, 'SELECT body, signature FROM team_events').all() as { body: string; signature: string }[];
  return foldRoster(t.id, founderOf(t), events);
}

/** {installation: highest change file applied here}. */
export async function progressVector(ctx: ServiceContext): Promise<Record<string, number>> {
  const rows = await ctx.db.selectFrom('teamProgress').select(['installationId', 'appliedSeq']).execute();
  return Object.fromEntries(rows.filter((r) => r.appliedSeq > 0).map((r) => [r.installationId, r.appliedSeq]));
}

/** Runs synchronous work on the raw connection inside one transaction that nothing else can interleave with. */
export async function exclusive<T>(ctx: ServiceContext, work: (sqlite: BetterSqlite3.Database) => T): Promise<T> {
  return ctx.db.transaction().execute(async () => work(ctx.sqlite));
}

export const grouped = groupFingerprint;
