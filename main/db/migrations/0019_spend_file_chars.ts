import type { Migration } from '../migrate';

/**
 * FROZEN once shipped. The characters of each imported file's unlisted text columns, for searching
 * spend lines at a million lines (issue 19).
 *
 * After 0018 a search still asks LIKE '%word%' of every line for a column too varied to list
 * (references, free-text descriptions). But a value can hold a word only if it holds each of the
 * word's characters, and a file's references are mostly a few letters and digits: where a word
 * has a character no value of the column has in a file, the LIKE is not asked on that file's lines
 * (main/spend/searchWords.ts, main/spend/columnChars.ts).
 *
 * - spend_file_chars: a (file, column) not in spend_file_fields, with every character of its
 *   values, each once, in code point order, folded as LIKE folds (A–Z as a–z; nothing else). A
 *   file and column with no row here is searched on its lines as before.
 * - The importer writes it in the import's transaction. Lines' text never changes once imported;
 *   deleting the file takes its rows out (the trigger).
 *
 * Files already imported get theirs here, from their lines, by the same folding.
 */
const SEARCHED_COLUMNS = ['supplier', 'service_area', 'expense_type', 'description', 'transaction_ref', 'org_unit'];

/** Every character of the values, folded as LIKE folds: as main/spend/columnChars.ts (a migration is frozen, so its own copy). */
function charsOf(values: Iterable<string>): string {
  const seen = new Set<number>();
  for (const v of values) {
    for (const ch of v) {
      const cp = ch.codePointAt(0)!;
      seen.add(cp >= 65 && cp <= 90 ? cp + 32 : cp);
    }
  }
  // One at a time: a column may hold more different characters than a call takes arguments.
  let chars = '';
  for (const cp of [...seen].sort((a, b) => a - b)) chars += String.fromCodePoint(cp);
  return chars;
}

export const m0019_spend_file_chars: Migration = {
  version: 19,
  name: '0019_spend_file_chars',
  up(db) {
    db.exec(`
      CREATE TABLE spend_file_chars (
        file_no INTEGER NOT NULL,
        field TEXT NOT NULL,
        chars TEXT NOT NULL,
        PRIMARY KEY (file_no, field)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER spend_file_chars_delete AFTER DELETE ON spend_files BEGIN
        DELETE FROM spend_file_chars WHERE file_no = old.file_no;
      END;
    `);
    const files = db.prepare('SELECT file_no FROM spend_files ORDER BY file_no').pluck().all() as number[];
    const listed = db.prepare('SELECT field FROM spend_file_fields WHERE file_no = ?').pluck();
    const add = db.prepare('INSERT INTO spend_file_chars (file_no, field, chars) VALUES (?, ?, ?)');
    for (const fileNo of files) {
      const skip = new Set(listed.all(fileNo) as string[]);
      for (const column of SEARCHED_COLUMNS) {
        if (skip.has(column)) continue;
        const values = db
          .prepare(`SELECT ${column} FROM spend_lines WHERE line_key >= ? AND line_key < ? AND ${column} IS NOT NULL`)
          .pluck()
          .iterate(fileNo * 4294967296, (fileNo + 1) * 4294967296) as Iterable<string>;
        add.run(fileNo, column, charsOf(values));
      }
    }
  },
};
