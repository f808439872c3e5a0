/**
 * Table definitions: each table is declared once, in its capability's records.ts, and everything
 * else derives from that one definition — the kysely table type (`TableOf`), the domain type the
 * record layer returns (`RecordOf`), the 0/1 and JSON conversions, and the strict zod shape a row
 * must have to be accepted from a partner's bundle (`rowShape`). Nothing here names a capability:
 * the registry of record tables lives in main/core/recordTables.ts.
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { storedSchema, text, type Columns, type DomainInsertOf, type DomainRowOf, type StoredRowOf } from './columns';

/** Which bundle scope a table belongs to (what a user ticks when exporting). */
export type RecordScope = 'setup' | 'hypotheses' | 'evidence' | 'spend' | 'estimates' | 'learning' | 'report';

/** The bookkeeping columns of every versioned record (see migration 0001). */
const RECORD_COLUMNS = {
  id: text(),
  rev: text(),
  createdAt: text(),
  updatedAt: text(),
  deletedAt: text().nullable(),
};
type RecordColumnDefs = typeof RECORD_COLUMNS;
export const RECORD_COLUMN_NAMES: readonly string[] = Object.keys(RECORD_COLUMNS);

export interface TableSpec {
  /** Table name as kysely knows it (camelCase). */
  readonly table: string;
  /** Every column, bookkeeping included. */
  readonly columns: Columns;
  /** A strict zod schema for one stored row: no unknown keys, the right types, the domain's limits. */
  readonly rowShape: z.ZodType<Record<string, unknown>>;
}

export interface TableDef<C extends Columns, N extends string = string> extends TableSpec {
  readonly table: N;
  readonly columns: C;
}

/** What generic code (recycle bin, history, bundles, conflicts) knows of any record table. */
export interface RecordTableSpec extends TableSpec {
  /** What a person calls one row, for messages ("Organisation"). */
  readonly noun: string;
  readonly scope: RecordScope;
  /** Columns holding ids of records in other tables: column → table (from `ref()` columns). Bundles include what a record refers to. */
  readonly refs: Readonly<Record<string, string>>;
  /**
   * Tables with a `sensitivity` column ('public' | 'partners' | 'team' | 'personal') say so here;
   * bundle export enforces it (team and personal stay in unless explicitly included, with a reason).
   */
  readonly hasSensitivity?: boolean;
  /** Columns stored as 0/1 that are booleans in the domain (derived from the columns). */
  readonly booleans: readonly string[];
  /** Columns stored as JSON text that are structured in the domain (derived from the columns). */
  readonly json: readonly string[];
  /** A short human label for the recycle bin, history and bundle previews. */
  label(row: Record<string, unknown>): string;
  /**
   * A rule across fields of one stored row that no single column's rule can state (say, a pattern
   * that must compile when the rule is a regular expression): the field at fault and why, or null.
   * Part of `rowShape`, so a partner's record and a merged conflict keep it as the app's own input does.
   */
  readonly rowRule?: RowRule;
}

export type RowRule = (row: Record<string, unknown>) => { field: string; message: string } | null;

export interface RecordTable<C extends Columns, N extends string = string> extends RecordTableSpec {
  readonly table: N;
  readonly columns: RecordColumnDefs & C;
  /** Declared columns only (no bookkeeping), for typing writes. */
  readonly fields: C;
}

/** An append-only table that travels in bundles (rows are facts, merged by id). */
export interface AppendOnlyTableSpec extends TableSpec {
  readonly scope: RecordScope;
  readonly refs: Readonly<Record<string, string>>;
}

export interface AppendOnlyTable<C extends Columns, N extends string = string> extends TableDef<C, N> {
  readonly scope: RecordScope;
  readonly refs: Readonly<Record<string, string>>;
}

