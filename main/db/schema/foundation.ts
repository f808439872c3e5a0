/**
 * Kysely table types, written as kysely documents them: Selectable/Insertable/Updateable come
 * from these, nullable columns are `T | null` (never optional), and names are camelCase in code,
 * snake_case in SQL (CamelCasePlugin). Money is integer pence; dates are ISO text; booleans 0/1.
 */
import type { Insertable, Selectable } from 'kysely';

export interface RecordColumns {
  id: string;
  rev: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface RecordRevisionsTable {
  tableName: string;
  recordId: string;
  rev: string;
  parentRev: string | null;
  op: 'create' | 'update' | 'delete' | 'restore' | 'merge';
  actor: string;
  at: string;
  data: string;
}

export interface PilotTable extends RecordColumns {
  place: string;
  question: string;
  startDate: string | null;
  reportDeadline: string | null;
}

export interface MilestonesTable extends RecordColumns {
  title: string;
  dueDate: string;
  done: number;
}

export interface OrganisationsTable extends RecordColumns {
  name: string;
  type: string;
  notes: string | null;
}

export interface TeamMembersTable extends RecordColumns {
  name: string;
  organisationId: string | null;
  role: string | null;
  fte: number;
}

export interface ThemesTable extends RecordColumns {
  name: string;
  description: string | null;
}

export interface HypothesesTable extends RecordColumns {
  statement: string;
  themeId: string | null;
  ownerId: string | null;
  rationale: string | null;
  supportCriteria: string | null;
  refuteCriteria: string | null;
  status: string;
  dueDate: string | null;
  confidence: string | null;
}

export interface StatusChangesTable {
  id: string;
  hypothesisId: string;
  fromStatus: string | null;
  toStatus: string;
  actor: string;
  at: string;
  note: string | null;
}

export interface FoundationTables {
  meta: MetaTable;
  recordRevisions: RecordRevisionsTable;
  pilot: PilotTable;
  milestones: MilestonesTable;
  organisations: OrganisationsTable;
  teamMembers: TeamMembersTable;
  themes: ThemesTable;
  hypotheses: HypothesesTable;
  statusChanges: StatusChangesTable;
}

export type HypothesisRow = Selectable<HypothesesTable>;
export type NewRevision = Insertable<RecordRevisionsTable>;
