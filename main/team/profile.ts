/**
 * Membership events made on this laptop, and the member's own name and organisation as they set it
 * (the first-run question, Set-up → You), published to the team as a signed profile event.
 */
import { loadIdentity, type Identity } from '../bundle/identity';
import { currentActor, type ServiceContext } from '../core/context';
import { signEvent, type EventDraft, type TeamEvent } from './events';
import { exclusive, loadTeam, rosterOf } from './state';
import { sql } from './statements';
import type { TeamTable } from './tables';

export async function myProfile(ctx: ServiceContext): Promise<{ name: string; organisation: string | null }> {
  const org = await ctx.db.selectFrom('meta').select('value').where('key', '=', 'homeOrganisation').executeTakeFirst();
  return { name: await currentActor(ctx), organisation: org?.value ?? null };
}

/** Records a membership event made here (published with the next change file). */
export async function addEvent(ctx: ServiceContext, team: TeamTable, identity: Identity, draft: EventDraft): Promise<TeamEvent> {
  const at = ctx.now().toISOString();
  return exclusive(ctx, (sqlite) => {
    const lamport = (sql(sqlite, 'SELECT lamport FROM team').get() as { lamport: number }).lamport + 1;
    const e = signEvent(identity, team.id, lamport, at, draft);
    sql(sqlite, "INSERT INTO team_events (id, lamport, author, kind, body, signature, origin) VALUES (?, ?, ?, ?, ?, ?, 'local')").run(e.event.id, lamport, identity.fingerprint, e.event.kind, e.body, e.signature);
    sql(sqlite, 'UPDATE team SET lamport = ?').run(lamport);
    return e.event;
  });
}

/** A member's own name and organisation, as they set it (Set-up → You, or the first-run question). */
export async function publishProfile(ctx: ServiceContext, profile: { name: string; organisation: string | null }): Promise<void> {
  const team = await loadTeam(ctx);
  if (!team) return;
  const identity = await loadIdentity(ctx);
  const roster = await rosterOf(ctx, team);
  const me = roster.members.get(identity.fingerprint);
  if (!me || me.status !== 'active' || (me.name === profile.name && me.organisation === profile.organisation)) return;
  await addEvent(ctx, team, identity, { kind: 'profile', name: profile.name, organisation: profile.organisation });
}

