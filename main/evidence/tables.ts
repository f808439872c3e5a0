/** Kysely types of the evidence tables (camelCase; see foundation.ts for the conventions). */
import type { RecordColumns } from '../db/coreTables';

export interface EvidenceItemsTable extends RecordColumns {
  title: string;
  kind: string;
  summary: string | null;
  source: string | null;
  organisationId: string | null;
  observedOn: string | null;
  reportedOn: string | null;
  collectedBy: string | null;
  sensitivity: string;
  /** JSON text: an array of strings. */
  tags: string;
  citizenPerspective: number;
  themeId: string | null;
}

export interface EvidenceAttachmentsTable extends RecordColumns {
  evidenceId: string;
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
}

export interface EvidenceLinksTable extends RecordColumns {
  evidenceId: string;
  hypothesisId: string;
  rating: string;
  weight: string;
  note: string | null;
}

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

export interface EvidenceTables {
  evidenceRatingCounts: EvidenceRatingCountsTable;
  evidenceItemSpread: EvidenceItemSpreadTable;
  evidenceItems: EvidenceItemsTable;
  evidenceAttachments: EvidenceAttachmentsTable;
  evidenceLinks: EvidenceLinksTable;
  evidenceBlobText: EvidenceBlobTextTable;
  evidenceSearchRows: EvidenceSearchRowsTable;
}
