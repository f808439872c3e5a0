import type { pilotContract } from '../../shared/contract/pilot';
import type { Handlers } from '../core/handlers';
import { milestones, organisations, savePilot, teamMembers, themes } from './service';
import { listOrganisations, pilotOverview } from './queries';
import { dependentsOf } from '../records/queries';

export const pilotHandlers: Handlers<typeof pilotContract> = {
  'pilot.overview': (ctx) => pilotOverview(ctx),
  'pilot.save': (ctx, i) => savePilot(ctx, i),
  'milestone.add': (ctx, i) => milestones.add(ctx, i),
  'milestone.update': (ctx, i) => milestones.update(ctx, i),
  'milestone.delete': (ctx, i) => milestones.remove(ctx, i),
  'organisation.list': (ctx) => listOrganisations(ctx),
  'organisation.add': (ctx, i) => organisations.add(ctx, i),
  'organisation.update': (ctx, i) => organisations.update(ctx, i),
  'organisation.delete': (ctx, i) => organisations.remove(ctx, i),
  'teamMember.add': (ctx, i) => teamMembers.add(ctx, i),
  'teamMember.update': (ctx, i) => teamMembers.update(ctx, i),
  'teamMember.delete': (ctx, i) => teamMembers.remove(ctx, i),
  'theme.add': (ctx, i) => themes.add(ctx, i),
  'theme.update': (ctx, i) => themes.update(ctx, i),
  'theme.delete': (ctx, i) => themes.remove(ctx, i),
  'pilot.dependents': (ctx, i) => dependentsOf(ctx, i.table, i.id),
};
