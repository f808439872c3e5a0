/**
 * What travels, worked out from the record-table registry and the live schema, so tables added
 * by other capabilities travel with no new code here.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';
import type { Scope } from '../bundle/format';

export const toSnake = (camel: string): string => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const toCamel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** Append-only tables (no revisions): rows are facts, merged by id (added if missing). */
export interface AppendOnlySpec {
  table: string;
  scope: Scope;
  refs: Record<string, string>;
}
export const APPEND_ONLY_TABLES: AppendOnlySpec[] = [{ table: 'statusChanges', scope: 'hypotheses', refs: { hypothesisId: 'hypotheses' } }];

export interface Column {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL' | 'ANY';
  notNull: boolean;
  hasDefault: boolean;
}

export function columnsOf(sqlite: BetterSqlite3.Database, table: string): Column[] {
  const info = sqlite.prepare(`SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?)`).all(toSnake(table)) as {
    name: string;
    type: string;
    nn: number;
    dflt: unknown;
    pk: number;
  }[];
  return info.map((c) => ({
    name: toCamel(c.name),
    type: (['TEXT', 'INTEGER', 'REAL'].includes(c.type.toUpperCase()) ? c.type.toUpperCase() : 'ANY') as Column['type'],
    notNull: c.nn === 1 || c.pk === 1,
    hasDefault: c.dflt !== null,
  }));
}

/** A strict zod schema for one row of `table`, derived from its columns: no unknown keys, right types. */
export function rowSchema(columns: Column[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of columns) {
    let t: z.ZodType =
      c.type === 'TEXT'
        ? z.string().max(10_000_000)
        : c.type === 'INTEGER'
          ? z.number().int().safe()
          : c.type === 'REAL'
            ? z.number().refine(Number.isFinite)
            : z.union([z.string().max(10_000_000), z.number(), z.null()]);
    if (!c.notNull) t = t.nullable();
    if (c.hasDefault) t = t.optional();
    shape[c.name] = t;
  }
  return z.strictObject(shape);
}

/**
 * Record tables that describe this installation itself and never travel: each team has its own
 * pilot (one per database), which a partner's would otherwise duplicate.
 */
export const LOCAL_ONLY_TABLES = new Set(['pilot']);

/** Columns that hold an attachment's hash, by convention named `sha256` or `…Sha256`. */
export const isHashColumn = (name: string): boolean => /(^s|S)ha256$/.test(name);
