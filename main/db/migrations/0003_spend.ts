import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. The spend tables.
 *
 * spend_files and spend_lines are immutable imported facts, not versioned records: a line is
 * identified by the import it came from and its row number in the source, so every figure can be
 * traced to "file X (sha256), sheet S, row N". Lines refer to their file by a small integer
 * (file_no) rather than the file's UUID, and reach the organisation through the file: a million
 * lines then cost about half the disk and insert time. spend_totals is a derived aggregate
 * (organisation × theme × financial year), maintained on import and rebuilt whenever rules
 * reclassify lines, so the whole-place summary never scans a million lines.
 * spend_mappings and spend_rules are ordinary versioned records (history, recycle bin, bundles).
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const m0003_spend: Migration = {
  version: 3,
  name: '0003_spend',
  up(db) {
    db.exec(`
      CREATE TABLE spend_files (
        id TEXT PRIMARY KEY NOT NULL,
        file_no INTEGER NOT NULL UNIQUE,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        file_name TEXT NOT NULL,
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        sheet TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('csv','xlsx')),
        encoding TEXT,
        header_row INTEGER NOT NULL,
        date_order TEXT NOT NULL CHECK (date_order IN ('dmy','mdy')),
        mapping TEXT NOT NULL,
        skipped TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        total_pence INTEGER NOT NULL
      ) STRICT;
      -- The same content for the same body (and sheet) is refused as a duplicate import.
      CREATE UNIQUE INDEX spend_files_content ON spend_files (organisation_id, sha256, sheet);

      CREATE TABLE spend_lines (
        -- file_no × 2^32 + row_number: unique, in file-then-row order, with no extra index to keep.
        line_key INTEGER PRIMARY KEY,
        file_no INTEGER NOT NULL REFERENCES spend_files(file_no),
        row_number INTEGER NOT NULL,
        date TEXT NOT NULL,
        financial_year TEXT NOT NULL,
        amount_pence INTEGER NOT NULL,
        supplier TEXT,
        service_area TEXT,
        expense_type TEXT,
        transaction_ref TEXT,
        org_unit TEXT,
        description TEXT,
        theme_id TEXT,
        CHECK (line_key = file_no * 4294967296 + row_number)
      ) STRICT;
      -- Drill-down from a cell of the whole-place table (and the unclassified list) to its lines.
      CREATE INDEX spend_lines_cell ON spend_lines (theme_id, financial_year);

      CREATE TABLE spend_totals (
        organisation_id TEXT NOT NULL,
        theme_key TEXT NOT NULL,           -- theme id, or '' for unclassified
        financial_year TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        total_pence INTEGER NOT NULL,
        PRIMARY KEY (organisation_id, theme_key, financial_year)
      ) STRICT;

      CREATE TABLE spend_mappings (${RECORD},
        organisation_id TEXT NOT NULL REFERENCES organisations(id),
        signature TEXT NOT NULL,
        mapping TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX spend_mappings_live_source ON spend_mappings (organisation_id, signature) WHERE deleted_at IS NULL;

      CREATE TABLE spend_rules (${RECORD},
        field TEXT NOT NULL CHECK (field IN ('serviceArea','expenseType','supplier')),
        op TEXT NOT NULL CHECK (op IN ('contains','equals','regex')),
        pattern TEXT NOT NULL,
        theme_id TEXT NOT NULL REFERENCES themes(id),
        priority INTEGER NOT NULL DEFAULT 100
      ) STRICT;
    `);
  },
};
