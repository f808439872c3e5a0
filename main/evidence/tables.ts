/** Kysely types of the evidence tables: record tables derived from records.ts, derived data declared here. */
import type { Generated } from 'kysely';
import type { TablesOf } from '../db/recordSpec';
import type { evidenceRecordTables } from './records';

/** Derived: text read from a blob for the search index, and what reading it came to (0010). */
export interface EvidenceBlobTextTable {
  sha256: string;
  text: string;
  truncated: number;
  status: Generated<'text' | 'empty' | 'unsupported' | 'failed' | 'timeout' | 'too_large'>;
  detail: string | null;
  /** EXTRACTOR_VERSION that read it: an upgrade that reads more kinds re-reads older rows. */
  extractor: Generated<number>;
}

/** Derived: an attachment's text after names in it were pseudonymised (its blob is shared and unchanged). */
export interface EvidenceAttachmentTextTable {
  attachmentId: string;
  text: string;
}

export interface EvidenceSearchRowsTable {
  rowId: number;
  evidenceId: string;
}

/** Derived (triggers): live item and quote links per hypothesis × rating × credibility × relevance. */
export interface EvidenceRatingCountsTable {
  hypothesisId: string;
  rating: string;
  credibility: string;
  relevance: string;
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
  evidenceAttachmentText: EvidenceAttachmentTextTable;
  evidenceSearchRows: EvidenceSearchRowsTable;
}
