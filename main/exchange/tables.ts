/** Kysely types of the bundles tables (camelCase; see foundation.ts for the conventions). */

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
