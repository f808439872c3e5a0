import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. Each imported file's different values of a text column, for searching spend
 * lines at a million lines (issue 19).
 *
 * A search read every line in reach and matched the word against six columns of each (0.7 s of
 * one core at a million lines). But a ledger repeats the same few hundred suppliers, service
 * areas and expense types: matched against a file's list of them first, a column holding none
 * that match is not looked at on any line, and one that does is checked by a lookup in those few
 * values rather than a LIKE (main/spend/searchWords.ts). Only a column too varied to list
 * (references, most descriptions) is still matched on every line.
 *
 * - spend_file_fields: a (file, column) here has ALL its different non-null values in
 *   spend_file_values; a column not here (too varied, or a file from before this migration) is
 *   searched on its lines as before.
 * - The importer writes both in the import's transaction, from the values it has already coded
 *   (linePacking.ts: a column with more than 20,000 values stops being coded, and is not listed).
 *   Nor is a column with more values than a quarter of the file's lines (at least 16 are always
 *   listed): values that mostly differ from line to line are cheaper matched on the lines.
 * - Lines' text is never changed once imported, so a list stays right until its file is deleted,
 *   which takes it out (the trigger).
 *
 * Files already imported are listed here, by the same rules (a column's values are read until
 * one more than its file may list is found).
 */
const LISTED_COLUMNS = ['supplier', 'service_area', 'expense_type', 'transaction_ref', 'org_unit', 'description'];
const MOST_VALUES = 20_000;

export const m0018_spend_file_values: Migration = {
  version: 18,
  name: '0018_spend_file_values',
  up(db) {
    db.exec(`
      CREATE TABLE spend_file_fields (
        file_no INTEGER NOT NULL,
        field TEXT NOT NULL,
        PRIMARY KEY (file_no, field)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE spend_file_values (
        file_no INTEGER NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (file_no, field, value)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER spend_file_values_delete AFTER DELETE ON spend_files BEGIN
        DELETE FROM spend_file_values WHERE file_no = old.file_no;
        DELETE FROM spend_file_fields WHERE file_no = old.file_no;
      END;
    `);
    const files = db.prepare('SELECT file_no AS fileNo, row_count AS rows FROM spend_files ORDER BY file_no').all() as { fileNo: number; rows: number }[];
    const listField = db.prepare('INSERT INTO spend_file_fields (file_no, field) VALUES (?, ?)');
    const addValue = db.prepare('INSERT INTO spend_file_values (file_no, field, value) VALUES (?, ?, ?)');
    for (const { fileNo, rows } of files) {
      const most = Math.min(MOST_VALUES, Math.max(16, Math.floor(rows / 4)));
      for (const column of LISTED_COLUMNS) {
        const values = db
          .prepare(`SELECT DISTINCT ${column} FROM spend_lines WHERE line_key >= ? AND line_key < ? AND ${column} IS NOT NULL LIMIT ${most + 1}`)
          .pluck()
          .all(fileNo * 4294967296, (fileNo + 1) * 4294967296) as string[];
        if (values.length > most) continue;
        listField.run(fileNo, column);
        for (const v of values) addValue.run(fileNo, column, v);
      }
    }
  },
};
