import type { Selectable } from 'kysely';
import type { RecordColumns } from '../db/coreTables';

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

export interface HypothesesTables {
  hypotheses: HypothesesTable;
  statusChanges: StatusChangesTable;
}

export type HypothesisRow = Selectable<HypothesesTable>;
