/**
 * Parameter sets (ESTIMATES.md): the published figures an estimate is made with — discount
 * schedules, the optimism-bias reference table and values per unit (a QALY, a WELLBY…) — named,
 * dated, and with a source for every figure. A set never changes once issued: an estimate records
 * the set it was made with, so adding a newer set cannot move an old estimate's figures.
 *
 * The set shipped with the workbench holds only figures we can cite. Values per unit such as a
 * QALY or a WELLBY are not in it: the analyst enters the current figure, with its source, in the
 * unit-cost library (or imports a set that carries them).
 */
import { z } from 'zod';
import { FinancialYear } from './financialYear';

export const SCHEDULE_NAMES = ['green-book', 'health'] as const;
export type ScheduleName = (typeof SCHEDULE_NAMES)[number];

/** r_t = rate for years t ≥ fromYear, until the next band (year 0 is never discounted). */
export interface RateBand {
  fromYear: number;
  rate: number;
}
export type Schedules = Readonly<Record<ScheduleName, readonly RateBand[]>>;

const Source = z
  .string({ error: 'source is required (where the figure was published)' })
  .trim()
  .min(3, 'source is required (where the figure was published)')
  .max(500, 'source must be under 500 characters');

const Bands = z
  .array(
    z
      .object({
        fromYear: z.number({ error: 'fromYear must be a whole number' }).int('fromYear must be a whole number').min(1, 'fromYear starts at 1').max(10000),
        rate: z.number({ error: 'rate must be a number' }).min(0, 'rate must be from 0 to 1 (e.g. 0.035)').max(0.99, 'rate must be from 0 to 1 (e.g. 0.035)'),
      })
      .strict(),
    { error: 'bands must be a list of {"fromYear", "rate"}' },
  )
  .min(1, 'a schedule needs at least one band')
  .max(50)
  .superRefine((bands, ctx) => {
    if (bands[0] && bands[0].fromYear !== 1) ctx.addIssue({ code: 'custom', path: [0, 'fromYear'], message: 'the first band must start at year 1' });
    bands.forEach((b, i) => {
      if (i > 0 && b.fromYear <= bands[i - 1]!.fromYear) ctx.addIssue({ code: 'custom', path: [i, 'fromYear'], message: 'bands must start in increasing years' });
    });
  });

export const ScheduleDef = z.object({ label: z.string().trim().min(1).max(200), bands: Bands, source: Source }).strict();
export type ScheduleDef = z.infer<typeof ScheduleDef>;

const Percent = z.number().min(0).max(10);
export const OptimismBiasEntry = z
  .object({
    projectType: z.string().trim().min(1).max(200),
    /** Upper and lower bounds for capital (or, for outsourcing, operating) costs, as fractions. */
    costsUpper: Percent,
    costsLower: Percent,
    /** Works duration, as fractions; null where the source gives none. */
    durationUpper: Percent.nullable(),
    durationLower: Percent.nullable(),
    source: Source,
  })
  .strict();
export type OptimismBiasEntry = z.infer<typeof OptimismBiasEntry>;

/** Largest value per unit a set may carry (pence): the estimate model's amount bound. */
const MAX_VALUE_PENCE = 1_000_000_000_000;

export const ValueEntry = z
  .object({
    key: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$/, 'key must be letters, digits, ".", "_" or "-" (up to 50)'),
    label: z.string().trim().min(1).max(200),
    unit: z.string().trim().min(1).max(100),
    valuePence: z.number().int('valuePence must be whole pence').min(0).max(MAX_VALUE_PENCE),
    priceYear: FinancialYear('priceYear'),
    /** A health or life value (QALYs, WELLBYs): lines valued with it are discounted on the health schedule by default. */
    healthValue: z.boolean(),
    source: Source,
  })
  .strict();
export type ValueEntry = z.infer<typeof ValueEntry>;

/** A deflator index for a financial year (e.g. HM Treasury's GDP deflator), with its release. */
export const DeflatorEntry = z
  .object({ year: FinancialYear('year'), index: z.number().positive().max(100000), source: Source })
  .strict();
export type DeflatorEntry = z.infer<typeof DeflatorEntry>;

