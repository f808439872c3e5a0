/**
 * The estimates capability's records (interventions, their lines and links, the unit-cost
 * library, deflators and confidence grades) and their input schemas. Field shapes carry no zod
 * defaults, because UpdateOf makes them partial and zod would fill a default into every patch;
 * defaults live in the *Input schemas.
 */
import { z } from 'zod';
import { IMPACT_DIRECTIONS, type ImpactDirection } from '../calc/appraisal';
import { DEAL_RULES, type DealRule } from '../calc/deal';
import { COST_CATEGORIES, FinancialYear, MAX_COST_OPTIMISM_BIAS, MAX_ITERATIONS, MAX_PENCE, MAX_YEARS, VALUE_TYPES, type CostCategory, type ValueType } from '../calc/estimateModel';
import { DEFAULT_PARAMETER_SET_ID, type ParameterSetContent } from '../calc/parameterSets';
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

/** A line's amount: whole pence, negative allowed (a residual value, a disbenefit), |v| ≤ £10 billion. */
const amount = (label: string) =>
  z
    .number({ error: `${label} must be an amount in pence` })
    .int(`${label} must be a whole number of pence`)
    .min(-MAX_PENCE, `${label} is beyond −£10 billion; check the units`)
    .max(MAX_PENCE, `${label} is more than £10 billion; check the units`);

/** One year of a line, in pence: low ≤ central ≤ high. */
export const ProfileCell = z
  .object({ low: amount('Low'), central: amount('Central'), high: amount('High') })
  .superRefine((e, ctx) => {
    if (e.low > e.central) ctx.addIssue({ code: 'custom', path: ['low'], message: `low (${e.low}) is greater than central (${e.central})` });
    if (e.high < e.central) ctx.addIssue({ code: 'custom', path: ['high'], message: `high (${e.high}) is less than central (${e.central})` });
  });
export type ProfileCell = z.infer<typeof ProfileCell>;

/** Largest volume in a year (a billion units): with the amount bound, keeps value × volume exact. */
export const MAX_VOLUME = 1_000_000_000;
const volume = z.number({ error: 'A volume must be a number' }).min(0, 'Volumes cannot be negative').max(MAX_VOLUME, 'A volume must be at most 1,000,000,000');

/** Volumes for a line built from a unit cost (counts may be fractional, e.g. 12.5 bed-days). */
export const VolumeCell = z
  .object({ low: volume, central: volume, high: volume })
  .superRefine((e, ctx) => {
    if (e.low > e.central) ctx.addIssue({ code: 'custom', path: ['low'], message: `low volume (${e.low}) is greater than central (${e.central})` });
    if (e.high < e.central) ctx.addIssue({ code: 'custom', path: ['high'], message: `high volume (${e.high}) is less than central (${e.central})` });
  });
export type VolumeCell = z.infer<typeof VolumeCell>;

export const DISCOUNT_SCHEDULE_LABELS = { 'green-book': 'Green Book standard schedule', health: 'Green Book health schedule' } as const;

export const DiscountSetting = z.union([z.object({ schedule: z.enum(['green-book', 'health']) }), z.object({ rate: fraction('The discount rate') })], {
  error: 'Discounting is the Green Book standard or health schedule, or a constant rate',
});
export type DiscountSetting = z.infer<typeof DiscountSetting>;

/** Optimism bias on costs: 0 to 200 % (the Green Book's upper bound for equipment and development projects). */
export const costOptimismBias = (label: string) =>
  z.number({ error: `${label} must be a number` }).min(0, `${label} cannot be below 0 %`).max(MAX_COST_OPTIMISM_BIAS, `${label} cannot be above 200 %`);
/** Optimism bias on benefits: from 0 up to, not including, 100 % (a cut of 100 % would leave nothing). */
export const benefitOptimismBias = (label: string) =>
  z.number({ error: `${label} must be a number` }).min(0, `${label} cannot be below 0 %`).lt(1, `${label} must be below 100 %`);

export const OptimismBiasSetting = z.object({ costs: costOptimismBias('Optimism bias on costs'), benefits: benefitOptimismBias('Optimism bias on benefits') });

