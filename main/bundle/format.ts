/**
 * The bundle format, version 1. An age file wrapping an uncompressed tar whose members are, in
 * this order:
 *   manifest.json         what is inside: ids, sender, recipients, scope, and the SHA-256 and
 *                         size of every other member
 *   manifest.sig          base64 Ed25519 signature of manifest.json by the sender
 *   records/<table>.json  [{ row, history }] for each record table in scope
 *   extra/<table>.json    rows of append-only tables (merged by id)
 *   summary.html          a readable summary for partners without the app
 *   csv/<table>.csv       the same records as CSV
 *   attachments/<sha256>  attachment bytes, named by their hash
 * Member names are only ever looked up in the manifest: they are never used as paths.
 */
import { z } from 'zod';

export const FORMAT = 'tpw-bundle';
export const FORMAT_VERSION = 1;

export const SCOPES = ['setup', 'hypotheses', 'evidence', 'spend', 'estimates', 'learning'] as const;
export type Scope = (typeof SCOPES)[number];

/** Limits on what an import will even look at, so a hostile file cannot exhaust memory or disk. */
export const LIMITS = {
  members: 200_000,
  manifestBytes: 64 * 1024 * 1024,
  /** A records/, extra/ or csv/ member is parsed in memory. */
  jsonMemberBytes: 512 * 1024 * 1024,
  attachmentBytes: 64 * 1024 * 1024 * 1024,
  totalBytes: 256 * 1024 * 1024 * 1024,
  jsonDepth: 32,
  nameLength: 200,
} as const;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Fingerprint = z.string().regex(/^[0-9A-F]{64}$/);
const MemberName = z
  .string()
  .max(LIMITS.nameLength)
  .regex(/^(records\/[A-Za-z][A-Za-z0-9]*\.json|extra\/[A-Za-z][A-Za-z0-9]*\.json|csv\/[A-Za-z][A-Za-z0-9]*\.csv|summary\.html|attachments\/[0-9a-f]{64})$/, 'not a member name this format allows');

export const Manifest = z.strictObject({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  bundleId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
  createdAt: z.iso.datetime(),
  appVersion: z.string().max(50),
  sender: z.strictObject({
    name: z.string().max(200),
    fingerprint: Fingerprint,
    ageRecipient: z.string().max(200),
    minisignPublicKey: z.string().max(100),
  }),
  recipients: z.array(z.strictObject({ name: z.string().max(200), fingerprint: Fingerprint, ageRecipient: z.string().max(200) })).max(100),
  passphrase: z.boolean(),
  scope: z.array(z.enum(SCOPES)).max(SCOPES.length),
  counts: z.strictObject({ records: z.number().int().min(0), attachments: z.number().int().min(0) }),
  members: z
    .array(z.strictObject({ name: MemberName, size: z.number().int().min(0).max(LIMITS.attachmentBytes), sha256: Hex64 }))
    .max(LIMITS.members),
});
export type Manifest = z.infer<typeof Manifest>;

export const Revision = z.strictObject({
  rev: z.string().regex(/^\d+-[0-9a-f]{8,}$/),
  parentRev: z.string().regex(/^\d+-[0-9a-f]{8,}$/).nullable(),
  op: z.enum(['create', 'update', 'delete', 'restore', 'merge']),
  actor: z.string().max(200),
  at: z.string().max(40),
  data: z.record(z.string(), z.unknown()),
});
export type Revision = z.infer<typeof Revision>;

export interface BundledRecord {
  row: Record<string, unknown>;
  history: Revision[];
}

export const ContactCard = z.strictObject({
  type: z.literal('tpw-contact-card'),
  version: z.literal(1),
  name: z.string().trim().min(1).max(200),
  ageRecipient: z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'not an age X25519 recipient'),
  minisignPublicKey: z.string().max(100),
  fingerprint: Fingerprint,
});
export type ContactCard = z.infer<typeof ContactCard>;

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