export const PARAMETER_SET_FORMAT = 'tpw-parameter-set';

export const ParameterSetContent = z
  .object({
    format: z.literal(PARAMETER_SET_FORMAT, { error: `format must be "${PARAMETER_SET_FORMAT}"` }),
    version: z.literal(1, { error: 'version must be 1' }),
    id: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id must be lower-case letters, digits and "-" (2 to 63)'),
    name: z.string().trim().min(1).max(200),
    issuer: z.string().trim().min(1).max(200),
    /** When the set was issued: a year ("2022") or a date ("2026-03-31"). */
    edition: z.string().trim().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'edition must be a year like 2026 or a date like 2026-03-31'),
    notes: z.string().trim().max(4000).nullable(),
    schedules: z.object({ 'green-book': ScheduleDef, health: ScheduleDef }).strict(),
    optimismBias: z.array(OptimismBiasEntry).max(100),
    /** Deflators the set's issuer vouches for; years it does not cover use the team's own deflator table. */
    deflators: z
      .array(DeflatorEntry)
      .max(500)
      .default([])
      .superRefine((ds, ctx) => {
        const seen = new Set<string>();
        ds.forEach((d, i) => {
          if (seen.has(d.year)) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `year ${d.year} appears twice` });
          seen.add(d.year);
        });
      }),
    values: z
      .array(ValueEntry)
      .max(1000)
      .superRefine((vs, ctx) => {
        const seen = new Set<string>();
        vs.forEach((v, i) => {
          if (seen.has(v.key.toLowerCase())) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `key "${v.key}" appears twice` });
          seen.add(v.key.toLowerCase());
        });
      }),
  })
  .strict();
export type ParameterSetContent = z.infer<typeof ParameterSetContent>;

const GREEN_BOOK_TABLE = 'HM Treasury Green Book 2022, Annex 6, Table 8';
/** Mott MacDonald's review for HM Treasury, the basis of the Green Book's supplementary guidance on optimism bias. */
const OB_TABLE = 'HM Treasury, Supplementary Green Book Guidance: Optimism Bias, from Mott MacDonald, Review of Large Public Procurement in the UK (2002), Table 2';

/**
 * The set the workbench ships with, and the one every estimate made before sets existed used
 * (its figures are exactly those the workbench always applied). Frozen: a new edition is a new set.
 */
export const GREEN_BOOK_2022: ParameterSetContent = {
  format: PARAMETER_SET_FORMAT,
  version: 1,
  id: 'hmt-green-book-2022',
  name: 'HM Treasury Green Book (2022)',
  issuer: 'HM Treasury',
  edition: '2022',
  notes:
    'Discount schedules and the optimism-bias reference table. Values per unit (a QALY, a WELLBY) are not included: enter the current figure with its source in the unit-cost library, marked as a health or life value.',
  schedules: {
    'green-book': {
      label: 'Standard: 3.5 % for years 1–30, declining after',
      bands: [
        { fromYear: 1, rate: 0.035 },
        { fromYear: 31, rate: 0.03 },
        { fromYear: 76, rate: 0.025 },
        { fromYear: 126, rate: 0.02 },
        { fromYear: 201, rate: 0.015 },
        { fromYear: 301, rate: 0.01 },
      ],
      source: `${GREEN_BOOK_TABLE} (standard rate)`,
    },
    health: {
      label: 'Health and life values: 1.5 % for years 1–30, declining after',
      bands: [
        { fromYear: 1, rate: 0.015 },
        { fromYear: 31, rate: 0.0129 },
        { fromYear: 76, rate: 0.0107 },
        { fromYear: 126, rate: 0.0086 },
        { fromYear: 201, rate: 0.0064 },
        { fromYear: 301, rate: 0.0043 },
      ],
      source: `${GREEN_BOOK_TABLE} (health rate, for health and life values)`,
    },
  },
  optimismBias: [
    { projectType: 'Standard buildings', costsUpper: 0.24, costsLower: 0.02, durationUpper: 0.04, durationLower: 0.01, source: OB_TABLE },
    { projectType: 'Non-standard buildings', costsUpper: 0.51, costsLower: 0.04, durationUpper: 0.39, durationLower: 0.02, source: OB_TABLE },
    { projectType: 'Standard civil engineering', costsUpper: 0.44, costsLower: 0.03, durationUpper: 0.2, durationLower: 0.01, source: OB_TABLE },
    { projectType: 'Non-standard civil engineering', costsUpper: 0.66, costsLower: 0.06, durationUpper: 0.25, durationLower: 0.03, source: OB_TABLE },
    { projectType: 'Equipment and development', costsUpper: 2, costsLower: 0.1, durationUpper: 0.54, durationLower: 0.1, source: OB_TABLE },
    { projectType: 'Outsourcing (operating costs)', costsUpper: 0.41, costsLower: 0, durationUpper: null, durationLower: null, source: OB_TABLE },
  ],
  // Not shipped: the workbench cannot check a deflator series, so the team's own table (each figure with its release) is used.
  deflators: [],
  values: [],
};