/** The kysely type of a defined table. */
export type TableOf<T extends TableSpec> = StoredRowOf<T['columns']>;
/** The kysely types of a list of defined tables, by table name: a capability's part of the database. */
export type TablesOf<L extends readonly TableSpec[]> = { [T in L[number] as T['table']]: TableOf<T> };
/** One row as selected. */
export type RowOf<T extends TableSpec> = Selectable<TableOf<T>>;
/** One record as the domain sees it (booleans, parsed JSON). */
export type RecordOf<T extends TableSpec> = DomainRowOf<T['columns']>;
/** The fields a new record is given (bookkeeping is the record layer's). */
export type InsertOf<T extends RecordTable<Columns>> = DomainInsertOf<T['fields']>;
/** A change to some fields of a record. */
export type PatchOf<T extends RecordTable<Columns>> = Partial<DomainRowOf<T['fields']>>;

function rowShapeOf(columns: Columns, rowRule?: RowRule): z.ZodType<Record<string, unknown>> {
  const shape = z.strictObject(Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, storedSchema(c)])));
  const checked = rowRule
    ? shape.superRefine((row, ctx) => {
        const issue = rowRule(row);
        if (issue) ctx.addIssue({ code: 'custom', message: issue.message, path: [issue.field] });
      })
    : shape;
  return checked as unknown as z.ZodType<Record<string, unknown>>;
}

/**
 * `spec` with a `rowShape` built the first time it is read, then kept. Building every table's
 * schema when its module loads cost `tpw check` (and every start) tens of milliseconds for tables
 * nothing reads in that run. (Callers never spread a spec: that would build it at once.)
 */
function withLazyRowShape<T extends object>(spec: T, columns: Columns, rowRule?: RowRule): T & Pick<TableSpec, 'rowShape'> {
  let built: z.ZodType<Record<string, unknown>> | undefined;
  return Object.defineProperty(spec, 'rowShape', { enumerable: true, get: () => (built ??= rowShapeOf(columns, rowRule)) }) as T & Pick<TableSpec, 'rowShape'>;
}

/** A table that is not a versioned record (no rev, no history): its type and row shape. */
export function defineTable<C extends Columns, N extends string>(def: { table: N; columns: C }): TableDef<C, N> {
  return withLazyRowShape({ table: def.table, columns: def.columns }, def.columns);
}

/** Columns that hold ids of records in other tables (declared with `ref(table)`): column → table. */
function refsOf(columns: Columns): Record<string, string> {
  return Object.fromEntries(Object.entries(columns).flatMap(([k, c]) => (c.references ? [[k, c.references]] : [])));
}

export function defineAppendOnlyTable<C extends Columns, N extends string>(def: { table: N; scope: RecordScope; columns: C }): AppendOnlyTable<C, N> {
  return withLazyRowShape({ table: def.table, columns: def.columns, scope: def.scope, refs: refsOf(def.columns) }, def.columns);
}

/**
 * A versioned record table: id, rev, created/updated/deleted bookkeeping plus `columns`.
 * `label` reads a stored row, which may be partial (a redacted revision, a bundle row).
 */
export function defineRecordTable<C extends Columns, N extends string>(def: {
  table: N;
  noun: string;
  scope: RecordScope;
  columns: C;
  hasSensitivity?: boolean;
  label: (row: Partial<StoredRowOf<C>>) => string;
  rowRule?: (row: Partial<StoredRowOf<C>>) => { field: string; message: string } | null;
}): RecordTable<C, N> {
  const columns = { ...RECORD_COLUMNS, ...def.columns };
  const named = (kind: string) => Object.keys(def.columns).filter((k) => def.columns[k]!.kind === kind);
  const spec = {
    table: def.table,
    noun: def.noun,
    scope: def.scope,
    refs: refsOf(def.columns),
    hasSensitivity: def.hasSensitivity,
    columns,
    fields: def.columns,
    booleans: named('boolean'),
    json: named('json'),
    label: def.label as (row: Record<string, unknown>) => string,
    rowRule: def.rowRule as RowRule | undefined,
  };
  return withLazyRowShape(spec, columns, spec.rowRule);
}

/** A label reading one column as text. */
export const labelFrom =
  <K extends string>(column: K) =>
  (row: Partial<Record<K, unknown>>): string =>
    String(row[column] ?? '');
