/**
 * Column descriptors: one per column of a table, saying how it is stored (the SQLite type), what
 * it is in the domain (0/1 → boolean, JSON text → a value) and, where the domain has one, the
 * zod rule a value must keep (the limits in shared/domain, stated there once). From these come
 * the kysely table type, the conversions of the record layer and the shape a row must have to
 * be accepted from a partner's bundle (see recordSpec.ts).
 */
import type { Generated } from 'kysely';
import { z } from 'zod';
import { Id } from '../../shared/domain/common';

export type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'json';

/** The most text one column of a row from a bundle may hold when the domain sets no lower limit. */
const MAX_TEXT = 10_000_000;

export interface Column<S = unknown, D = unknown, G extends boolean = boolean> {
  readonly kind: ColumnKind;
  readonly isNullable: boolean;
  /** The column has an SQL DEFAULT, so a row may leave it out. */
  readonly hasDefault: boolean;
  /** The domain's rule for a (non-null) value: limits, enum members, the shape of a JSON value. */
  readonly rule: z.ZodType | undefined;
  /** The table whose record ids this column holds (bundles bring along what a record refers to). */
  readonly references: string | undefined;
  nullable(): Column<S | null, D | null, G>;
  defaulted(): Column<S, D, true>;
  /** Types only (never set): S is the stored type, D the domain type, G whether SQL fills it in. */
  readonly __types?: { stored: S; domain: D; generated: G };
}

function column<S, D>(kind: ColumnKind, rule: z.ZodType | undefined, references?: string, isNullable = false, hasDefault = false): Column<S, D, false> {
  return {
    kind,
    rule,
    references,
    isNullable,
    hasDefault,
    nullable: () => column(kind, rule, references, true, hasDefault) as never,
    defaulted: () => column(kind, rule, references, isNullable, true) as never,
  };
}

/** The string a text rule allows (an enum's members, say), or any string. */
type TextOf<R extends z.ZodType> = [Extract<z.output<R>, string>] extends [never] ? string : Extract<z.output<R>, string>;

export const text = <R extends z.ZodType = z.ZodString>(rule?: R) => column<TextOf<R>, TextOf<R>>('text', rule);
// A number rule may allow null (a nullable column's rule): the column's own nullability decides.
export const integer = (rule?: z.ZodType<number | null>) => column<number, number>('integer', rule);
export const real = (rule?: z.ZodType<number | null>) => column<number, number>('real', rule);
/** The id of a record in `table` (camelCase, as the registry names it). */
export const ref = (table: string) => column<string, string>('text', Id, table);
/** Stored 0/1 (SQLite has no boolean); a boolean in the domain. */
export const boolean = () => column<number, boolean>('boolean', undefined);
/** Stored as JSON text; the parsed value must keep `rule`. Without a rule, give the domain type. */
export function json<R extends z.ZodType>(rule: R): Column<string, z.output<R>, false>;
export function json<T>(): Column<string, T, false>;
export function json(rule?: z.ZodType): Column<string, unknown, false> {
  return column('json', rule);
}

export type Columns = Readonly<Record<string, Column>>;

/** The kysely column type: what is stored, `Generated<>` where SQL fills it in when left out. */
export type StoredOf<C> = C extends Column<infer S, unknown, infer G> ? (G extends true ? Generated<S> : S) : never;
export type DomainOf<C> = C extends Column<unknown, infer D> ? D : never;
/** Whether an insert may leave the column out (SQL gives it NULL or its default). */
type MayOmit<C> = C extends Column<infer S, unknown, infer G> ? (G extends true ? true : null extends S ? true : false) : never;

/** Domain values → stored values, for the columns given (absent and unknown keys pass as they are). */
export function toStored(columns: Columns, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue;
    const kind = Object.prototype.hasOwnProperty.call(columns, k) ? columns[k]!.kind : undefined;
    if (kind === 'boolean') out[k] = v ? 1 : 0;
    else if (kind === 'json') out[k] = JSON.stringify(v);
    else out[k] = v;
  }
  return out;
}

/** Stored row → domain object (0/1 → boolean, JSON text → value); other keys pass as they are. */
export function fromStored(columns: Columns, row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const [k, c] of Object.entries(columns)) {
    if (c.kind === 'boolean' && k in out) out[k] = out[k] === 1;
    else if (c.kind === 'json' && typeof out[k] === 'string') out[k] = JSON.parse(out[k] as string);
  }
  return out;
}

/** Reports the rule's issues on a stored value, which is kept as it is (a check, not a rewrite). */
function check(rule: z.ZodType, value: unknown, ctx: z.RefinementCtx): void {
  const parsed = rule.safeParse(value);
  if (!parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: 'custom', message: i.message, path: i.path as PropertyKey[] });
}

const NOT_JSON = Symbol('not JSON');
function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return NOT_JSON;
  }
}

/** The zod schema of one stored value: its SQLite type, then the domain's rule. */
export function storedSchema(c: Column): z.ZodType {
  const rule = c.rule;
  let t: z.ZodType;
  if (c.kind === 'json') {
    t = z
      .string()
      .max(MAX_TEXT)
      .superRefine((s, ctx) => {
        const v = parseJson(s);
        if (v === NOT_JSON) ctx.addIssue({ code: 'custom', message: 'Not valid JSON' });
        else if (rule) check(rule, v, ctx);
      });
  } else {
    t =
      c.kind === 'text'
        ? z.string().max(MAX_TEXT)
        : c.kind === 'integer'
          ? z.number().int().safe()
          : c.kind === 'real'
            ? z.number().refine(Number.isFinite)
            : z.union([z.literal(0), z.literal(1)]);
    if (rule) t = t.superRefine((v, ctx) => check(rule, v, ctx));
  }
  if (c.isNullable) t = t.nullable();
  if (c.hasDefault) t = t.optional();
  return t;
}

/** Keys of the columns an insert must give, and of those it may leave out. */
type Required<C extends Columns> = { [K in keyof C]: MayOmit<C[K]> extends true ? never : K }[keyof C];
type Omittable<C extends Columns> = { [K in keyof C]: MayOmit<C[K]> extends true ? K : never }[keyof C];

export type StoredRowOf<C extends Columns> = { [K in keyof C]: StoredOf<C[K]> };
export type DomainRowOf<C extends Columns> = { [K in keyof C]: DomainOf<C[K]> };
export type DomainInsertOf<C extends Columns> = { [K in Required<C>]: DomainOf<C[K]> } & { [K in Omittable<C>]?: DomainOf<C[K]> };
