import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Counting the whole place (issue 19):
 *
 * - spend_lines is rebuilt without its per-row CHECK and foreign key (the importer is the only
 *   writer and derives line_key itself; the checks cost a tenth of the insert time of a
 *   million-line file); file_no and row_number become columns worked out from line_key. Lines gain `period_end` (a file with no dates: every line carries the
 *   period given for it, from `date` to `period_end`) and `rule_id` (the rule that set the theme,
 *   for rule hit counts).
 * - spend_files record the period given for an undated file, the date range and totals per
 *   financial year of the lines, how the dates were written, and (when the user allowed it) which
 *   import of the same file under another organisation it duplicates. Existing files get their
 *   range and yearly totals worked out from their lines.
 * - spend_rules may be limited to one organisation and may look at the organisation unit or the
 *   description (the table is rebuilt to widen its CHECK; the new column defaults to NULL, so
 *   bundles made by older versions still import).
 * - spend_line_themes: a theme set on a line by hand, which re-applying the rules keeps.
 * - spend_groups: the maintained aggregate (organisation × year × theme × rule × service area ×
 *   expense type) behind the unclassified list, rule hit counts and the baseline comparison, so no
 *   page groups a million lines. Lines that were classified before rules were tracked count under
 *   no rule until the rules are next applied.
 * - baseline_*: a top-down baseline from HM Treasury's Country and Regional Analysis for one
 *   region, the share of it that is the place's, and population by year.
 */
