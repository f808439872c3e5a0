import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Team working through a shared folder (main/team/). Nothing here is shared
 * with the team as such: these tables are this installation's bookkeeping of the folder — which
 * files it has applied, what it has written, who the members are — so that a sync can be
 * interrupted at any moment and resumed without losing or repeating a change.
 *
 *   team                  the team this pilot belongs to (at most one) and this installation's place in it
 *   team_events           membership events (create, add, remove, replace, profile), each signed by its author
 *   team_progress         per installation: the highest change file applied here (all below it are applied),
 *                         and the highest that another member says it has applied (decides a removed member's last file)
 *   team_applied          every change file and snapshot applied, by content, so a copy is never applied twice
 *   team_seen_files       folder paths already dealt with (not decrypted again on every sync)
 *   team_notes            files that could not be applied yet, and why (shown to the user, retried)
 *   team_outbox           our own change files: what each carries is fixed before it is written, so a
 *                         failed write is retried with the same content
 *   team_revision_origin  which installation published each record revision (and in which of our files)
 *   team_row_origin       the same for rows of append-only tables
 *   team_coverage         resolved conflicts: a revision superseded by the resolution that chose between versions
 *   team_blobs            attachments in the folder: the encrypted copy and its key
 *   team_watermarks       how far the revision log (and each append-only table) has been published
 *   team_sync_log         one line per sync (the team's own log; the partner exchange log is bundle_log)
 */
export const m0012_team: Migration = {
  version: 12,
  name: '0012_team',
  up(db) {
    db.exec(`
      CREATE TABLE team (
        id TEXT PRIMARY KEY NOT NULL,
        singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
        folder TEXT NOT NULL,
        installation_id TEXT NOT NULL CHECK (length(installation_id) = 16),
        founder_fingerprint TEXT NOT NULL,
        founder_age_recipient TEXT NOT NULL,
        founder_minisign_key TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        next_seq INTEGER NOT NULL DEFAULT 1,
        next_snapshot INTEGER NOT NULL DEFAULT 1,
        lamport INTEGER NOT NULL DEFAULT 0,
        changes_since_snapshot INTEGER NOT NULL DEFAULT 0,
        snapshot_roster TEXT NOT NULL DEFAULT '',
        last_snapshot_at TEXT,
        last_file_at TEXT,
        last_sync_at TEXT,
        last_sync TEXT
      ) STRICT;

      CREATE TABLE team_events (
        id TEXT PRIMARY KEY NOT NULL,
        lamport INTEGER NOT NULL,
        author TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('create','add','remove','replace','profile')),
        body TEXT NOT NULL,
        signature TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('local','received')),
        outbox_seq INTEGER
      ) STRICT;
      CREATE INDEX team_events_order ON team_events (lamport, author, id);

      CREATE TABLE team_progress (
        installation_id TEXT PRIMARY KEY NOT NULL,
        applied_seq INTEGER NOT NULL DEFAULT 0,
        acked_seq INTEGER NOT NULL DEFAULT 0,
        signer TEXT,
        lamport INTEGER NOT NULL DEFAULT 0,
        last_created_at TEXT,
        last_seen_at TEXT
      ) STRICT;

      CREATE TABLE team_applied (
        installation_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('change','snapshot')),
        seq INTEGER NOT NULL,
        body_sha256 TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        items INTEGER NOT NULL,
        PRIMARY KEY (installation_id, kind, seq, body_sha256)
      ) STRICT;

      CREATE TABLE team_seen_files (
        path TEXT PRIMARY KEY NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL
      ) STRICT;

      CREATE TABLE team_notes (
        path TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL,
        first_at TEXT NOT NULL,
        last_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1
      ) STRICT;

      CREATE TABLE team_outbox (
        seq INTEGER PRIMARY KEY NOT NULL,
        lamport INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        deps TEXT NOT NULL,
        recipients TEXT NOT NULL,
        items INTEGER NOT NULL,
        body_sha256 TEXT,
        file TEXT,
        written_at TEXT
      ) STRICT;

      CREATE TABLE team_revision_origin (
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        rev TEXT NOT NULL,
        installation_id TEXT NOT NULL,
        outbox_seq INTEGER,
        PRIMARY KEY (table_name, record_id, rev)
      ) STRICT;
      CREATE INDEX team_revision_origin_outbox ON team_revision_origin (outbox_seq) WHERE outbox_seq IS NOT NULL;

      CREATE TABLE team_row_origin (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        installation_id TEXT NOT NULL,
        outbox_seq INTEGER,
        PRIMARY KEY (table_name, row_id)
      ) STRICT;
      CREATE INDEX team_row_origin_outbox ON team_row_origin (outbox_seq) WHERE outbox_seq IS NOT NULL;

      CREATE TABLE team_coverage (
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        covered_rev TEXT NOT NULL,
        by_rev TEXT NOT NULL,
        choice TEXT NOT NULL CHECK (choice IN ('mine','theirs','merged')),
        installation_id TEXT NOT NULL,
        outbox_seq INTEGER,
        PRIMARY KEY (table_name, record_id, covered_rev, by_rev)
      ) STRICT;
      CREATE INDEX team_coverage_outbox ON team_coverage (outbox_seq) WHERE outbox_seq IS NOT NULL;

      CREATE TABLE team_blobs (
        sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
        file TEXT NOT NULL,
        key TEXT NOT NULL,
        size INTEGER NOT NULL,
        installation_id TEXT NOT NULL,
        outbox_seq INTEGER
      ) STRICT;
      CREATE INDEX team_blobs_outbox ON team_blobs (outbox_seq) WHERE outbox_seq IS NOT NULL;

      CREATE TABLE team_watermarks (
        name TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE team_sync_log (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok','unavailable','error')),
        summary TEXT NOT NULL
      ) STRICT;
      CREATE INDEX team_sync_log_at ON team_sync_log (at);
    `);
  },
};
