import { z } from 'zod';
import { Id, IsoDate, OptionalDate, OptionalText, RequiredText, type RecordMeta } from './common';

/** Who may see a record; bundles and the report enforce it (personal data never leaves unless chosen). */
export const SENSITIVITY_LEVELS = ['public', 'partners', 'team', 'personal'] as const;
export type Sensitivity = (typeof SENSITIVITY_LEVELS)[number];
export const SENSITIVITY_LABELS: Record<Sensitivity, string> = {
  public: 'Public',
  partners: 'Partners',
  team: 'Team only',
  personal: 'Personal data',
};
const SensitivityField = z.enum(SENSITIVITY_LEVELS, { error: 'Sensitivity is public, partners, team or personal' });
/** Learning and actions are for sharing with the partners unless someone says otherwise. */
export const DEFAULT_SENSITIVITY: Sensitivity = 'partners';

export const LEARNING_KINDS = ['did-not-work', 'failed', 'difficult', 'lesson'] as const;
export type LearningKind = (typeof LEARNING_KINDS)[number];
export const LEARNING_KIND_LABELS: Record<LearningKind, string> = {
  'did-not-work': 'Did not work',
  failed: 'Failed',
  difficult: 'Was difficult',
  lesson: 'Lesson',
};

/**
 * The barriers Total Place pilots met (PRODUCT.md, capability 6). They are rows of the editable
 * `barriers` table, seeded by migration 0005 with these fixed ids so that two installations
 * (and the bundles they exchange) agree on what "tight timetable" is.
 */
export const SEEDED_BARRIERS: readonly { id: string; name: string }[] = [
  'Extra to the day job',
  'Tight timetable',
  'Initiative overload',
  'History of past partnerships',
  'Shared ownership',
  'Partnership governance',
  'Members running the service rather than steering',
  'Disincentives to collaborate',
  'Fear that identified savings will be cut from budgets',
  'Decommissioning',
  'National vs local remit',
  'Pressure for quick wins',
  'Reorganisation as a reflex',
  'Other',
].map((name, i) => ({ id: `00000000-0000-7000-8b00-${String(i + 1).padStart(12, '0')}`, name }));

export const BarrierFields = {
  name: RequiredText('The barrier name', 200),
  description: OptionalText(1000),
};
export const BarrierInput = z.object(BarrierFields);
export interface Barrier extends RecordMeta {
  name: string;
  description: string | null;
}

const IdList = (what: string) =>
  z
    .array(Id, { error: `${what} must be a list of ids` })
    .max(500, `Link at most 500 ${what.toLowerCase()}`)
    .default([])
    .transform((ids) => [...new Set(ids)]);

export const LearningFields = {
  kind: z.enum(LEARNING_KINDS, { error: 'Choose what kind of learning this is' }),
  title: RequiredText('The title', 300),
  whatHappened: OptionalText(),
  why: OptionalText(),
  doDifferently: OptionalText(),
  author: OptionalText(200),
  occurredOn: IsoDate,
  themeId: Id.nullish().transform((v) => v ?? null),
  barrierIds: IdList('Barriers'),
  hypothesisIds: IdList('Hypotheses'),
  sensitivity: SensitivityField.default(DEFAULT_SENSITIVITY),
};
export const LearningInput = z.object(LearningFields);
export type LearningInput = z.input<typeof LearningInput>;

export interface LearningEntry extends RecordMeta {
  kind: LearningKind;
  title: string;
  whatHappened: string | null;
  why: string | null;
  doDifferently: string | null;
  author: string | null;
  occurredOn: string;
  themeId: string | null;
  barrierIds: string[];
  hypothesisIds: string[];
  sensitivity: Sensitivity;
}

export const LearningFilter = z
  .object({
    kind: z.enum(LEARNING_KINDS).optional(),
    barrierId: Id.optional(),
    themeId: Id.optional(),
    hypothesisId: Id.optional(),
    sensitivity: SensitivityField.optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    text: z.string().trim().max(200).optional(),
  })
  .default({});
export type LearningFilter = z.output<typeof LearningFilter>;

export interface BarrierCount {
  barrierId: string | null;
  name: string;
  count: number;
}

/** Entries per month ("2026-03"), split by kind: the "over time" view. */
export interface LearningMonth {
  month: string;
  total: number;
  byKind: Record<LearningKind, number>;
}

/* ---------- Momentum: recommendations and actions ---------- */

export const ACTION_KINDS = ['recommendation', 'action'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
export const ACTION_KIND_LABELS: Record<ActionKind, string> = { recommendation: 'Recommendation', action: 'Action' };

export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};
/** Statuses that still need someone to act: only these can be overdue. */
export const LIVE_ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in-progress'];

