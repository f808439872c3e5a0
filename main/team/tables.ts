/** Kysely types of the team-sync tables (migration 0012): this installation's bookkeeping of the team folder. */

export interface TeamTable {
  id: string;
  singleton: number;
  folder: string;
  installationId: string;
  founderFingerprint: string;
  founderAgeRecipient: string;
  founderMinisignKey: string;
  joinedAt: string;
  nextSeq: number;
  nextSnapshot: number;
  lamport: number;
  changesSinceSnapshot: number;
  /** Sorted fingerprints of the members the last snapshot was encrypted to, comma-separated. */
  snapshotRoster: string;
  lastSnapshotAt: string | null;
  lastFileAt: string | null;
  lastSyncAt: string | null;
  /** JSON of the last SyncResult. */
  lastSync: string | null;
}

export interface TeamEventsTable {
  id: string;
  lamport: number;
  author: string;
  kind: 'create' | 'add' | 'remove' | 'replace' | 'profile';
  /** The event as signed (JSON text). */
  body: string;
  signature: string;
  origin: 'local' | 'received';
  outboxSeq: number | null;
}

export interface TeamProgressTable {
  installationId: string;
  appliedSeq: number;
  /** The highest of its change files another installation said it had applied. */
  ackedSeq: number;
  signer: string | null;
  lamport: number;
  lastCreatedAt: string | null;
  lastSeenAt: string | null;
}

export interface TeamAppliedTable {
  installationId: string;
  kind: 'change' | 'snapshot';
  seq: number;
  bodySha256: string;
  appliedAt: string;
  items: number;
}

export interface TeamSeenFilesTable {
  path: string;
  size: number;
  mtimeMs: number;
  outcome: string;
}

export interface TeamNotesTable {
  path: string;
  kind: string;
  message: string;
  firstAt: string;
  lastAt: string;
  attempts: number;
}

export interface TeamOutboxTable {
  seq: number;
  lamport: number;
  createdAt: string;
  /** JSON {installationId: seq}: what had been applied here when it was made. */
  deps: string;
  /** JSON [fingerprint]: the members it is encrypted to. */
  recipients: string;
  items: number;
  bodySha256: string | null;
  file: string | null;
  writtenAt: string | null;
}

export interface TeamRevisionOriginTable {
  tableName: string;
  recordId: string;
  rev: string;
  installationId: string;
  outboxSeq: number | null;
}

export interface TeamRowOriginTable {
  tableName: string;
  rowId: string;
  installationId: string;
  outboxSeq: number | null;
}

export interface TeamCoverageTable {
  tableName: string;
  recordId: string;
  coveredRev: string;
  byRev: string;
  choice: 'mine' | 'theirs' | 'merged';
  installationId: string;
  outboxSeq: number | null;
}

export interface TeamBlobsTable {
  sha256: string;
  file: string;
  key: string;
  size: number;
  installationId: string;
  outboxSeq: number | null;
}

export interface TeamWatermarksTable {
  name: string;
  value: number;
}

export interface TeamSyncLogTable {
  id: string;
  at: string;
  actor: string;
  outcome: 'ok' | 'unavailable' | 'error';
  /** JSON of the counts. */
  summary: string;
}

export interface TeamTables {
  team: TeamTable;
  teamEvents: TeamEventsTable;
  teamProgress: TeamProgressTable;
  teamApplied: TeamAppliedTable;
  teamSeenFiles: TeamSeenFilesTable;
  teamNotes: TeamNotesTable;
  teamOutbox: TeamOutboxTable;
  teamRevisionOrigin: TeamRevisionOriginTable;
  teamRowOrigin: TeamRowOriginTable;
  teamCoverage: TeamCoverageTable;
  teamBlobs: TeamBlobsTable;
  teamWatermarks: TeamWatermarksTable;
  teamSyncLog: TeamSyncLogTable;
}
