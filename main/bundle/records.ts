/**
 * The record layer of the exchange format: what a record from another installation must be
 * before anything is done with it. Used by bundle import (and by anything else that receives
 * records from elsewhere, e.g. team sync), one record at a time.
 *
 * A record is checked against the domain's rules — the same zod rules and limits as the app's own
 * input, declared once with each column (main/db/columns.ts) plus each table's rule across fields
 * (`rowRule`) — not against this database's columns:
 *  - a field this version does not know is refused, unless the bundle comes from a newer format
 *    that says this reader may open it: then the field is set aside and reported (never stored);
 *  - a field an older writer did not have is filled as the database would (null, or its default);
 *  - every JSON field is parsed here (safely: no "__proto__"), checked, and stored re-serialised;
 *  - ids, revisions and timestamps must look like ours; the history is bounded and well formed.
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { Id, Rev } from '../../shared/domain/common';
import { storedSchema, type Column } from '../db/columns';
import type { AppendOnlyTableSpec, RecordTableSpec, TableSpec } from '../db/recordSpec';
import { APPEND_ONLY_TABLES, recordTable } from '../core/recordTables';
import { LIMITS, READER_VERSION, Revision } from './format';
import { parseJsonText } from './jsonArray';

type Row = Record<string, unknown>;

/**
 * Record tables that describe this installation itself and never travel: each team has its own
 * pilot (one per database), which a partner's would otherwise duplicate.
 */
export const LOCAL_ONLY_TABLES = new Set(['pilot']);

/** Columns that hold an attachment's hash, by convention named `sha256` or `…Sha256`. */
export const isHashColumn = (name: string): boolean => /(^s|S)ha256$/.test(name);

/** The most text a column whose domain sets no limit of its own may hold in a record from elsewhere. */
const UNRULED_TEXT = 100_000;

const bad = (m: string) => new AppError('BAD_FILE', m);

/** Bookkeeping columns of every record, with the shapes this workbench gives them. */
const BOOKKEEPING: Record<string, z.ZodType> = {
  id: Id,
  rev: Rev,
  createdAt: z.string().max(40),
  updatedAt: z.string().max(40),
  deletedAt: z.string().max(40).nullable(),
};

/** One field's check: its type and the domain's rule; JSON parsed safely and re-serialised. */
function fieldSchema(name: string, c: Column): z.ZodType {
  const keeper = BOOKKEEPING[name];
  if (keeper) return keeper;
  if (c.kind === 'json') {
    const rule = c.rule;
    const t = z
      .string()
      .max(LIMITS.recordBytes)
      .transform((s, ctx) => {
        let v: unknown;
        try {
          v = parseJsonText(s, 'The value');
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: (e as Error).message });
          return z.NEVER;
        }
        if (rule) {
          const r = rule.safeParse(v);
          if (!r.success) {
            for (const i of r.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path as PropertyKey[] });
            return z.NEVER;
          }
        }
        return JSON.stringify(v);
      });
    return c.isNullable ? t.nullable() : t;
  }
  let t = storedSchema(c);
  if (c.kind === 'text' && !c.rule) t = t.refine((v) => typeof v !== 'string' || v.length <= UNRULED_TEXT, `Longer than ${UNRULED_TEXT} characters`);
  return t;
}

export interface ReadContext {
  /** The bundle's format version. */
  formatVersion: number;
  /** Fields set aside from a newer format, by table (reported to the person importing). */
  setAside: Map<string, Set<string>>;
}

export const newReadContext = (formatVersion: number): ReadContext => ({ formatVersion, setAside: new Map() });

const schemas = new Map<TableSpec, Map<string, z.ZodType>>();
function fieldsOf(spec: TableSpec): Map<string, z.ZodType> {
  let m = schemas.get(spec);
  if (!m) schemas.set(spec, (m = new Map(Object.entries(spec.columns).map(([k, c]) => [k, fieldSchema(k, c)]))));
  return m;
}

/**
 * A row checked field by field against the table's domain rules. `what` names it in messages
 * ("records/hypotheses.json" item 3), `noun` says what it should be ("a hypothesis").
 */
