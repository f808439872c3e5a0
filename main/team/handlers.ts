import type { teamContract } from '../../shared/contract/team';
import type { Handlers } from '../core/handlers';
import { stateSummary } from './canonical';
import { teamConflicts } from './conflicts';
import { assignedToMe, getMe, setMe } from './me';
import { addMember, createTeam, joinTeam, memberCard, removeMember, teamStatus } from './service';
import { syncTeam } from './sync';

export const teamHandlers: Handlers<typeof teamContract> = {
  'team.status': (ctx) => teamStatus(ctx),
  'team.create': (ctx, i) => createTeam(ctx, i),
  'team.join': (ctx, i) => joinTeam(ctx, i),
  'team.addMember': (ctx, i) => addMember(ctx, i),
  'team.removeMember': (ctx, i) => removeMember(ctx, i),
  'team.sync': (ctx) => syncTeam(ctx),
  'team.conflicts': (ctx) => teamConflicts(ctx),
  'team.card': (ctx) => memberCard(ctx),
  'team.stateHash': async (ctx) => stateSummary(ctx.sqlite),
  'me.get': (ctx) => getMe(ctx),
  'me.set': (ctx, i) => setMe(ctx, i),
  'me.assigned': (ctx) => assignedToMe(ctx),
};
