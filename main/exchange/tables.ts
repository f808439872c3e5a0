/** Kysely types of the bundles tables (camelCase; see foundation.ts for the conventions). */
import type { Generated } from 'kysely';

export interface ContactsTable {
  id: string;
  name: string;
  kind: 'app' | 'age';
  ageRecipient: string;
  minisignPublicKey: string | null;
  fingerprint: string;
  verifiedAt: string | null;
  /** Why a partner is not (or no longer) verified, when it was not the user's own choice. */
  unverifiedReason: string | null;
  addedAt: string;
  removedAt: string | null;
  // The data-sharing agreement (migration 0013): all null until recorded.
  dsaReference: string | null;
  dsaParties: string | null;
  dsaPurpose: string | null;
  dsaLawfulBasis: string | null;
  /** YYYY-MM-DD, the last day it is current. */
  dsaExpiresOn: string | null;
  /** JSON array of what it permits (sensitivities and markings). */
  dsaPermits: string;
  dpiaReference: string | null;
  dsaUpdatedAt: string | null;
}

export interface BundleLogTable {
  id: string;
  at: string;
  direction: 'export' | 'import';
  bundleId: string;
  actor: string;
  counterpart: string;
  /** JSON array of fingerprints. */
  counterpartFingerprints: string;
  fileName: string;
  /** JSON object of counts. */
  counts: string;
  /** JSON array of scopes. */
  scope: string;
  /** JSON array of sensitivity decisions (export) — what left that would otherwise have stayed. */
  decisions: string;
  /** The highest marking of what went or came (migration 0013; null in older entries). */
  marking: string | null;
  /** JSON array: per partner, the DSA and DPIA references the exchange went under. */
  agreements: Generated<string>;
  /** JSON array of { label, count }: what was redacted, never the redacted text. */
  redactions: Generated<string>;
}

export interface BundleConflictsTable {
  id: string;
  tableName: string;
  recordId: string;
  localRev: string;
  remoteRev: string;
  remoteData: string;
  remoteHistory: string;
  bundleId: string;
  sender: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: 'mine' | 'theirs' | 'merged' | null;
  resolvedRev: string | null;
}

export interface BundlesTables {
  contacts: ContactsTable;
  bundleLog: BundleLogTable;
  bundleConflicts: BundleConflictsTable;
}
