/**
 * The pilot set-up's versioned record tables, each declared once: columns, domain rules (from
 * shared/domain/pilot) and bundle shape all derive from these definitions. In dependency order.
 */
import { MilestoneFields, OrganisationFields, PilotInput, TeamMemberFields, ThemeFields } from '../../shared/domain/pilot';
import { Marking } from '../../shared/domain/marking';
import { boolean, real, ref, text } from '../db/columns';
import { defineRecordTable, labelFrom } from '../db/recordSpec';

const PilotFields = PilotInput.shape;

export const pilot = defineRecordTable({
  table: 'pilot',
  noun: 'Pilot',
  scope: 'setup',
  columns: {
    place: text(PilotFields.place),
    question: text(PilotFields.question),
    startDate: text(PilotFields.startDate).nullable(),
    reportDeadline: text(PilotFields.reportDeadline).nullable(),
    // Added by migration 0013: the marking new evidence gets unless someone chooses another.
    defaultMarking: text(Marking).defaulted(),
  },
  label: labelFrom('place'),
});

export const milestones = defineRecordTable({
  table: 'milestones',
  noun: 'Milestone',
  scope: 'setup',
  columns: {
    title: text(MilestoneFields.title),
    dueDate: text(MilestoneFields.dueDate),
    done: boolean().defaulted(),
  },
  label: labelFrom('title'),
});

export const organisations = defineRecordTable({
  table: 'organisations',
  noun: 'Organisation',
  scope: 'setup',
  columns: {
    name: text(OrganisationFields.name),
    type: text(OrganisationFields.type),
    notes: text(OrganisationFields.notes).nullable(),
  },
  label: labelFrom('name'),
});

export const teamMembers = defineRecordTable({
  table: 'teamMembers',
  noun: 'Team member',
  scope: 'setup',
  columns: {
    name: text(TeamMemberFields.name),
    organisationId: ref('organisations').nullable(),
    role: text(TeamMemberFields.role).nullable(),
    fte: real(TeamMemberFields.fte).defaulted(),
  },
  label: labelFrom('name'),
});

export const themes = defineRecordTable({
  table: 'themes',
  noun: 'Theme',
  scope: 'setup',
  columns: {
    name: text(ThemeFields.name),
    description: text(ThemeFields.description).nullable(),
  },
  label: labelFrom('name'),
});

/** In dependency order: a table comes after the tables it refers to. */
export const pilotRecordTables = [pilot, milestones, organisations, teamMembers, themes] as const;