/**
 * The deflator series that uprates a value from one price year to another: the estimate's set's,
 * when it covers both years; otherwise the team's own table. Never a mixture — two series need
 * not share a base year.
 */
export function deflatorSeries(
  set: ParameterSetContent | undefined,
  team: readonly { year: string; index: number }[],
  from: string,
  to: string,
): { points: { year: string; index: number }[]; from: 'set' | 'team' } {
  const own = set?.deflators ?? [];
  if (own.some((d) => d.year === from) && own.some((d) => d.year === to)) return { points: own.map((d) => ({ year: d.year, index: d.index })), from: 'set' };
  return { points: [...team], from: 'team' };
}

/** Sets built into this version of the workbench, by id. */
export const BUILT_IN_SETS: readonly ParameterSetContent[] = [GREEN_BOOK_2022];
export const DEFAULT_PARAMETER_SET_ID = GREEN_BOOK_2022.id;
export const builtInSet = (id: string): ParameterSetContent | undefined => BUILT_IN_SETS.find((s) => s.id === id);

export const schedulesOf = (set: ParameterSetContent): Schedules => ({ 'green-book': set.schedules['green-book'].bands, health: set.schedules.health.bands });
export const DEFAULT_SCHEDULES: Schedules = schedulesOf(GREEN_BOOK_2022);

/** The rate of the band that contains year t (t ≥ 1). */
export function rateAt(bands: readonly RateBand[], t: number): number {
  let r = bands[0]?.rate ?? 0;
  for (const b of bands) {
    if (b.fromYear > t) break;
    r = b.rate;
  }
  return r;
}

/** "3.5 % for years 1–30, 3 % for 31–75, … 1 % after 300": a schedule in words. */
export function describeBands(bands: readonly RateBand[]): string {
  const pct = (r: number) => `${Math.round(r * 10000) / 100} %`;
  return bands
    .map((b, i) => {
      const next = bands[i + 1];
      if (!next) return i === 0 ? `${pct(b.rate)} every year` : `${pct(b.rate)} after year ${b.fromYear - 1}`;
      return `${pct(b.rate)} for years ${b.fromYear}–${next.fromYear - 1}`;
    })
    .join(', ');
}

/** A set as a file: the set and the minisign public key of whoever signed it (the signature is beside it). */
export const ParameterSetFile = ParameterSetContent.extend({
  signer: z.object({ minisignPublicKey: z.string().trim().min(40).max(100) }, { error: 'signer must be {"minisignPublicKey": …}' }).strict(),
});
export type ParameterSetFile = z.infer<typeof ParameterSetFile>;

/** The set inside a set file's text (as imported and stored); throws when it is not one. */
export function setContentOfText(text: string): ParameterSetContent {
  const { signer: _signer, ...content } = ParameterSetFile.parse(JSON.parse(text));
  return content;
}

/** A discount setting in words: "Health and life values: 1.5 % … (HM Treasury Green Book (2022))", "Constant 3.5 %". */
export function discountText(d: { schedule: ScheduleName } | { rate: number }, set: ParameterSetContent = GREEN_BOOK_2022): string {
  if ('rate' in d) return `Constant ${Math.round(d.rate * 10000) / 100} %`;
  return `${set.schedules[d.schedule].label} (${set.name})`;
}