/** A parameter set's own id ("hmt-green-book-2022"). */
export const ParameterSetId = z.string({ error: 'Choose a parameter set' }).trim().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Not a parameter set id');
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
  /** The parameter set the estimate is made with (its discount schedules and values per unit). */
  parameterSetId: ParameterSetId,
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
    parameterSetId: ParameterSetId.default(DEFAULT_PARAMETER_SET_ID),
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
  parameterSetId: string;
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
  /**
   * The line's own optimism bias (proposed by its confidence grade); null = the intervention's.
   * Up to 200 % on a cost line, below 100 % on a benefit line (checked against the line's kind).
   */
  optimismBias: costOptimismBias('Optimism bias').nullish().transform((v) => v ?? null),
  /** The line's own discounting (health and life values: the health schedule); null = the intervention's. */
  discount: DiscountSetting.nullish().transform((v) => v ?? null),
  /** A value per unit from the intervention's parameter set (its key), × volumes: a valued outcome. */
  parameterValue: z.string().trim().max(50).nullish().transform((v) => (v ? v : null)),
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
  discount: DiscountSetting | null;
  confidenceGrade: string | null;
  profile: ProfileCell[];
  parameterValue: string | null;
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
  /**
   * What tells apart entries that share a code (the Unit Cost Database repeats codes for different
   * agencies, units or details); '' when the code is used once. Entries are keyed by code + variant.
   */
  variant: z.string().trim().max(200, 'Keep the variant under 200 characters'),
  description: RequiredText('The description', 500),
  unit: RequiredText('The unit', 100),
  agency: RequiredText('The agency bearing the cost', 200),
  valuePence: pence('The value'),
  priceYear: FinancialYear('The price year'),
  source: OptionalText(1000),
  quality: OptionalText(50),
  /** The sheet or outcome area it came from (e.g. "Crime"), for browsing. */
  category: OptionalText(200),
  /** A health or life value (QALY, WELLBY): lines valued with it default to the health schedule. */
  healthValue: z.boolean({ error: 'Health or life value is yes or no' }),
};
export const UnitCostInput = z.object({ ...UnitCostFields, variant: UnitCostFields.variant.default(''), healthValue: UnitCostFields.healthValue.default(false) });
export type UnitCostInput = z.input<typeof UnitCostInput>;
export interface UnitCost extends RecordMeta {
  code: string;
  variant: string;
  description: string;
  unit: string;
  agency: string;
  valuePence: number;
  priceYear: string;
  source: string | null;
  quality: string | null;
  category: string | null;
  healthValue: boolean;
}
/** "CR1.0" or "CR1.0 (Police)": how an entry is named where its variant matters. */
export const unitCostName = (u: Pick<UnitCost, 'code' | 'variant'>): string => (u.variant ? `${u.code} (${u.variant})` : u.code);
export const UnitCostFilter = z.object({ text: z.string().trim().max(200).optional() }).default({});

export const DeflatorFields = {
  year: FinancialYear('The year'),
  index: z.number({ error: 'The index must be a number' }).positive('The index must be above 0').max(100000, 'The index looks too large'),
  /** Where the figure was published (e.g. "HM Treasury GDP deflators, March 2026"). */
  source: OptionalText(500),
};
export const DeflatorInput = z.object(DeflatorFields);
export interface Deflator extends RecordMeta {
  year: string;
  index: number;
  source: string | null;
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

/** An impact nobody has put a value on, listed beside NPV and BCR in the appraisal summary. */
export const NonMonetisedImpactFields = {
  description: RequiredText('The impact', 1000),
  direction: z.enum(IMPACT_DIRECTIONS, { error: `The direction is one of ${IMPACT_DIRECTIONS.join(', ')}` }),
  affected: OptionalText(500),
  evidenceId: Id.nullish().transform((v) => v ?? null),
  position: z.number().int().min(0),
};
export const NonMonetisedImpactInput = z.object({
  ...NonMonetisedImpactFields,
  interventionId: Id,
  direction: NonMonetisedImpactFields.direction.default('positive'),
  position: NonMonetisedImpactFields.position.optional(),
});
export type NonMonetisedImpactInput = z.input<typeof NonMonetisedImpactInput>;
export interface NonMonetisedImpact extends RecordMeta {
  interventionId: string;
  position: number;
  description: string;
  direction: ImpactDirection;
  affected: string | null;
  evidenceId: string | null;
  sensitivity: Sensitivity;
}

/** One agreed transfer of the wrong-pocket deal (organisation ids; null = lines with no organisation chosen). */
export const DealTransferInput = z
  .object({
    fromOrganisationId: Id.nullable(),
    toOrganisationId: Id.nullable(),
    amountPence: z
      .number({ error: 'The amount must be in pence' })
      .int('The amount must be whole pence')
      .positive('A transfer must be more than £0')
      .max(MAX_PENCE * 1000, 'The amount is too large; check the units'),
  })
  .refine((t) => t.fromOrganisationId !== t.toOrganisationId, { message: 'An organisation cannot pay itself', path: ['toOrganisationId'] });
export type DealTransferInput = z.infer<typeof DealTransferInput>;

export const PortfolioDealFields = {
  rule: z.enum(DEAL_RULES, { error: `The rule is one of ${DEAL_RULES.join(', ')}` }),
  /** The transfers as agreed (edited); null = follow the rule's proposal. */
  transfers: z.array(DealTransferInput).max(500, 'At most 500 transfers').nullable(),
  note: OptionalText(2000),
};
export const PortfolioDealInput = z.object(PortfolioDealFields);
export interface PortfolioDeal extends RecordMeta {
  rule: DealRule;
  transfers: DealTransferInput[] | null;
  note: string | null;
}

/** A parameter set as the workbench holds it: the set as issued, who signed it, and whether it is built in. */
export interface ParameterSetView {
  /** The set's own id. */
  id: string;
  /** The record id of an imported set (null for a set built into the workbench). */
  recordId: string | null;
  builtIn: boolean;
  content: ParameterSetContent;
  sha256: string;
  signer: { fingerprint: string; minisignPublicKey: string } | null;
  importedAt: string | null;
  /** How many live interventions use it. */
  usedBy: number;
}