const RECORD = `
  id TEXT PRIMARY KEY NOT NULL,
  rev TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

export const m0009_counting: Migration = {
  version: 9,
  name: '0009_counting',
  up(db) {
    db.exec(`
      CREATE TABLE spend_lines_v9 (
        line_key INTEGER PRIMARY KEY,      -- file_no × 2^32 + row_number
        -- Worked out from the key when read, never stored: two fewer values for each of a million inserts.
        file_no INTEGER GENERATED ALWAYS AS (line_key >> 32) VIRTUAL,
        row_number INTEGER GENERATED ALWAYS AS (line_key & 4294967295) VIRTUAL,
        date TEXT NOT NULL,                -- the line's date, or the first day of its file's period
        period_end TEXT,                   -- the last day of that period; NULL for a dated line
        financial_year TEXT NOT NULL,
        amount_pence INTEGER NOT NULL,
        supplier TEXT,
        service_area TEXT,
        expense_type TEXT,
        transaction_ref TEXT,
        org_unit TEXT,
        description TEXT,
        theme_id TEXT,
        rule_id TEXT                       -- the rule that set theme_id (NULL: no rule, or set by hand)
      ) STRICT;
      INSERT INTO spend_lines_v9 (line_key, date, period_end, financial_year, amount_pence, supplier, service_area,
        expense_type, transaction_ref, org_unit, description, theme_id, rule_id)
        SELECT line_key, date, NULL, financial_year, amount_pence, supplier, service_area,
          expense_type, transaction_ref, org_unit, description, theme_id, NULL FROM spend_lines;
      DROP TABLE spend_lines;
      ALTER TABLE spend_lines_v9 RENAME TO spend_lines;
      CREATE INDEX spend_lines_cell ON spend_lines (theme_id, financial_year);

      ALTER TABLE spend_files ADD COLUMN period_from TEXT;
      ALTER TABLE spend_files ADD COLUMN period_to TEXT;
      ALTER TABLE spend_files ADD COLUMN date_from TEXT;
      ALTER TABLE spend_files ADD COLUMN date_to TEXT;
      ALTER TABLE spend_files ADD COLUMN date_style TEXT;
      ALTER TABLE spend_files ADD COLUMN year_totals TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE spend_files ADD COLUMN duplicate_of TEXT;
      UPDATE spend_files SET
        date_from = (SELECT min(l.date) FROM spend_lines l WHERE l.line_key >= spend_files.file_no * 4294967296 AND l.line_key < (spend_files.file_no + 1) * 4294967296),
        date_to = (SELECT max(l.date) FROM spend_lines l WHERE l.line_key >= spend_files.file_no * 4294967296 AND l.line_key < (spend_files.file_no + 1) * 4294967296),
        year_totals = (SELECT coalesce(json_group_array(json_object('year', y, 'rows', n, 'totalPence', p)), '[]') FROM (
          SELECT l.financial_year AS y, count(*) AS n, sum(l.amount_pence) AS p FROM spend_lines l
          WHERE l.line_key >= spend_files.file_no * 4294967296 AND l.line_key < (spend_files.file_no + 1) * 4294967296
          GROUP BY l.financial_year ORDER BY l.financial_year));

      CREATE TABLE spend_rules_v9 (${RECORD},
        field TEXT NOT NULL CHECK (field IN ('serviceArea','expenseType','supplier','orgUnit','description')),
        op TEXT NOT NULL CHECK (op IN ('contains','equals','regex')),
        pattern TEXT NOT NULL,
        theme_id TEXT NOT NULL REFERENCES themes(id),
        priority INTEGER NOT NULL DEFAULT 100,
        organisation_id TEXT DEFAULT NULL REFERENCES organisations(id)   -- NULL: the rule applies to every organisation
      ) STRICT;
      INSERT INTO spend_rules_v9 (id, rev, created_at, updated_at, deleted_at, field, op, pattern, theme_id, priority)
        SELECT id, rev, created_at, updated_at, deleted_at, field, op, pattern, theme_id, priority FROM spend_rules;
      DROP TABLE spend_rules;
      ALTER TABLE spend_rules_v9 RENAME TO spend_rules;

      CREATE TABLE spend_line_themes (
        line_key INTEGER PRIMARY KEY,
        theme_id TEXT REFERENCES themes(id),   -- NULL: unclassified by hand, whatever the rules say
        set_at TEXT NOT NULL,
        set_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE spend_groups (
        organisation_id TEXT NOT NULL,
        financial_year TEXT NOT NULL,
        theme_key TEXT NOT NULL,           -- theme id, or '' for unclassified
        rule_key TEXT NOT NULL,            -- rule id, '' for no rule, 'manual' for a theme set by hand
        service_area TEXT NOT NULL,        -- '' when the lines have none
        expense_type TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        total_pence INTEGER NOT NULL,
        PRIMARY KEY (organisation_id, financial_year, theme_key, rule_key, service_area, expense_type)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX spend_groups_theme ON spend_groups (theme_key, rule_key);
      INSERT INTO spend_groups (organisation_id, financial_year, theme_key, rule_key, service_area, expense_type, row_count, total_pence)
        SELECT f.organisation_id, l.financial_year, ifnull(l.theme_id, ''), '', ifnull(l.service_area, ''), ifnull(l.expense_type, ''), count(*), sum(l.amount_pence)
        FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no GROUP BY 1, 2, 3, 4, 5, 6;

      CREATE TABLE baseline_files (
        id TEXT PRIMARY KEY NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        sheet TEXT NOT NULL,
        region TEXT NOT NULL,              -- as the file spells it
        unit TEXT NOT NULL,                -- the unit the file states, e.g. "£ thousand"
        pence_per_unit INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        year_totals TEXT NOT NULL          -- JSON {"2017-18": pence, …}: the region before scaling
      ) STRICT;
      CREATE TABLE baseline_rows (
        file_id TEXT NOT NULL REFERENCES baseline_files(id) ON DELETE CASCADE,
        row_number INTEGER NOT NULL,
        department TEXT NOT NULL,
        segment TEXT NOT NULL,
        function TEXT NOT NULL,
        sub_function TEXT NOT NULL,
        agency_type TEXT NOT NULL,
        financial_year TEXT NOT NULL,
        amount_pence INTEGER NOT NULL,
        PRIMARY KEY (file_id, row_number, financial_year)
      ) STRICT;
      CREATE TABLE baseline_place (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        share REAL CHECK (share IS NULL OR (share > 0 AND share <= 1)),   -- an entered share of the region
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE baseline_population (
        financial_year TEXT PRIMARY KEY NOT NULL,
        place INTEGER CHECK (place IS NULL OR place > 0),
        region INTEGER CHECK (region IS NULL OR region > 0),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
    `);
  },
};
