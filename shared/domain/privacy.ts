/**
 * Data protection: retention rules and reviews, erasure and its log, subject-access searches
 * (main/privacy/). Limits and input shapes shared by the UI, the CLI and the services.
 */
import { z } from 'zod';
import { Id, IsoDate, RequiredText } from './common';
import { SENSITIVITIES, type Sensitivity } from './evidence';

/** Built-in retention (months after the pilot ends) when neither the team nor IT set one: personal data a year, the rest kept. */
export const DEFAULT_RETENTION_MONTHS: Readonly<Partial<Record<Sensitivity, number>>> = { personal: 12 };

export const Reason = RequiredText('A reason', 1000);

export const EraseInput = z.object({ id: Id, reason: Reason });
export const PruneSnapshotsInput = z.object({ snapshots: z.array(z.string().min(1).max(300)).min(1).max(1000) });

export const RetentionRuleInput = z.object({
  sensitivity: z.enum(SENSITIVITIES),
  /** Months after the pilot ends; null: kept until someone decides. */
  months: z.number().int().min(0, 'Use 0 months or more').max(1200, 'Use at most 1200 months').nullable(),
});

export const RetentionDecisionInput = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('keep'), evidenceId: Id, reason: Reason, until: IsoDate }),
  z.object({ decision: z.literal('anonymise'), evidenceId: Id, reason: Reason }),
  z.object({ decision: z.literal('erase'), evidenceId: Id, reason: Reason }),
]);
export type RetentionDecisionInput = z.infer<typeof RetentionDecisionInput>;

export const ReviewDateInput = z.object({ evidenceId: Id, reviewOn: IsoDate.nullable() });

export const SarSearchInput = z.object({
  text: z.string().trim().min(2, 'Give at least two characters of a name or identifier').max(200, 'Keep the search under 200 characters'),
  /** The request's own reference (e.g. SAR-2026-014), kept in the log of searches. */
  reference: z.string().trim().max(100).optional(),
});
export const SarExportInput = SarSearchInput.extend({ folder: z.string().min(1).max(1000) });

export interface RetentionRule {
  sensitivity: Sensitivity;
  months: number | null;
  /** Whose rule applies: the team's, IT's policy, or the built-in default. */
  source: 'team' | 'policy' | 'default';
}

export interface RetentionItem {
  evidenceId: string;
  title: string;
  kind: string;
  sensitivity: Sensitivity;
  /** When it is due for review (null: kept until someone decides). */
  reviewOn: string | null;
  /** Whether reviewOn was set by hand (a keep decision or an override) rather than by the rule. */
  overridden: boolean;
  due: boolean;
  lastDecision: { decision: 'keep' | 'anonymise'; reason: string; at: string; by: string } | null;
}

export interface RetentionOverview {
  pilotEnds: string | null;
  rules: RetentionRule[];
  due: RetentionItem[];
  upcoming: RetentionItem[];
}

export interface ErasureLogEntry {
  id: string;
  at: string;
  actor: string;
  recordTable: string;
  recordId: string;
  kind: string;
  titleSha256: string | null;
  reason: string;
  action: 'erase' | 'anonymise';
  source: 'here' | 'retention' | 'partner' | 'team';
  counts: Record<string, number>;
}

export interface SnapshotFile {
  file: string;
  takenAt: string;
  size: number;
}

export interface ErasePreview {
  id: string;
  kind: string;
  label: string;
  /** What goes with it, as a person reads it ("3 quotes", "1 attachment"). */
  parts: string[];
}

export interface EraseResult {
  log: ErasureLogEntry;
  /** Snapshots taken before the erasure: they may still hold it; prune them with erasure.pruneSnapshots. */
  olderSnapshots: SnapshotFile[];
  blobsRemoved: number;
  /** Board report versions generated before, whose HTML shows it: they are the record of what went out, kept as they are. */
  reportVersions: number[];
  /** Whether the write-ahead log could be emptied at once (another reader can delay it to the next start). */
  walTruncated: boolean;
}

export interface SarHit {
  /** Where it was found: a record's current text, an older revision, attachment text. */
  where: 'record' | 'history' | 'attachment';
  table: string;
  kind: string;
  recordId: string;
  label: string;
  /** The passage around the first match. */
  excerpt: string;
  rev: string | null;
  at: string | null;
  deleted: boolean;
}

export interface SarResult {
  text: string;
  hits: SarHit[];
  /** Records (by id) that match anywhere. */
  records: number;
  loggedAt: string;
}

export interface SarLogEntry {
  id: string;
  at: string;
  actor: string;
  reference: string | null;
  matches: number;
  exportedTo: string | null;
}

/** An erasure's counts as a person reads them: "2 evidence links, 3 revisions" (record kinds are stored by their singular noun). */
export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => {
      const noun = k === 'revisions' ? 'stored revision' : k === 'files' ? 'attachment file' : k.toLowerCase();
      return `${n} ${noun}${n === 1 ? '' : 's'}`;
    })
    .join(', ');
}
