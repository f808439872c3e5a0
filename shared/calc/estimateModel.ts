/**
 * The estimate model (ESTIMATES.md) as a zod schema: what `tpw estimate eval` reads and what the
 * app builds from its tables before calling the calculation. Messages name the field and say
 * what is wrong with the value, e.g. `lines.2.profile.1.low: low (5000) is greater than central (4000)`.
 */
import { z } from 'zod';
import { FinancialYear } from './financialYear';
import { BUILT_IN_SETS } from './parameterSets';

/**
 * Largest amount accepted, in pence, either way (|v| ≤ 10^12, £10 billion): a larger figure is
 * refused rather than computed inexactly (beyond 2^53 a double cannot even hold every whole penny).
 */
export const MAX_PENCE = 1_000_000_000_000;
/** Optimism bias on costs may reach 200 % (the Green Book's upper bound for equipment and development projects). */
export const MAX_COST_OPTIMISM_BIAS = 2;
/** Longest appraisal period (years). The Green Book schedule runs past 300 years; 400 covers it. */
export const MAX_YEARS = 400;
export const MAX_ITERATIONS = 1_000_000;

export const COST_CATEGORIES = ['capital', 'revenue', 'in-kind'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
export const VALUE_TYPES = ['fiscal', 'economic', 'social'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const ADJUSTMENTS = ['deadweight', 'attributionToOthers', 'displacement', 'dropOff'] as const;
export type Adjustment = (typeof ADJUSTMENTS)[number];

export { FINANCIAL_YEAR_RE, FinancialYear, financialYearAt, isFinancialYear } from './financialYear';

const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const describe = (v: unknown) => (v === undefined ? 'missing' : JSON.stringify(v));

/** A fraction 0–1, default 0. */
export const Fraction = (name: string) =>
  z
    .unknown()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined || v === null) return;
      if (!isNumber(v)) ctx.addIssue({ code: 'custom', message: `${name} must be a number from 0 to 1 (got ${describe(v)})` });
      else if ((v as number) < 0 || (v as number) > 1) ctx.addIssue({ code: 'custom', message: `${name} must be a fraction from 0 to 1 (got ${v as number})` });
    })
    .transform((v) => (isNumber(v) ? (v as number) : 0));

/**
 * An amount in whole pence with |v| ≤ 10^12. Negative amounts are allowed (a residual value on a
 * cost line, a disbenefit on a benefit line); low ≤ central ≤ high still holds.
 */
export const Pence = (name: string) =>
  z.unknown().superRefine((v, ctx) => {
    if (v === undefined || v === null) ctx.addIssue({ code: 'custom', message: `${name} is required (an amount in pence)` });
    else if (!isNumber(v)) ctx.addIssue({ code: 'custom', message: `${name} must be an amount in pence (got ${describe(v)})` });
    else if (Math.abs(v as number) > MAX_PENCE)
      ctx.addIssue({ code: 'custom', message: `${name} is beyond ±10^12 pence (±£10 billion), so it cannot be computed exactly (got ${String(v)}); check the units are pence` });
    else if (!Number.isInteger(v)) ctx.addIssue({ code: 'custom', message: `${name} must be a whole number of pence (got ${v as number})` });
  }) as unknown as z.ZodType<number, unknown>;

/** An optimism-bias fraction in [0, max] (costs) or [0, 1) (benefits: a cut of 100 % would leave nothing). */
export const OptimismBiasFraction = (name: string, kind: 'costs' | 'benefits') =>
  z
    .unknown()
    .optional()
    .superRefine((v, ctx) => {
      if (v === undefined || v === null) return;
      if (!isNumber(v)) ctx.addIssue({ code: 'custom', message: `${name} must be a number (got ${describe(v)})` });
      else if (kind === 'costs' && ((v as number) < 0 || (v as number) > MAX_COST_OPTIMISM_BIAS))
        ctx.addIssue({ code: 'custom', message: `${name} must be from 0 to 2 (200 %, the Green Book's upper bound) (got ${v as number})` });
      else if (kind === 'benefits' && ((v as number) < 0 || (v as number) >= 1))
        ctx.addIssue({ code: 'custom', message: `${name} must be at least 0 and below 1 (got ${v as number})` });
    })
    .transform((v) => (isNumber(v) ? (v as number) : undefined));

export const ProfileEntry = z
  .object(
    { low: Pence('low'), central: Pence('central'), high: Pence('high') },
    { error: 'must be an object {"low", "central", "high"} in pence' },
  )
  .strict()
  .superRefine((e, ctx) => {
    if (!isNumber(e.low) || !isNumber(e.central) || !isNumber(e.high)) return;
    if (e.low > e.central) ctx.addIssue({ code: 'custom', path: ['low'], message: `low (${e.low}) is greater than central (${e.central})` });
    if (e.high < e.central) ctx.addIssue({ code: 'custom', path: ['high'], message: `high (${e.high}) is less than central (${e.central})` });
  });
export type ProfileEntry = z.infer<typeof ProfileEntry>;

export const Discount: z.ZodType<DiscountValue> = z.union(
  [
    z.object({ schedule: z.enum(['green-book', 'health']) }).strict(),
    z.object({ rate: z.number({ error: 'rate must be a number' }).min(0, 'rate must be from 0 to 1 (e.g. 0.035)').max(1, 'rate must be from 0 to 1 (e.g. 0.035)') }).strict(),
  ],
  { error: 'discount must be {"schedule": "green-book"}, {"schedule": "health"} or {"rate": r} with r from 0 to 1' },
);
type DiscountValue = { schedule: 'green-book' | 'health' } | { rate: number };
export type Discount = DiscountValue;

