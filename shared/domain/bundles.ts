import { z } from 'zod';
import { Id } from './common';
import type { SecurityMarking } from './marking';
import { RedactTerms, type DsaStatus, type GatedContent, type RedactionEntry, type SharingAgreement } from './sharing';

export const BUNDLE_SCOPES = ['setup', 'hypotheses', 'evidence', 'spend', 'estimates', 'learning', 'report'] as const;
export type BundleScope = (typeof BUNDLE_SCOPES)[number];
export const BUNDLE_SCOPE_LABELS: Record<BundleScope, string> = {
  setup: 'Pilot set-up (organisations, team, themes, milestones)',
  hypotheses: 'Hypotheses',
  evidence: 'Evidence and attachments',
  spend: 'Spend map',
  estimates: 'Savings estimates',
  learning: 'Learning log and actions',
  report: 'Report narrative (executive summary, introduction, commentary)',
};

export interface IdentityView {
  fingerprint: string;
  /** The fingerprint in groups of four, for reading aloud. */
  fingerprintGrouped: string;
  ageRecipient: string;
  minisignPublicKey: string;
  /** Private keys sealed by the OS keychain (desktop app), or a 0600 file beside the database. */
  protected: boolean;
  name: string;
}

export interface Contact {
  id: string;
  name: string;
  /** 'app': a partner with the workbench (can send us bundles); 'age': a bare age recipient (can only receive). */
  kind: 'app' | 'age';
  ageRecipient: string;
  minisignPublicKey: string | null;
  fingerprint: string;
  fingerprintGrouped: string;
  verifiedAt: string | null;
  /** Why they are not verified when the workbench un-verified them (their keys changed, an upgrade). */
  unverifiedReason: string | null;
  addedAt: string;
  /** The data-sharing agreement (and DPIA) sending to them rests on; null until recorded. */
  dsa: SharingAgreement | null;
  /** 'expired' is flagged wherever they appear, and treated as no agreement. */
  dsaStatus: DsaStatus;
}

/**
 * What sending to a partner whose fingerprint has not been compared risks, said the same way by
 * `tpw bundle export --to` (stderr, and `warnings` in --json) and the app's Send page.
 */
export function unverifiedRecipientWarning(c: Pick<Contact, 'name' | 'fingerprintGrouped' | 'verifiedAt' | 'unverifiedReason'>): string | null {
  if (c.verifiedAt) return null;
  const why = c.unverifiedReason ? `not verified (${c.unverifiedReason})` : 'not verified: their fingerprint has not been compared with them';
  return `${c.name} is ${why}. If the contact card you hold is not really theirs, whoever swapped it can read this bundle. Compare the fingerprint ${c.fingerprintGrouped} with them by phone, then mark them verified.`;
}

export const AGE_RECIPIENT_RE = /^age1[02-9ac-hj-np-z]{58}$/;

export const ContactAddInput = z
  .object({
    name: z.string().trim().max(200, 'Keep the name under 200 characters').optional(),
    /** The text of a contact card file. */
    card: z.string().max(10_000, 'That is too large to be a contact card').optional(),
    ageRecipient: z.string().trim().regex(AGE_RECIPIENT_RE, 'An age recipient starts "age1" and is 62 characters long').optional(),
    /** The card is a partner's new card (their keys changed): replace the keys we hold; they must be verified again. */
    replace: z.boolean().default(false),
  })
  .refine((v) => Boolean(v.card) !== Boolean(v.ageRecipient), { message: 'Give either a contact card or an age recipient', path: ['card'] })
  .refine((v) => Boolean(v.card) || Boolean(v.name), { message: 'Give the partner a name', path: ['name'] });

export const SensitivityDecisionInput = z.object({
  table: z.string().min(1).max(64),
  id: Id,
  reason: z.string().trim().min(5, 'Say why this may leave (at least a few words)').max(1000, 'Keep the reason under 1000 characters'),
});

const Scope = z.array(z.enum(BUNDLE_SCOPES)).min(1, 'Choose at least one thing to send');

export const ExportPreviewInput = z.object({
  scope: Scope,
  include: z.array(SensitivityDecisionInput).max(10_000).default([]),
  /** The partners chosen so far: the preview says which of them the content may not go to, and why. */
  to: z.array(Id).max(100).default([]),
});

export const ExportInput = z
  .object({
    scope: Scope,
    include: z.array(SensitivityDecisionInput).max(10_000).default([]),
    to: z.array(Id).max(100).default([]),
    passphrase: z.string().max(1000).optional(),
    /** Names and identifiers replaced by labels ("[Person A]") in everything the bundle carries. */
    redact: RedactTerms,
  })
  .refine((v) => v.to.length > 0 || v.passphrase !== undefined, { message: 'Choose at least one partner, or set a passphrase', path: ['to'] })
  .refine((v) => !(v.to.length > 0 && v.passphrase !== undefined), { message: 'Use partners or a passphrase, not both (age allows one or the other)', path: ['passphrase'] })
  .refine((v) => v.passphrase === undefined || v.passphrase.length >= 10, { message: 'Use a passphrase of at least 10 characters', path: ['passphrase'] });

