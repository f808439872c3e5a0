/**
 * The registry of record tables: every table whose rows are versioned records (id, rev, history,
 * soft delete). Generic code — the recycle bin, history, and later bundle export and merge —
 * works from this list, so a new table travels with no new code: add it here.
 */
export interface RecordTableSpec {
  /** Table name as kysely knows it (camelCase). */
  table: string;
  /** What a person calls one row, for messages ("Organisation"). */
  noun: string;
  /** Columns stored as 0/1 that are booleans in the domain. */
  booleans?: readonly string[];
  /** Columns stored as JSON text that are structured in the domain. */
  json?: readonly string[];
  /** A short human label for the recycle bin and history. */
  label(row: Record<string, unknown>): string;
}
