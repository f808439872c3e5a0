import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Data protection (main/privacy/): retention, erasure and subject access.
 *
 *   erasure_tombstones   one row per erased record: which table and id, and when. It travels (an
 *                        append-only table) in bundles and team change files, so partners and team
 *                        members who hold the record erase it too. It never holds any content.
 *   erasure_log          what was erased (or anonymised) here (kind, a hash of its title, counts of what went with
 *                        it), when, by whom, why, and whether the request came from here, a partner
 *                        or the team. Never the content.
 *   retention_rules      the team's retention period per sensitivity, in months after the pilot ends
 *                        (none: IT's policy, then the built-in default, apply).
 *   retention_reviews    per evidence item: a review date set by hand (overriding the rule) and the
 *                        last decision at review (keep, with its reason, or anonymise).
 *   sar_log              every subject-access search: who, when, a reference, how many matches, and
 *                        a hash of what was searched for (the name itself is personal data).
 */
export const m0014_privacy: Migration = {
  version: 14,
  name: '0014_privacy',
  up(db) {
    db.exec(`
      CREATE TABLE erasure_tombstones (
        id TEXT PRIMARY KEY NOT NULL,
        record_table TEXT NOT NULL,
        record_id TEXT NOT NULL,
        erased_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX erasure_tombstones_record ON erasure_tombstones (record_id);

      CREATE TABLE erasure_log (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        record_table TEXT NOT NULL,
        record_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        title_sha256 TEXT,
        reason TEXT NOT NULL,
        action TEXT NOT NULL DEFAULT 'erase' CHECK (action IN ('erase','anonymise')),
        source TEXT NOT NULL CHECK (source IN ('here','retention','partner','team')),
        counts TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX erasure_log_at ON erasure_log (at DESC);

      CREATE TABLE retention_rules (
        sensitivity TEXT PRIMARY KEY NOT NULL CHECK (sensitivity IN ('public','partners','team','personal')),
        months INTEGER CHECK (months IS NULL OR (months >= 0 AND months <= 1200)),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE retention_reviews (
        evidence_id TEXT PRIMARY KEY NOT NULL,
        review_on TEXT,
        decision TEXT CHECK (decision IN ('keep','anonymise')),
        reason TEXT,
        decided_at TEXT,
        decided_by TEXT
      ) STRICT;

      CREATE TABLE sar_log (
        id TEXT PRIMARY KEY NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        reference TEXT,
        query_sha256 TEXT NOT NULL,
        matches INTEGER NOT NULL,
        exported_to TEXT
      ) STRICT;
    `);
  },
};
