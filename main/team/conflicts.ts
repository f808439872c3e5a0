/**
 * Conflicts between members: the records two members changed at the same time, both versions kept
 * (main/team/apply.ts). Listed and resolved with the exchange's own conflict code; shown here with
 * the names of the members who made each version.
 */
import type { TeamConflictView } from '../../shared/domain/team';
import { loadIdentity } from '../bundle/identity';
import { currentActor, type ServiceContext } from '../core/context';
import { listConflicts } from '../exchange/queries';
import { memberOfInstallation } from './events';
import { loadTeam, rosterOf } from './state';

export async function teamConflicts(ctx: ServiceContext): Promise<TeamConflictView[]> {
  const team = await loadTeam(ctx);
  if (!team) return [];
  const roster = await rosterOf(ctx, team);
  const identity = await loadIdentity(ctx);
  const me = roster.members.get(identity.fingerprint)?.name ?? (await currentActor(ctx));
  const conflicts = await listConflicts(ctx, { includeResolved: false, source: 'team' });
  const by = async (table: string, id: string, rev: string): Promise<string> => {
    const origin = await ctx.db.selectFrom('teamRevisionOrigin').select('installationId').where('tableName', '=', table).where('recordId', '=', id).where('rev', '=', rev).executeTakeFirst();
    if (!origin || origin.installationId === team.installationId) {
      if (!origin) {
        const r = await ctx.db.selectFrom('recordRevisions').select('actor').where('tableName', '=', table).where('recordId', '=', id).where('rev', '=', rev).executeTakeFirst();
        if (r) return r.actor;
      }
      return me;
    }
    return memberOfInstallation(roster, origin.installationId)?.name ?? 'a former member';
  };
  const out: TeamConflictView[] = [];
  for (const c of conflicts) out.push({ ...c, shownBy: await by(c.table, c.recordId, c.localRev), otherBy: await by(c.table, c.recordId, c.remoteRev) });
  return out;
}
