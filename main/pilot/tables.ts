import type { RecordColumns } from '../db/coreTables';

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

export interface PilotTables {
  pilot: PilotTable;
  milestones: MilestonesTable;
  organisations: OrganisationsTable;
  teamMembers: TeamMembersTable;
  themes: ThemesTable;
}
