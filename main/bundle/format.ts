/**
 * The exchange format: an age file wrapping an uncompressed tar whose members are, in this order:
 *   manifest.json         what is inside: format version and the oldest reader that may open it,
 *                         ids, sender, recipients, scope, and the SHA-256 and size of every other member
 *   manifest.sig          base64 Ed25519 signature of manifest.json by the sender
 *   records/<table>.json  [{ row, history }] for each record table in scope
 *   extra/<table>.json    rows of append-only tables (merged by id)
 *   summary.html          a readable summary for partners without the app
 *   csv/<table>.csv       the same records as CSV
 *   attachments/<sha256>  attachment bytes, named by their hash
 * Member names are only ever looked up in the manifest: they are never used as paths.
 *
 * Versions (`formatVersion`; a reader refuses a bundle whose `minReaderVersion` is above its own):
 *   1  the first format (no minReaderVersion; the sender fingerprint is the SHA-256 of the signing key)
 *   2  minReaderVersion; the sender fingerprint covers every public key of the sender (see cards.ts);
 *      a record may leave out a column that is null or has a default (an older writer's record)
 *   3  security markings: evidence items, quotes and attachments carry `marking` (a record without
 *      one, from an older writer, is OFFICIAL); the manifest carries the highest marking of what is
 *      inside, the data-sharing agreement each recipient's copy went under, and what was redacted
 *      (labels and counts, never the redacted text). minReaderVersion stays 2: an older reader sets
 *      the new fields aside and lists them, so partners who have not upgraded can still read it.
 *      extra/erasureTombstones.json: records the sender erased (table and id only), to be erased by
 *      the reader too; a bundle that carries them needs a format-3 reader (minReaderVersion 3).
 * Records are checked against the domain's rules, not the reader's columns (main/bundle/records.ts).
 */
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { SECURITY_MARKINGS } from '../../shared/domain/marking';

export const FORMAT = 'tpw-bundle';
/** The version this code writes. */
export const FORMAT_VERSION = 3;
/** The oldest reader that can open what this code writes (older ones cannot check the v2 fingerprint). */
export const MIN_READER_VERSION = 2;
/** The newest format this code reads in full; newer ones are read if they allow it (minReaderVersion). */
export const READER_VERSION = 3;

export const SCOPES = ['setup', 'hypotheses', 'evidence', 'spend', 'estimates', 'learning', 'report'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Limits on what an import will even look at, so a hostile file cannot exhaust memory or disk.
 * Memory is bounded by the largest single item (records are read one at a time and staged on
 * disk), so peak memory stays well under 300 MB whatever the bundle holds.
 */
export const LIMITS = {
  members: 200_000,
  manifestBytes: 32 * 1024 * 1024,
  /** One record (its row and its whole history) as JSON text. */
  recordBytes: 16 * 1024 * 1024,
  /** Records (or rows) in one member. */
  recordsPerMember: 2_000_000,
  /** Revisions in one record's history. */
  revisions: 10_000,
  attachmentBytes: 64 * 1024 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024 * 1024,
  jsonDepth: 32,
  nameLength: 200,
} as const;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
/** A name people read (sender, recipient, card): no control or bidirectional-override characters, which could repaint a terminal or disguise text. */
export const DisplayName = z
  .string()
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]*$/, 'contains control characters');
export const Fingerprint = z.string().regex(/^[0-9A-F]{64}$/);
const MemberName = z
  .string()
  .max(LIMITS.nameLength)
  .regex(/^(records\/[A-Za-z][A-Za-z0-9]*\.json|extra\/[A-Za-z][A-Za-z0-9]*\.json|csv\/[A-Za-z][A-Za-z0-9]*\.csv|summary\.html|attachments\/[0-9a-f]{64})$/, 'not a member name this format allows');

const manifestFields = {
  format: z.literal(FORMAT),
  bundleId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(50),
  sender: z.strictObject({
    name: DisplayName,
    fingerprint: Fingerprint,
    ageRecipient: z.string().max(200),
    minisignPublicKey: z.string().max(100),
  }),
  recipients: z.array(z.strictObject({ name: DisplayName, fingerprint: Fingerprint, ageRecipient: z.string().max(200) })).max(100),
  passphrase: z.boolean(),
  scope: z.array(z.enum(SCOPES)).max(SCOPES.length),
  counts: z.strictObject({ records: z.number().int().min(0), attachments: z.number().int().min(0) }),
  members: z
    .array(z.strictObject({ name: MemberName, size: z.number().int().min(0).max(LIMITS.attachmentBytes), sha256: Hex64 }))
    .max(LIMITS.members),
};

