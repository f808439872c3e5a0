/** Kysely types of the learning tables (camelCase; see foundation.ts for the conventions). */
import type { RecordColumns } from '../db/coreTables';

export interface BarriersTable extends RecordColumns {
  name: string;
  description: string | null;
}

export interface LearningEntriesTable extends RecordColumns {
  kind: string;
  title: string;
  whatHappened: string | null;
  why: string | null;
  doDifferently: string | null;
  author: string | null;
  occurredOn: string;
  themeId: string | null;
  /** JSON array of barrier ids. */
  barrierIds: string;
  sensitivity: string;
}

export interface LearningLinksTable extends RecordColumns {
  entryId: string;
  hypothesisId: string;
}

export interface ActionsTable extends RecordColumns {
  kind: string;
  title: string;
  description: string | null;
  organisationId: string | null;
  owner: string | null;
  dueDate: string | null;
  status: string;
  beyondPilot: number;
  /** JSON arrays of ids. */
  hypothesisIds: string;
  interventionIds: string;
  sensitivity: string;
}

export interface BenefitsTable extends RecordColumns {
  title: string;
  owner: string | null;
  organisationId: string | null;
  measure: string | null;
  target: string | null;
  fullYearPence: number;
  cashReleasing: number;
  startsOn: string | null;
  interventionId: string | null;
  notes: string | null;
}

export interface BenefitRealisationsTable extends RecordColumns {
  benefitId: string;
  realisedOn: string;
  realisedPence: number;
  note: string | null;
}

export interface LearningTables {
  barriers: BarriersTable;
  learningEntries: LearningEntriesTable;
  learningLinks: LearningLinksTable;
  actions: ActionsTable;
  benefits: BenefitsTable;
  benefitRealisations: BenefitRealisationsTable;
}