export interface SensitiveItem {
  table: string;
  noun: string;
  id: string;
  label: string;
  sensitivity: string;
  why: 'sensitivity' | 'refers-to-withheld';
}

export interface ExportPreview {
  tables: { table: string; noun: string; count: number; deleted: number }[];
  records: number;
  attachments: number;
  attachmentBytes: number;
  withheld: SensitiveItem[];
  included: (SensitiveItem & { reason: string })[];
  /** The highest security marking of what would go: the bundle's marking. */
  marking: SecurityMarking;
  /** Content that needs a current data-sharing agreement permitting it (personal data, OFFICIAL-SENSITIVE). */
  gated: GatedContent[];
  /** The chosen partners this content may not go to, and why (the export would be refused). */
  refusals: { contactId: string; name: string; reason: string }[];
}

export interface FileLink {
  name: string;
  urlPath: string;
  /** Desktop and CLI: where it is on disk. Left out of every result sent to a browser (main/api/browserResults.ts): browser mode downloads from urlPath. */
  path: string;
}

export interface ExportResult {
  bundleId: string;
  records: number;
  attachments: number;
  bytes: number;
  file: FileLink;
  signature: FileLink;
  withheld: number;
  /** The highest marking of what went: the manifest's marking. */
  marking: SecurityMarking;
  /** The labels used for redacted names, and how many times each. */
  redactions: RedactionEntry[];
}

export const ImportInput = z.object({
  uploadId: Id,
  signatureUploadId: Id,
  passphrase: z.string().max(1000).optional(),
  acceptUnknownSender: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

/** 'changed': a partner we know by their signing key, whose bundle names other keys than the card we hold. */
export type SenderStatus = 'verified' | 'known' | 'changed' | 'unknown';

export interface BundleSender {
  name: string;
  fingerprint: string;
  fingerprintGrouped: string;
  status: SenderStatus;
  /** Our name for them, when they are in our partner directory. */
  contactName: string | null;
}

export interface ImportPreviewItem {
  table: string;
  noun: string;
  id: string;
  label: string;
  action: 'add' | 'update' | 'conflict' | 'unchanged';
}

export interface ImportResult {
  bundleId: string;
  createdAt: string;
  sender: BundleSender;
  scope: BundleScope[];
  records: number;
  attachments: number;
  /** The bundle's security marking (the highest of what it holds; OFFICIAL for bundles made before markings). */
  marking: SecurityMarking;
  added: number;
  updated: number;
  conflicts: number;
  unchanged: number;
  /** This bundle was imported before: nothing changed. */
  alreadyImported: boolean;
  /** True when nothing was written (inspect, dry run, replay). */
  dryRun: boolean;
  /** What changes (first 500, adds/updates/conflicts first). */
  items: ImportPreviewItem[];
  /**
   * Fields a newer version of the workbench sent that this one does not know: set aside, not
   * stored (the bundle's format allowed this version to read it).
   */
  setAside: { table: string; noun: string; fields: string[] }[];
}

export interface BundleLogEntry {
  id: string;
  at: string;
  direction: 'export' | 'import';
  bundleId: string;
  actor: string;
  counterpart: string;
  counterpartFingerprints: string[];
  fileName: string;
  counts: Record<string, number>;
  scope: string[];
  decisions: { table: string; id: string; label: string; sensitivity: string; reason: string }[];
  /** The highest marking of what went (or came); null for exchanges logged before markings. */
  marking: SecurityMarking | null;
  /** Per partner: the data-sharing agreement and DPIA the exchange went under (null: none recorded). */
  agreements: { name: string; fingerprint: string; dsaReference: string | null; dpiaReference: string | null }[];
  /** Labels and counts of what was redacted (never the redacted text). */
  redactions: RedactionEntry[];
}

export interface ConflictField {
  field: string;
  mine: unknown;
  theirs: unknown;
}

export interface ConflictView {
  id: string;
  table: string;
  noun: string;
  recordId: string;
  label: string;
  sender: string;
  bundleId: string;
  createdAt: string;
  localRev: string;
  remoteRev: string;
  mine: Record<string, unknown>;
  theirs: Record<string, unknown>;
  /** Only the fields that differ (bookkeeping fields left out). */
  fields: ConflictField[];
  resolvedAt: string | null;
  resolution: 'mine' | 'theirs' | 'merged' | null;
}

export const ConflictResolveInput = z
  .object({
    id: Id,
    choice: z.enum(['mine', 'theirs', 'merged']),
    /** For 'merged': the value to keep for each differing field. */
    merged: z.record(z.string().max(64), z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null()])).optional(),
  })
  .refine((v) => v.choice !== 'merged' || v.merged !== undefined, { message: 'Give the merged values', path: ['merged'] });
