/**
 * The estimates capability's records (interventions, their lines and links, the unit-cost
 * library, deflators and confidence grades) and their input schemas. Field shapes carry no zod
 * defaults, because UpdateOf makes them partial and zod would fill a default into every patch;
 * defaults live in the *Input schemas.
 */
import { z } from 'zod';
import { COST_CATEGORIES, FinancialYear, MAX_ITERATIONS, MAX_PENCE, MAX_YEARS, VALUE_TYPES, type CostCategory, type ValueType } from '../calc/estimateModel';
import type { Scenario } from '../calc/savings';
import { Id, OptionalText, RequiredText, type RecordMeta } from './common';

/** Limits and defaults of an estimate, for the editor to check figures as they are typed. */
export { MAX_ITERATIONS, MAX_YEARS } from '../calc/estimateModel';
export const MIN_YEARS = 1;
export const DEFAULT_YEARS = 5;
/** Fewer draws than this give percentiles too rough to quote. */
export const MIN_ITERATIONS = 100;
/** The simulation's seed is one unsigned 32-bit word. */
export const MAX_SEED = 4294967295;
export const DEFAULT_SIMULATION = { iterations: 10000, seed: 1 } as const;

export const SENSITIVITIES = ['public', 'partners', 'team', 'personal'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const SENSITIVITY_LABELS: Record<Sensitivity, string> = {
  public: 'Public',
  partners: 'Partners only',
  team: 'Team only',
  personal: 'Personal data',
};

export const INTERVENTION_STATUSES = ['draft', 'proposed', 'agreed', 'not-taken-forward'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
export const INTERVENTION_STATUS_LABELS: Record<InterventionStatus, string> = {
  draft: 'Draft',
  proposed: 'Proposed to partners',
  agreed: 'Agreed',
  'not-taken-forward': 'Not taken forward',
};

export const SCENARIO_LABELS: Record<Scenario, string> = { pessimistic: 'Pessimistic', central: 'Central', optimistic: 'Optimistic' };

export const COST_CATEGORY_LABELS: Record<CostCategory, string> = { capital: 'Capital', revenue: 'Revenue', 'in-kind': 'In kind' };
export const VALUE_TYPE_LABELS: Record<ValueType, string> = { fiscal: 'Fiscal (public purse)', economic: 'Economic', social: 'Social' };

const fraction = (label: string) =>
  z.number({ error: `${label} must be a number from 0 to 1` }).min(0, `${label} cannot be below 0 %`).max(1, `${label} cannot be above 100 %`);

const pence = (label: string) =>
  z
    .number({ error: `${label} must be an amount in pence` })
    .int(`${label} must be a whole number of pence`)
    .min(0, `${label} cannot be negative`)
    .max(MAX_PENCE, `${label} is more than £10 billion; check the units`);

/** One year of a line, in pence: low ≤ central ≤ high. */
export const ProfileCell = z
  .object({ low: pence('Low'), central: pence('Central'), high: pence('High') })
  .superRefine((e, ctx) => {
    if (e.low > e.central) ctx.addIssue({ code: 'custom', path: ['low'], message: `low (${e.low}) is greater than central (${e.central})` });
    if (e.high < e.central) ctx.addIssue({ code: 'custom', path: ['high'], message: `high (${e.high}) is less than central (${e.central})` });
  });
export type ProfileCell = z.infer<typeof ProfileCell>;

/** Volumes for a line built from a unit cost (counts may be fractional, e.g. 12.5 bed-days). */
export const VolumeCell = z
  .object({
    low: z.number().min(0, 'Volumes cannot be negative'),
    central: z.number().min(0, 'Volumes cannot be negative'),
    high: z.number().min(0, 'Volumes cannot be negative'),
  })
  .superRefine((e, ctx) => {
    if (e.low > e.central) ctx.addIssue({ code: 'custom', path: ['low'], message: `low volume (${e.low}) is greater than central (${e.central})` });
    if (e.high < e.central) ctx.addIssue({ code: 'custom', path: ['high'], message: `high volume (${e.high}) is less than central (${e.central})` });
  });
export type VolumeCell = z.infer<typeof VolumeCell>;

export const DiscountSetting = z.union([
  z.object({ schedule: z.literal('green-book') }),
  z.object({ rate: fraction('The discount rate') }),
]);
export type DiscountSetting = z.infer<typeof DiscountSetting>;

export const OptimismBiasSetting = z.object({ costs: fraction('Optimism bias on costs'), benefits: fraction('Optimism bias on benefits') });
export const SimulationSetting = z.object({
  iterations: z.number().int('Iterations must be a whole number').min(MIN_ITERATIONS, `Use at least ${MIN_ITERATIONS} iterations`).max(MAX_ITERATIONS, `At most ${MAX_ITERATIONS} iterations`),
  seed: z.number().int('The seed must be a whole number').min(0, 'The seed must be 0 or more').max(MAX_SEED, `The seed must be below ${MAX_SEED + 1}`),
});

export const InterventionFields = {
  name: RequiredText('The intervention name', 200),
  description: OptionalText(),
  themeId: Id.nullish().transform((v) => v ?? null),
  status: z.enum(INTERVENTION_STATUSES, { error: 'Choose a status' }),
  startYear: FinancialYear('The start year'),
  years: z
    .number({ error: 'How many years the estimate runs is required' })
    .int('Years must be a whole number')
    .min(MIN_YEARS, `The estimate must run for at least ${MIN_YEARS} year`)
    .max(MAX_YEARS, `At most ${MAX_YEARS} years`),
  priceYear: FinancialYear('The price year'),
  discount: DiscountSetting,
  optimismBias: OptimismBiasSetting,
  simulation: SimulationSetting,
  sensitivity: z.enum(SENSITIVITIES, { error: 'Choose who may see this estimate' }),
};
export const InterventionInput = z
  .object({
    ...InterventionFields,
    status: InterventionFields.status.default('draft'),
    years: InterventionFields.years.default(DEFAULT_YEARS),
    priceYear: InterventionFields.priceYear.optional(),
    discount: DiscountSetting.default({ schedule: 'green-book' }),
    optimismBias: OptimismBiasSetting.default({ costs: 0, benefits: 0 }),
    simulation: SimulationSetting.default({ ...DEFAULT_SIMULATION }),
    sensitivity: InterventionFields.sensitivity.default('partners'),
  })
  .transform((v) => ({ ...v, priceYear: v.priceYear ?? v.startYear }));
export type InterventionInput = z.input<typeof InterventionInput>;

export interface Intervention extends RecordMeta {
  name: string;
  description: string | null;
  themeId: string | null;
  status: InterventionStatus;
  startYear: string;
  years: number;
  priceYear: string;
  discount: DiscountSetting;
  optimismBias: { costs: number; benefits: number };
  simulation: { iterations: number; seed: number };
  sensitivity: Sensitivity;
}

export const LINE_KINDS = ['cost', 'benefit'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

export const EstimateLineFields = {
  label: RequiredText('The line label', 200),
  organisationId: Id.nullish().transform((v) => v ?? null),
  category: z.enum(COST_CATEGORIES, { error: `The category is one of ${COST_CATEGORIES.join(', ')}` }).nullish().transform((v) => v ?? null),
  valueType: z.enum(VALUE_TYPES, { error: `The value type is one of ${VALUE_TYPES.join(', ')}` }).nullish().transform((v) => v ?? null),
  cashable: z.boolean({ error: 'Cashable is yes or no' }),
  deadweight: fraction('Deadweight'),
  attributionToOthers: fraction('Attribution to others'),
  displacement: fraction('Displacement'),
  dropOff: fraction('Drop-off'),
  /** The line's own optimism bias (proposed by its confidence grade); null = the intervention's. */
  optimismBias: fraction('Optimism bias').nullish().transform((v) => v ?? null),
  confidenceGrade: z.string().trim().max(10).nullish().transform((v) => (v ? v : null)),
  profile: z.array(ProfileCell).max(MAX_YEARS, `At most ${MAX_YEARS} years`),
  unitCostId: Id.nullish().transform((v) => v ?? null),
  volumes: z.array(VolumeCell).max(MAX_YEARS).nullish().transform((v) => v ?? null),
  notes: OptionalText(),
  position: z.number().int().min(0),
};
export const EstimateLineInput = z.object({
  ...EstimateLineFields,
  interventionId: Id,
  kind: z.enum(LINE_KINDS, { error: 'A line is a cost or a benefit' }),
  cashable: EstimateLineFields.cashable.default(false),
  deadweight: EstimateLineFields.deadweight.default(0),
  attributionToOthers: EstimateLineFields.attributionToOthers.default(0),
  displacement: EstimateLineFields.displacement.default(0),
  dropOff: EstimateLineFields.dropOff.default(0),
  profile: EstimateLineFields.profile.default([]),
  position: EstimateLineFields.position.optional(),
});
export type EstimateLineInput = z.input<typeof EstimateLineInput>;

export interface EstimateLine extends RecordMeta {
  interventionId: string;
  position: number;
  kind: LineKind;
  label: string;
  organisationId: string | null;
  category: CostCategory | null;
  valueType: ValueType | null;
  cashable: boolean;
  deadweight: number;
  attributionToOthers: number;
  displacement: number;
  dropOff: number;
  optimismBias: number | null;
  confidenceGrade: string | null;
  profile: ProfileCell[];
  unitCostId: string | null;
  volumes: VolumeCell[] | null;
  notes: string | null;
  sensitivity: Sensitivity;
}

export const InterventionLinkInput = z
  .object({
    interventionId: Id,
    hypothesisId: Id.nullish().transform((v) => v ?? null),
    evidenceId: Id.nullish().transform((v) => v ?? null),
    note: OptionalText(1000),
  })
  .refine((l) => (l.hypothesisId === null) !== (l.evidenceId === null), { message: 'Link to one hypothesis or one piece of evidence', path: ['hypothesisId'] });

export interface InterventionLink extends RecordMeta {
  interventionId: string;
  hypothesisId: string | null;
  evidenceId: string | null;
  note: string | null;
  sensitivity: Sensitivity;
}

export const UnitCostFields = {
  code: RequiredText('The code', 50),
  description: RequiredText('The description', 500),
  unit: RequiredText('The unit', 100),
  agency: RequiredText('The agency bearing the cost', 200),
  valuePence: pence('The value'),
  priceYear: FinancialYear('The price year'),
  source: OptionalText(1000),
  quality: OptionalText(50),
};
export const UnitCostInput = z.object(UnitCostFields);
export type UnitCostInput = z.input<typeof UnitCostInput>;
export interface UnitCost extends RecordMeta {
  code: string;
  description: string;
  unit: string;
  agency: string;
  valuePence: number;
  priceYear: string;
  source: string | null;
  quality: string | null;
}
export const UnitCostFilter = z.object({ text: z.string().trim().max(200).optional() }).default({});

export const DeflatorFields = {
  year: FinancialYear('The year'),
  index: z.number({ error: 'The index must be a number' }).positive('The index must be above 0').max(100000, 'The index looks too large'),
};
export const DeflatorInput = z.object(DeflatorFields);
export interface Deflator extends RecordMeta {
  year: string;
  index: number;
}

export const ConfidenceGradeFields = {
  grade: RequiredText('The grade', 10),
  description: OptionalText(500),
  optimismBias: fraction('The proposed optimism bias'),
};
export const ConfidenceGradeInput = z.object(ConfidenceGradeFields);
export interface ConfidenceGrade extends RecordMeta {
  grade: string;
  description: string | null;
  optimismBias: number;
}
