/**
 * An imported file's different values of each text column, listed for searching (migration 0018,
 * searchWords.ts). The import has already coded every value of a column that repeats
 * (linePacking.ts), so the list is what it coded; a column too varied to code, or with nearly as
 * many values as lines, is not listed: the characters of its values are noted instead (migration
 * 0019, columnChars.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { LineInserter } from './lineInserter';
import type { SearchedColumn } from './searchWords';
import type { TEXT } from './linePacking';

const FIELD_OF: Record<SearchedColumn, keyof typeof TEXT> = {
  supplier: 'supplier',
  service_area: 'serviceArea',
  expense_type: 'expenseType',
  description: 'description',
  transaction_ref: 'transactionRef',
  org_unit: 'orgUnit',
};

/**
 * The most values a column of a file of this many lines is listed with. A column whose values
 * mostly differ from line to line (references, free-text descriptions) is cheaper to match on its
 * lines than in a list nearly as long. The same rule as migration 0018's for files imported before.
 */
const mostListed = (lines: number) => Math.max(16, Math.floor(lines / 4));

/** Inside the import's transaction, after its last line. */
export function listFileValues(sqlite: BetterSqlite3.Database, fileNo: number, lines: LineInserter): void {
  const listField = sqlite.prepare('INSERT INTO spend_file_fields (file_no, field) VALUES (?, ?)');
  const addValue = sqlite.prepare('INSERT OR IGNORE INTO spend_file_values (file_no, field, value) VALUES (?, ?, ?)');
  const addChars = sqlite.prepare('INSERT INTO spend_file_chars (file_no, field, chars) VALUES (?, ?, ?)');
  const most = mostListed(lines.written);
  for (const [column, field] of Object.entries(FIELD_OF)) {
    const values = lines.valuesOf(field);
    if (values === null || values.length > most) {
      addChars.run(fileNo, column, lines.charsOf(field));
      continue;
    }
    listField.run(fileNo, column);
    for (const v of values) addValue.run(fileNo, column, v);
  }
}
