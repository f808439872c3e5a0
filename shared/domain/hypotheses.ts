import { z } from 'zod';
import { Id, OptionalDate, OptionalText, RequiredText, type RecordMeta } from './common';

export const HYPOTHESIS_STATUSES = ['proposed', 'testing', 'supported', 'refuted', 'inconclusive', 'parked'] as const;
export type HypothesisStatus = (typeof HYPOTHESIS_STATUSES)[number];
export const HYPOTHESIS_STATUS_LABELS: Record<HypothesisStatus, string> = {
  proposed: 'Proposed',
  testing: 'Testing',
  supported: 'Supported',
  refuted: 'Refuted',
  inconclusive: 'Inconclusive',
  parked: 'Parked',
};

/**
 * The lifecycle: proposed → testing → a verdict; any verdict or parked can be reopened for testing.
 * Moving straight from proposed to a verdict is refused: a verdict needs testing first.
 */
export const HYPOTHESIS_TRANSITIONS: Record<HypothesisStatus, readonly HypothesisStatus[]> = {
  proposed: ['testing', 'parked'],
  testing: ['supported', 'refuted', 'inconclusive', 'parked', 'proposed'],
  supported: ['testing', 'parked'],
  refuted: ['testing', 'parked'],
  inconclusive: ['testing', 'parked'],
  parked: ['proposed', 'testing'],
};

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];
/** How a confidence level is shown to people, in the app and the report. */
export const CONFIDENCE_LABELS: Record<Confidence, string> = { low: 'Low', medium: 'Medium', high: 'High' };

export const HypothesisFields = {
  statement: RequiredText('The hypothesis statement', 1000),
  themeId: Id.nullish().transform((v) => v ?? null),
  ownerId: Id.nullish().transform((v) => v ?? null),
  rationale: OptionalText(),
  supportCriteria: OptionalText(),
  refuteCriteria: OptionalText(),
  dueDate: OptionalDate,
  confidence: z.enum(CONFIDENCE_LEVELS, { error: 'Confidence is low, medium or high' }).nullish().transform((v) => v ?? null),
  /** Heuer's last step: what to watch for that would show events taking a different course. */
  indicators: OptionalText(),
};
export const HypothesisInput = z.object(HypothesisFields);
export type HypothesisInput = z.input<typeof HypothesisInput>;

export interface Hypothesis extends RecordMeta {
  statement: string;
  themeId: string | null;
  ownerId: string | null;
  rationale: string | null;
  supportCriteria: string | null;
  refuteCriteria: string | null;
  status: HypothesisStatus;
  dueDate: string | null;
  confidence: Confidence | null;
  indicators: string | null;
}

export const HypothesisFilter = z
  .object({
    status: z.enum(HYPOTHESIS_STATUSES).optional(),
    themeId: Id.optional(),
    ownerId: Id.optional(),
    text: z.string().trim().max(200).optional(),
    includeDeleted: z.boolean().optional(),
  })
  .default({});

export const HypothesisStatusChange = z.object({
  id: Id,
  rev: z.string(),
  status: z.enum(HYPOTHESIS_STATUSES, { error: 'Unknown status' }),
  /** The reason for the change; required for a verdict (supported, refuted, inconclusive). */
  note: OptionalText(1000),
  /** Moving to supported or refuted with no evidence linked is refused unless this is true. */
  withoutEvidence: z.boolean().default(false),
});

/** Statuses that are a verdict: they need a reason. */
export const VERDICTS: readonly HypothesisStatus[] = ['supported', 'refuted', 'inconclusive'];
/** Verdicts that claim the evidence points one way: with none linked, the person must confirm. */
export const NEEDS_EVIDENCE: readonly HypothesisStatus[] = ['supported', 'refuted'];

export interface StatusChange {
  from: HypothesisStatus | null;
  to: HypothesisStatus;
  actor: string;
  at: string;
  note: string | null;
}
