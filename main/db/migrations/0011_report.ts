import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. The report's narrative (versioned records: executive summary, introduction,
 * a commentary per section and per hypothesis) and the list of generated report versions (local:
 * each version's files are kept in this installation's attachment store, by SHA-256).
 */
export const m0011_report: Migration = {
  version: 11,
  name: '0011_report',
  up(db) {
    db.exec(`
      CREATE TABLE report_narratives (
        id TEXT PRIMARY KEY NOT NULL,
        rev TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('summary','introduction','section','hypothesis')),
        section_id TEXT,
        hypothesis_id TEXT REFERENCES hypotheses(id),
        body TEXT NOT NULL DEFAULT '',
        CHECK ((kind = 'section') = (section_id IS NOT NULL)),
        CHECK ((kind = 'hypothesis') = (hypothesis_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX report_narratives_hypothesis ON report_narratives (hypothesis_id) WHERE hypothesis_id IS NOT NULL;

      CREATE TABLE report_versions (
        id TEXT PRIMARY KEY NOT NULL,
        version INTEGER NOT NULL UNIQUE CHECK (version > 0),
        generated_at TEXT NOT NULL,
        generated_by TEXT NOT NULL,
        marking TEXT NOT NULL CHECK (marking IN ('OFFICIAL','OFFICIAL-SENSITIVE')),
        sections TEXT NOT NULL CHECK (json_valid(sections) AND json_type(sections) = 'array'),
        include_team INTEGER NOT NULL CHECK (include_team IN (0,1)),
        include_personal INTEGER NOT NULL CHECK (include_personal IN (0,1)),
        withheld TEXT NOT NULL CHECK (json_valid(withheld)),
        sha256 TEXT NOT NULL,
        files TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(files) AND json_type(files) = 'array')
      ) STRICT;
    `);
  },
};
