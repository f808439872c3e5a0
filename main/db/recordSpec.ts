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
  /** Which bundle scope the table belongs to (what a user ticks when exporting). */
  scope: 'setup' | 'hypotheses' | 'evidence' | 'spend' | 'estimates' | 'learning';
  /** Columns holding ids of records in other tables: column → table. Bundles include what a record refers to. */
  refs?: Readonly<Record<string, string>>;
  /**
   * Tables with a `sensitivity` column ('public' | 'partners' | 'team' | 'personal') say so here;
   * bundle export enforces it (team and personal stay in unless explicitly included, with a reason).
   */
  hasSensitivity?: boolean;
  /** A short human label for the recycle bin and history. */
  label(row: Record<string, unknown>): string;
}
