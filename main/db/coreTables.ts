/**
 * Kysely table types, written as kysely documents them: Selectable/Insertable/Updateable come
 * from these, nullable columns are `T | null` (never optional), and names are camelCase in code,
 * snake_case in SQL (CamelCasePlugin). Money is integer pence; dates are ISO text; booleans 0/1.
 * Record tables' types are derived from their definitions (recordSpec.ts `TableOf`); these are
 * the record layer's own tables.
 */
import type { Insertable } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface RecordRevisionsTable {
  tableName: string;
  recordId: string;
  rev: string;
  parentRev: string | null;
  op: 'create' | 'update' | 'delete' | 'restore' | 'merge';
  actor: string;
  at: string;
  data: string;
}

/** The tables the record layer itself owns: settings and every revision of every record. */
export interface CoreTables {
  meta: MetaTable;
  recordRevisions: RecordRevisionsTable;
}

export type NewRevision = Insertable<RecordRevisionsTable>;
