import type { Migration } from '../migrate';

/**
 * FROZEN: never edit a migration that has shipped; add a new numbered one.
 *
 * Every record table has the same bookkeeping columns:
 *   id          UUIDv7, unique across installations
 *   rev         "<seq>-<random>", changes on every write (the unit bundle merging compares)
 *   created_at / updated_at  ISO-8601 UTC
 *   deleted_at  soft delete (recycle bin); deletions travel to partners as tombstones
 * and every write also appends the full row to record_revisions with its parent revision, which
 * gives the history view and the ancestry a three-way merge needs.
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const m0001_init: Migration = {
  version: 1,
  name: '0001_init',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) STRICT;

      CREATE TABLE record_revisions (
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        rev TEXT NOT NULL,
        parent_rev TEXT,
        op TEXT NOT NULL CHECK (op IN ('create','update','delete','restore','merge')),
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (table_name, record_id, rev)
      ) STRICT;

      CREATE TABLE pilot (${RECORD},
        place TEXT NOT NULL,
        question TEXT NOT NULL,
        start_date TEXT,
        report_deadline TEXT
      ) STRICT;

      CREATE TABLE milestones (${RECORD},
        title TEXT NOT NULL,
        due_date TEXT NOT NULL,
        done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0,1))
      ) STRICT;

      CREATE TABLE organisations (${RECORD},
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('council','nhs','police','fire','dwp','voluntary','other')),
        notes TEXT
      ) STRICT;
      CREATE UNIQUE INDEX organisations_live_name ON organisations (lower(name)) WHERE deleted_at IS NULL;

      CREATE TABLE team_members (${RECORD},
        name TEXT NOT NULL,
        organisation_id TEXT REFERENCES organisations(id),
        role TEXT,
        fte REAL NOT NULL DEFAULT 1 CHECK (fte >= 0 AND fte <= 1)
      ) STRICT;

      CREATE TABLE themes (${RECORD},
        name TEXT NOT NULL,
        description TEXT
      ) STRICT;
      CREATE UNIQUE INDEX themes_live_name ON themes (lower(name)) WHERE deleted_at IS NULL;

      CREATE TABLE hypotheses (${RECORD},
        statement TEXT NOT NULL,
        theme_id TEXT REFERENCES themes(id),
        owner_id TEXT REFERENCES team_members(id),
        rationale TEXT,
        support_criteria TEXT,
        refute_criteria TEXT,
        status TEXT NOT NULL DEFAULT 'proposed'
          CHECK (status IN ('proposed','testing','supported','refuted','inconclusive','parked')),
        due_date TEXT,
        confidence TEXT CHECK (confidence IN ('low','medium','high'))
      ) STRICT;
      CREATE INDEX hypotheses_status ON hypotheses (status) WHERE deleted_at IS NULL;

      CREATE TABLE status_changes (
        id TEXT PRIMARY KEY NOT NULL,
        hypothesis_id TEXT NOT NULL REFERENCES hypotheses(id),
        from_status TEXT,
        to_status TEXT NOT NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX status_changes_hypothesis ON status_changes (hypothesis_id, at);
    `);
  },
};