function checkRow(spec: TableSpec, value: unknown, ctx: ReadContext, what: string, noun: string, rowRule?: RecordTableSpec['rowRule']): Row {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad(`${what} is not ${noun}; refused.`);
  const given = value as Row;
  const fields = fieldsOf(spec);
  const out: Row = {};
  const refuse = (field: string, message: string): never => {
    throw bad(`${what} does not fit ${noun} (${field}: ${message}); refused.`);
  };
  for (const key of Object.keys(given)) {
    if (fields.has(key)) continue;
    if (ctx.formatVersion > READER_VERSION) {
      let set = ctx.setAside.get(spec.table);
      if (!set) ctx.setAside.set(spec.table, (set = new Set()));
      if (set.size < 100) set.add(key.slice(0, 64));
      continue;
    }
    refuse(key.slice(0, 64), 'not a field this version of the workbench knows');
  }
  for (const [key, schema] of fields) {
    const column = spec.columns[key]!;
    if (!Object.prototype.hasOwnProperty.call(given, key) || given[key] === undefined) {
      // An older writer's record: fill the field as the database would.
      if (column.hasDefault) continue;
      if (column.isNullable) {
        out[key] = null;
        continue;
      }
      refuse(key, 'missing');
    }
    const r = schema.safeParse(given[key]);
    if (!r.success) {
      const i = r.error.issues[0]!;
      refuse([key, ...i.path.map(String)].join('.'), i.message);
    }
    out[key] = r.data;
  }
  const issue = rowRule?.(out);
  if (issue) refuse(issue.field, issue.message);
  return out;
}

export interface CheckedRecord {
  table: string;
  row: Row;
  history: Revision[];
  label: string;
  /** Attachment hashes the record refers to (each must arrive in the bundle or already be here). */
  blobs: string[];
}

const HISTORY = z.array(z.unknown()).max(LIMITS.revisions);

/** The record table a `records/<table>.json` member holds, or a refusal saying why it cannot be read. */
export function recordTableFor(table: string): RecordTableSpec {
  if (LOCAL_ONLY_TABLES.has(table)) throw bad(`The bundle holds "${table}" records, which never travel between installations; refused.`);
  const spec = recordTable(table);
  if (!spec) throw bad(`The bundle holds "${table}" records, which this version of the workbench does not know; it was made by a newer version. Update the workbench and try again.`);
  return spec;
}

export function appendOnlyTableFor(table: string): AppendOnlyTableSpec {
  const spec = APPEND_ONLY_TABLES.find((a) => a.table === table);
  if (!spec) throw bad(`The bundle holds "${table}" rows, which this version does not know; refused.`);
  return spec;
}

/** One `{ row, history }` item of a records member, checked. `index` is 1-based, for messages. */
export function checkRecord(spec: RecordTableSpec, item: unknown, index: number, ctx: ReadContext): CheckedRecord {
  const where = `"records/${spec.table}.json" item ${index}`;
  const o = item as { row?: unknown; history?: unknown } | null;
  if (!o || typeof o !== 'object' || Array.isArray(o) || Object.keys(o).some((k) => k !== 'row' && k !== 'history')) throw bad(`${where} is not a record.`);
  const noun = `a ${spec.noun.toLowerCase()}`;
  const row = checkRow(spec, o.row, ctx, where, noun, spec.rowRule);
  const list = HISTORY.safeParse(o.history);
  if (!list.success) throw bad(`${where} has a damaged revision history; refused.`);
  const history: Revision[] = [];
  for (const h of list.data) {
    const r = Revision.safeParse(h);
    if (!r.success) throw bad(`${where} has a damaged revision history; refused.`);
    history.push(r.data);
  }
  const blobs: string[] = [];
  for (const [k, v] of Object.entries(row)) if (isHashColumn(k) && typeof v === 'string') blobs.push(v);
  return { table: spec.table, row, history, label: spec.label(row).slice(0, 200), blobs };
}

/** One row of an `extra/<table>.json` member (an append-only table), checked. */
export function checkExtraRow(spec: AppendOnlyTableSpec, value: unknown, index: number, ctx: ReadContext): Row {
  return checkRow(spec, value, ctx, `"extra/${spec.table}.json" row ${index}`, 'a row of that table');
}