export const ActionFields = {
  kind: z.enum(ACTION_KINDS, { error: 'Choose recommendation or action' }).default('action'),
  title: RequiredText('The title', 300),
  description: OptionalText(),
  organisationId: Id.nullish().transform((v) => v ?? null),
  owner: OptionalText(200),
  dueDate: OptionalDate,
  status: z.enum(ACTION_STATUSES, { error: 'Status is open, in progress, done or dropped' }).default('open'),
  beyondPilot: z.boolean({ error: 'Say whether it carries on beyond the pilot' }).default(false),
  hypothesisIds: IdList('Hypotheses'),
  interventionIds: IdList('Interventions'),
  sensitivity: SensitivityField.default(DEFAULT_SENSITIVITY),
  /** The recommendation an action follows from (an item of kind recommendation); none for a recommendation itself. */
  recommendationId: Id.nullish().transform((v) => v ?? null),
};
export const ActionInput = z.object(ActionFields);
export type ActionInput = z.input<typeof ActionInput>;

export interface Action extends RecordMeta {
  kind: ActionKind;
  title: string;
  description: string | null;
  organisationId: string | null;
  owner: string | null;
  dueDate: string | null;
  status: ActionStatus;
  beyondPilot: boolean;
  hypothesisIds: string[];
  interventionIds: string[];
  sensitivity: Sensitivity;
  recommendationId: string | null;
}

/** An action with what the list needs to show: overdue is worked out by the service against today. */
export interface ActionView extends Action {
  organisationName: string | null;
  overdue: boolean;
  /** The title of the recommendation it follows from (null: none, or it is no longer here). */
  recommendationTitle: string | null;
}

export const ActionFilter = z
  .object({
    kind: z.enum(ACTION_KINDS).optional(),
    /** Only the actions that follow from this recommendation. */
    recommendationId: Id.optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    organisationId: Id.optional(),
    owner: z.string().trim().max(200).optional(),
    overdue: z.boolean().optional(),
    beyondPilot: z.boolean().optional(),
  })
  .default({});
export type ActionFilter = z.output<typeof ActionFilter>;

/* ---------- Benefits register ---------- */

const Pence = (label: string) =>
  z
    .number({ error: `${label} must be a number of pence` })
    .int(`${label} must be whole pence`)
    .min(0, `${label} cannot be negative`)
    .max(1e14, `${label} is too large`);

export const BenefitFields = {
  title: RequiredText('The benefit', 300),
  owner: OptionalText(200),
  organisationId: Id.nullish().transform((v) => v ?? null),
  measure: OptionalText(1000),
  target: OptionalText(1000),
  fullYearPence: Pence('The full-year value'),
  cashReleasing: z.boolean({ error: 'Say whether it is cash-releasing' }).default(false),
  /** From when the benefit is expected to flow: the estimated line starts here. */
  startsOn: OptionalDate,
  interventionId: Id.nullish().transform((v) => v ?? null),
  notes: OptionalText(),
};
export const BenefitInput = z.object(BenefitFields);
export type BenefitInput = z.input<typeof BenefitInput>;

export interface Benefit extends RecordMeta {
  title: string;
  owner: string | null;
  organisationId: string | null;
  measure: string | null;
  target: string | null;
  fullYearPence: number;
  cashReleasing: boolean;
  startsOn: string | null;
  interventionId: string | null;
  notes: string | null;
}

export const RealisationFields = {
  benefitId: Id,
  realisedOn: IsoDate,
  realisedPence: z
    .number({ error: 'The amount realised must be a number of pence' })
    .int('The amount realised must be whole pence')
    .min(-1e14, 'The amount realised is too large')
    .max(1e14, 'The amount realised is too large'),
  note: OptionalText(1000),
};
export const RealisationInput = z.object(RealisationFields);
export type RealisationInput = z.input<typeof RealisationInput>;

export interface Realisation extends RecordMeta {
  benefitId: string;
  realisedOn: string;
  realisedPence: number;
  note: string | null;
}

export interface BenefitView extends Benefit {
  organisationName: string | null;
  /**
   * The estimate this entry takes its figures from (interventionId set): its name, and whether it
   * still exists. While linked, fullYearPence is the estimate's, kept in step with every change to it.
   */
  estimate: { name: string; found: boolean } | null;
  realisations: Realisation[];
  realisedToDatePence: number;
  /** What the full-year value, pro rata from startsOn, says should have been realised by today. */
  expectedToDatePence: number | null;
}

/** Cumulative estimated vs realised by month, across the register (or one benefit). */
export interface BenefitSeriesPoint {
  month: string;
  estimatedPence: number;
  realisedPence: number;
}