const LineBase = {
  label: z.string({ error: 'label is required' }).trim().min(1, 'label is required').max(200, 'label must be under 200 characters'),
  organisation: z
    .string({ error: 'organisation is required (who pays or who benefits)' })
    .trim()
    .min(1, 'organisation is required (who pays or who benefits)')
    .max(200, 'organisation must be under 200 characters'),
  cashable: z.boolean({ error: 'cashable must be true or false' }).default(false),
  /** This line's own discounting (health and life values on the health schedule); absent = the model's. */
  discount: Discount.optional(),
  profile: z.array(ProfileEntry, { error: 'profile must be a list of {"low", "central", "high"}, one per year' }),
};

const CostLine = z
  .object({
    kind: z.literal('cost'),
    ...LineBase,
    /** Overrides the model's optimism bias for this line (proposed by the line's confidence grade). */
    optimismBias: OptimismBiasFraction('optimismBias', 'costs'),
    category: z.enum(COST_CATEGORIES, { error: `category must be one of ${COST_CATEGORIES.join(', ')}` }),
  })
  .strict();

const BenefitLine = z
  .object({
    kind: z.literal('benefit'),
    ...LineBase,
    optimismBias: OptimismBiasFraction('optimismBias', 'benefits'),
    valueType: z.enum(VALUE_TYPES, { error: `valueType must be one of ${VALUE_TYPES.join(', ')}` }),
    deadweight: Fraction('deadweight'),
    attributionToOthers: Fraction('attributionToOthers'),
    displacement: Fraction('displacement'),
    dropOff: Fraction('dropOff'),
  })
  .strict();

export const ModelLine = z.discriminatedUnion('kind', [CostLine, BenefitLine], {
  error: (iss) => (iss.code === 'invalid_union' ? 'kind must be "cost" or "benefit"' : undefined),
});
export type ModelLine = z.infer<typeof ModelLine>;
export type ModelLineInput = z.input<typeof ModelLine>;

export const Simulation = z
  .object({
    iterations: z
      .number({ error: 'iterations must be a whole number' })
      .int('iterations must be a whole number')
      .min(1, 'iterations must be at least 1')
      .max(MAX_ITERATIONS, `iterations must be at most ${MAX_ITERATIONS}`),
    seed: z
      .number({ error: 'seed must be a whole number' })
      .int('seed must be a whole number')
      .min(0, 'seed must be from 0 to 4294967295')
      .max(4294967295, 'seed must be from 0 to 4294967295'),
  })
  .strict();
export type Simulation = z.infer<typeof Simulation>;

export const EstimateModel = z
  .object(
    {
      name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200, 'name must be under 200 characters'),
      startYear: FinancialYear('startYear'),
      years: z
        .number({ error: 'years is required (how many years the estimate runs)' })
        .int('years must be a whole number')
        .min(1, 'years must be at least 1')
        .max(MAX_YEARS, `years must be at most ${MAX_YEARS}`),
      /** The parameter set the figures were made with (the sets built into the workbench); default the one shipped. */
      parameterSet: z
        .string({ error: 'parameterSet must be the id of a parameter set' })
        .refine((id) => BUILT_IN_SETS.some((s) => s.id === id), {
          error: (iss) => `unknown parameter set ${JSON.stringify(iss.input)}; the sets built in are ${BUILT_IN_SETS.map((s) => s.id).join(', ')}`,
        })
        .optional(),
      discount: Discount.default({ schedule: 'green-book' }),
      optimismBias: z
        .object(
          { costs: OptimismBiasFraction('optimismBias.costs', 'costs'), benefits: OptimismBiasFraction('optimismBias.benefits', 'benefits') },
          { error: 'optimismBias must be {"costs", "benefits"}' },
        )
        .strict()
        .transform((o) => ({ costs: o.costs ?? 0, benefits: o.benefits ?? 0 }))
        .default({ costs: 0, benefits: 0 }),
      simulation: Simulation.nullish().transform((v) => v ?? null),
      lines: z.array(ModelLine, { error: 'lines is required (a list of cost and benefit lines)' }).max(500, 'at most 500 lines'),
    },
    { error: 'the model must be a JSON object' },
  )
  .strict()
  .superRefine((m, ctx) => {
    m.lines.forEach((line, i) => {
      if (line.profile.length > m.years) {
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'profile'],
          message: `profile has ${line.profile.length} entries but the model runs for ${m.years} years`,
        });
      }
    });
  });
export type EstimateModel = z.infer<typeof EstimateModel>;
export type EstimateModelInput = z.input<typeof EstimateModel>;

export interface ModelIssue {
  path: string;
  message: string;
}

/** Parses a model; on failure every problem is listed as "path: message", first one first. */
export function parseEstimateModel(input: unknown): { ok: true; model: EstimateModel } | { ok: false; issues: ModelIssue[] } {
  const r = EstimateModel.safeParse(input);
  if (r.success) return { ok: true, model: r.data };
  const seen = new Set<string>();
  const issues: ModelIssue[] = [];
  for (const issue of r.error.issues) {
    const path = issue.path.map(String).join('.') || '(model)';
    if (seen.has(path)) continue;
    seen.add(path);
    // zod's strict-object message names the key but not in our words.
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    issues.push({ path, message });
  }
  return { ok: false, issues };
}

export const formatIssue = (i: ModelIssue): string => (i.path === '(model)' ? i.message : `${i.path}: ${i.message}`);
