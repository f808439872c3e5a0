/** Kysely types of the privacy tables (migration 0014): the tombstones travel; the rest is this installation's own. */
import type { ErasureLogEntry } from '../../shared/domain/privacy';
import type { TablesOf } from '../db/recordSpec';
import type { erasureTombstones } from './records';

/** As the domain's log entry, with `counts` stored as JSON text. */
export type ErasureLogTable = Omit<ErasureLogEntry, 'counts'> & { counts: string };

export interface RetentionRulesTable {
  sensitivity: 'public' | 'partners' | 'team' | 'personal';
  months: number | null;
  updatedAt: string;
  updatedBy: string;
}

export interface RetentionReviewsTable {
  evidenceId: string;
  reviewOn: string | null;
  decision: 'keep' | 'anonymise' | null;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
}

export interface SarLogTable {
  id: string;
  at: string;
  actor: string;
  reference: string | null;
  querySha256: string;
  matches: number;
  exportedTo: string | null;
}

export interface PrivacyTables extends TablesOf<readonly [typeof erasureTombstones]> {
  erasureLog: ErasureLogTable;
  retentionRules: RetentionRulesTable;
  retentionReviews: RetentionReviewsTable;
  sarLog: SarLogTable;
}
