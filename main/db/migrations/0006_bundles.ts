import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. The bundles tables. None of them are versioned records: the partner
 * directory, the exchange log and open conflicts belong to this installation and never travel.
 */
export const m0006_bundles: Migration = {
  version: 6,
  name: '0006_bundles',
  up(db) {
    db.exec(`
      CREATE TABLE contacts (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('app','age')),
        age_recipient TEXT NOT NULL,
        minisign_public_key TEXT,
        fingerprint TEXT NOT NULL,
        verified_at TEXT,
        added_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX contacts_live_fingerprint ON contacts (fingerprint) WHERE removed_at IS NULL;
      CREATE UNIQUE INDEX contacts_live_name ON contacts (lower(name)) WHERE removed_at IS NULL;

      CREATE TABLE bundle_log (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('export','import')),
        bundle_id TEXT NOT NULL,
        actor TEXT NOT NULL,
        counterpart TEXT NOT NULL,
        counterpart_fingerprints TEXT NOT NULL,
        file_name TEXT NOT NULL,
        counts TEXT NOT NULL,
        scope TEXT NOT NULL,
        decisions TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX bundle_log_import_once ON bundle_log (bundle_id) WHERE direction = 'import';

      CREATE TABLE bundle_conflicts (
        id TEXT PRIMARY KEY NOT NULL,
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        local_rev TEXT NOT NULL,
        remote_rev TEXT NOT NULL,
        remote_data TEXT NOT NULL,
        remote_history TEXT NOT NULL,
        bundle_id TEXT NOT NULL,
        sender TEXT NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IN ('mine','theirs','merged')),
        resolved_rev TEXT
      ) STRICT;
      CREATE UNIQUE INDEX bundle_conflicts_once ON bundle_conflicts (table_name, record_id, remote_rev);
      CREATE INDEX bundle_conflicts_open ON bundle_conflicts (table_name, record_id) WHERE resolved_at IS NULL;
    `);
  },
};
