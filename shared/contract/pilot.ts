import { z } from 'zod';
import { ByIdRev, Id, UpdateOf } from '../domain/common';
import { DEPENDED_ON_TABLES, MilestoneFields, MilestoneInput, OrganisationFields, OrganisationInput, PilotInput, TeamMemberFields, TeamMemberInput, ThemeFields, ThemeInput, type Dependents, type Milestone, type Organisation, type Pilot, type PilotOverview, type TeamMember, type Theme } from '../domain/pilot';
import { command, query } from './define';

// Pilot set-up: the place, its question and timetable, organisations, team and themes.
export const pilotContract = {
  'pilot.overview': query<PilotOverview>()(z.object({}).default({})),
  /** Creates the pilot the first time, updates it after (rev required then). */
  'pilot.save': command<Pilot>()(z.object({ rev: z.string().nullish(), pilot: PilotInput })),
  'milestone.add': command<Milestone>()(MilestoneInput),
  'milestone.update': command<Milestone>()(UpdateOf(MilestoneFields)),
  'milestone.delete': command<Milestone>()(ByIdRev),
  'organisation.list': query<Organisation[]>()(z.object({}).default({})),
  'organisation.add': command<Organisation>()(OrganisationInput),
  'organisation.update': command<Organisation>()(UpdateOf(OrganisationFields)),
  'organisation.delete': command<Organisation>()(ByIdRev),
  'teamMember.add': command<TeamMember>()(TeamMemberInput),
  'teamMember.update': command<TeamMember>()(UpdateOf(TeamMemberFields)),
  'teamMember.delete': command<TeamMember>()(ByIdRev),
  'theme.add': command<Theme>()(ThemeInput),
  'theme.update': command<Theme>()(UpdateOf(ThemeFields)),
  'theme.delete': command<Theme>()(ByIdRev),
  /** What refers to a theme, organisation or team member: asked before deleting it. */
  'pilot.dependents': query<Dependents>()(z.object({ table: z.enum(DEPENDED_ON_TABLES), id: Id })),
};
