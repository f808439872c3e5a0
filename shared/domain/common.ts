import { z } from 'zod';

/** Every record id is a UUID (version 7: time-ordered, 74 random bits) so two laptops never collide. */
export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Not a valid record id');
export type Id = z.infer<typeof Id>;

/** A revision id: "<sequence>-<random>", e.g. "3-9f2c1ab0". The sequence makes history readable. */
export const Rev = z.string().regex(/^\d+-[0-9a-f]{8,}$/, 'Not a valid revision');

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

/** A calendar date as ISO text (YYYY-MM-DD), checked to be a real day. */
export const IsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-31')
  .refine(isRealDate, 'That day does not exist');

/** Optional text fields: blank means "not given" and is stored as null. */
export const OptionalText = (max = 4000) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters`)
    .nullish()
    .transform((v) => (v === undefined || v === null || v === '' ? null : v));

export const OptionalDate = z
  .union([IsoDate, z.literal(''), z.null()])
  .optional()
  .transform((v) => (v === undefined || v === '' ? null : v));

export const RequiredText = (label: string, max = 500) =>
  z.string({ error: `${label} is required` }).trim().min(1, `${label} is required`).max(max, `Keep ${label.toLowerCase()} under ${max} characters`);

/** Fields every stored record has. */
export interface RecordMeta {
  id: string;
  rev: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/**
 * Updates carry the revision the user was editing, so a stale edit is refused instead of overwriting.
 * The patch holds only the fields being changed: defaults are stripped first, because zod 4 fills
 * a default into an absent optional field, which would silently reset it (e.g. a milestone's done).
 */
export const UpdateOf = <T extends z.ZodRawShape>(shape: T) => {
  const withoutDefaults = Object.fromEntries(
    Object.entries(shape).map(([k, v]) => [k, v instanceof z.ZodDefault ? (v.removeDefault() as z.ZodType) : v]),
  ) as T;
  return z.object({ id: Id, rev: Rev, patch: z.object(withoutDefaults).partial() });
};

export const ById = z.object({ id: Id });
export const ByIdRev = z.object({ id: Id, rev: Rev });

export interface RevisionEntry {
  rev: string;
  parentRev: string | null;
  op: 'create' | 'update' | 'delete' | 'restore' | 'merge';
  actor: string;
  at: string;
  /** Field names whose values differ from the parent revision. */
  changed: string[];
  data: Record<string, unknown>;
}
