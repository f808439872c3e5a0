import { z } from 'zod';
import { Marking, type SecurityMarking } from './marking';
import { Id, IsoDate, OptionalDate, OptionalText, RequiredText, type RecordMeta } from './common';

export const ORGANISATION_TYPES = ['council', 'nhs', 'police', 'fire', 'dwp', 'voluntary', 'other'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  council: 'Council',
  nhs: 'NHS',
  police: 'Police',
  fire: 'Fire and rescue',
  dwp: 'DWP / Jobcentre Plus',
  voluntary: 'Voluntary sector',
  other: 'Other',
};

export const PilotInput = z
  .object({
    place: RequiredText('The place', 200),
    question: RequiredText('The question', 1000),
    startDate: OptionalDate,
    reportDeadline: OptionalDate,
    /** What new evidence is marked unless someone chooses otherwise. Left out: unchanged (OFFICIAL at first). */
    defaultMarking: Marking.optional(),
  })
  .refine((p) => !p.startDate || !p.reportDeadline || p.startDate <= p.reportDeadline, {
    message: 'The report deadline must be on or after the start date',
    path: ['reportDeadline'],
  });
export type PilotInput = z.input<typeof PilotInput>;
export interface Pilot extends RecordMeta {
  place: string;
  question: string;
  startDate: string | null;
  reportDeadline: string | null;
  defaultMarking: SecurityMarking;
}

export const DEFAULT_QUESTION =
  'How can we secure improved outcomes at less cost through whole-scale organisational and cultural change?';

export const MilestoneFields = {
  title: RequiredText('The milestone title', 200),
  dueDate: IsoDate,
  done: z.boolean().default(false),
};
export const MilestoneInput = z.object(MilestoneFields);
export interface Milestone extends RecordMeta {
  title: string;
  dueDate: string;
  done: boolean;
}

export const OrganisationFields = {
  name: RequiredText('The organisation name', 200),
  type: z.enum(ORGANISATION_TYPES, { error: 'Choose the type of organisation' }),
  notes: OptionalText(),
};
export const OrganisationInput = z.object(OrganisationFields);
export interface Organisation extends RecordMeta {
  name: string;
  type: OrganisationType;
  notes: string | null;
}

/** A secondment is a share of one full-time post: 0 to 1.0. */
export const MAX_FTE = 1;

export const TeamMemberFields = {
  name: RequiredText('The name', 200),
  organisationId: Id.nullish().transform((v) => v ?? null),
  role: OptionalText(200),
  fte: z
    .number({ error: 'Seconded FTE must be a number' })
    .min(0, 'Seconded FTE cannot be negative')
    .max(MAX_FTE, 'Seconded FTE is at most 1.0 (full time)')
    .default(1),
};
export const TeamMemberInput = z.object(TeamMemberFields);
export interface TeamMember extends RecordMeta {
  name: string;
  organisationId: string | null;
  role: string | null;
  fte: number;
}

export const ThemeFields = {
  name: RequiredText('The theme name', 200),
  description: OptionalText(),
};
export const ThemeInput = z.object(ThemeFields);
export interface Theme extends RecordMeta {
  name: string;
  description: string | null;
}

/** The overview the set-up page and the dashboard read in one call. */
export interface PilotOverview {
  pilot: Pilot | null;
  milestones: Milestone[];
  organisations: Organisation[];
  teamMembers: TeamMember[];
  themes: Theme[];
  /** The pilot is the invented demo (`tpw demo`, or "Explore a demo pilot"): pages say so. */
  demo?: boolean;
}

/** Set-up records `pilot.dependents` answers for (`record.dependents` answers for any record). */
export const DEPENDED_ON_TABLES = ['themes', 'organisations', 'teamMembers'] as const;
export type DependedOnTable = (typeof DEPENDED_ON_TABLES)[number];

/**
 * What uses one set-up record: live records that refer to it, by kind ("3 hypotheses"), and the
 * spend classified to it (a theme) or imported for it (an organisation). Empty: nothing uses it.
 */
export interface Dependents {
  items: { table: string; singular: string; plural: string; count: number }[];
  spendPence: number;
  spendRows: number;
}
