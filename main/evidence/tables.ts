/** Kysely types of the evidence tables: record tables derived from records.ts, derived data declared here. */
import type { TablesOf } from '../db/recordSpec';
import type { evidenceRecordTables } from './records';

/** Derived: text read from a text-like blob, for the search index. */
export interface EvidenceBlobTextTable {
  sha256: string;
  text: string;
  truncated: number;
}

export interface EvidenceSearchRowsTable {
  rowId: number;
  evidenceId: string;
}

/** Derived (triggers): live links per hypothesis × rating × weight. */
export interface EvidenceRatingCountsTable {
  hypothesisId: string;
  rating: string;
  weight: string;
  n: number;
  citizen: number;
}

/** Derived (triggers): each item's rating spread across live hypotheses. */
export interface EvidenceItemSpreadTable {
  evidenceId: string;
  diagnosticity: number;
  linked: number;
}

export interface EvidenceTables extends TablesOf<typeof evidenceRecordTables> {
  evidenceRatingCounts: EvidenceRatingCountsTable;
  evidenceItemSpread: EvidenceItemSpreadTable;
  evidenceBlobText: EvidenceBlobTextTable;
  evidenceSearchRows: EvidenceSearchRowsTable;
}
