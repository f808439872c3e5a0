import type { pilotContract } from '../../../shared/contract/pilot';
import { listOrganisations, milestones, organisations, pilotOverview, savePilot, teamMembers, themes } from '../../services/pilot';
import { listRecycleBin, recordHistory, restoreFromRecycleBin } from '../../services/recycleBin';
import type { Handlers } from './types';

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
  'record.history': (ctx, i) => recordHistory(ctx, i),
  'recycleBin.list': (ctx) => listRecycleBin(ctx),
  'recycleBin.restore': (ctx, i) => restoreFromRecycleBin(ctx, i),
};