const ManifestV1 = z.strictObject({ ...manifestFields, formatVersion: z.literal(1) });
const ManifestV2 = z.strictObject({ ...manifestFields, formatVersion: z.literal(2), minReaderVersion: z.number().int().min(1).max(2) });
/** Free text a partner wrote (a DSA reference, a redaction label): bounded, no control characters. */
const Reference = DisplayName.min(1);
const ManifestV3 = z.strictObject({
  ...manifestFields,
  formatVersion: z.literal(3),
  minReaderVersion: z.number().int().min(1).max(3),
  /** The highest security marking of what is inside. */
  marking: z.enum(SECURITY_MARKINGS),
  /** Per recipient: the data-sharing agreement (and DPIA) the bundle went under; none for a passphrase. */
  agreements: z.array(z.strictObject({ fingerprint: Fingerprint, dsaReference: Reference.nullable(), dpiaReference: Reference.nullable() })).max(100),
  /** Names and identifiers replaced at export: each label and how many times; never the text itself. */
  redactions: z.array(z.strictObject({ label: Reference, count: z.number().int().min(0) })).max(500),
});
/** A manifest from a newer writer that says we may read it: what we know is checked, the rest set aside. */
const ManifestNewer = z.object({ ...manifestFields, formatVersion: z.number().int().min(READER_VERSION + 1).max(1_000_000), minReaderVersion: z.number().int().min(1).max(READER_VERSION) });

export type Manifest = z.infer<typeof ManifestV3> | z.infer<typeof ManifestV2> | z.infer<typeof ManifestV1> | z.infer<typeof ManifestNewer>;
/** What this code writes. */
export type CurrentManifest = z.infer<typeof ManifestV3>;

/**
 * Checks a manifest's (signed) JSON for the version it declares: a bundle that needs a newer
 * reader is refused saying which; otherwise the manifest must fit that version's shape exactly.
 */
export function parseManifest(raw: unknown): Manifest {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || (raw as { format?: unknown }).format !== FORMAT) {
    throw new AppError('BAD_FILE', 'The manifest is not valid (format: this is not a workbench bundle); refused.');
  }
  const { formatVersion, minReaderVersion, appVersion } = raw as Record<string, unknown>;
  const needs = typeof minReaderVersion === 'number' && Number.isInteger(minReaderVersion) ? minReaderVersion : typeof formatVersion === 'number' ? formatVersion : NaN;
  if (Number.isInteger(needs) && needs > READER_VERSION) {
    const by = typeof appVersion === 'string' && /^[\w.+-]{1,50}$/.test(appVersion) ? ` It was made by Total Place Workbench ${appVersion}.` : '';
    throw new AppError('REFUSED', `This bundle needs version ${needs} of the bundle format, and this workbench reads up to version ${READER_VERSION}.${by} Update the workbench and import it again; nothing was changed.`);
  }
  const schema = formatVersion === 1 ? ManifestV1 : formatVersion === 2 ? ManifestV2 : formatVersion === 3 ? ManifestV3 : typeof formatVersion === 'number' && formatVersion > READER_VERSION ? ManifestNewer : null;
  if (!schema) throw new AppError('BAD_FILE', 'The manifest is not valid (formatVersion: not a version of the bundle format); refused.');
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('BAD_FILE', `The manifest is not valid (${issue.path.join('.') || 'top level'}: ${issue.message}); refused.`);
  }
  return parsed.data;
}

export const Revision = z.strictObject({
  rev: z.string().regex(/^\d+-[0-9a-f]{8,}$/),
  parentRev: z.string().regex(/^\d+-[0-9a-f]{8,}$/).nullable(),
  op: z.enum(['create', 'update', 'delete', 'restore', 'merge']),
  actor: z.string().max(200),
  at: z.string().max(40),
  data: z.record(z.string().max(64), z.unknown()),
});
export type Revision = z.infer<typeof Revision>;

export interface BundledRecord {
  row: Record<string, unknown>;
  history: Revision[];
}

export const AGE_RECIPIENT = /^age1[02-9ac-hj-np-z]{58}$/;

/** Depth of nested arrays/objects in JSON text, measured before parsing (cheap, no recursion). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}
