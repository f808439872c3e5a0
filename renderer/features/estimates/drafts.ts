/**
 * What the editor holds while you type: text as typed (pounds, percentages), converted to the
 * stored shapes (pence, fractions) for the live calculation and for saving. Conversion also
 * yields per-field messages, so a half-typed figure is flagged on screen and not saved.
 */
import { greenBookRate } from '../../../shared/calc/discount';
import { FINANCIAL_YEAR_RE, isFinancialYear, MAX_PENCE } from '../../../shared/calc/estimateModel';
import type { RecordMeta } from '../../../shared/domain/common';
import {
  DEFAULT_SIMULATION,
  MAX_ITERATIONS,
  MAX_SEED,
  MAX_YEARS,
  MIN_ITERATIONS,
  MIN_YEARS,
  type DiscountSetting,
  type EstimateLine,
  type Intervention,
  type InterventionStatus,
  type Sensitivity,
} from '../../../shared/domain/estimates';
import { parsePounds, poundsInput } from '../../kit/format/money';
import { formatNumber, parsePercent, percentInput } from '../../kit/format/number';

export interface SettingsDraft {
  name: string;
  description: string;
  status: InterventionStatus;
  themeId: string;
  startYear: string;
  years: string;
  priceYear: string;
  parameterSetId: string;
  discountMode: 'green-book' | 'health' | 'rate';
  rate: string;
  obCosts: string;
  obBenefits: string;
  iterations: string;
  seed: string;
  sensitivity: Sensitivity;
}

export type Errors = Record<string, string>;

export const settingsDraftOf = (i: Intervention): SettingsDraft => ({
  name: i.name,
  description: i.description ?? '',
  status: i.status,
  themeId: i.themeId ?? '',
  startYear: i.startYear,
  years: String(i.years),
  priceYear: i.priceYear,
  parameterSetId: i.parameterSetId,
  discountMode: 'rate' in i.discount ? 'rate' : i.discount.schedule,
  // Switching to a constant rate starts from the Green Book's first-years rate.
  rate: 'rate' in i.discount ? percentInput(i.discount.rate) : percentInput(greenBookRate(1)),
  obCosts: percentInput(i.optimismBias.costs),
  obBenefits: percentInput(i.optimismBias.benefits),
  iterations: String(i.simulation.iterations),
  seed: String(i.simulation.seed),
  sensitivity: i.sensitivity,
});

const yearError = (s: string) => (FINANCIAL_YEAR_RE.test(s.trim()) && isFinancialYear(s.trim()) ? null : 'Use a financial year like 2026-27');

/** The settings as stored (a patch), or the messages that stop them being saved. */
export function parseSettings(d: SettingsDraft): { value: Omit<Intervention, keyof RecordMeta>; errors: Errors } {
  const errors: Errors = {};
  if (!d.name.trim()) errors.name = 'The intervention name is required';
  for (const k of ['startYear', 'priceYear'] as const) {
    const e = yearError(d[k]);
    if (e) errors[k] = e;
  }
  const years = Number(d.years);
  if (!Number.isInteger(years) || years < MIN_YEARS || years > MAX_YEARS) errors.years = `Years must be a whole number from ${MIN_YEARS} to ${MAX_YEARS}`;
  const pctOf = (k: 'rate' | 'obCosts' | 'obBenefits', max = 100) => {
    const v = parsePercent(d[k], 0, max);
    if (v === 'invalid' || v === null) {
      errors[k] = `Enter a percentage from 0 to ${max}`;
      return 0;
    }
    return v;
  };
  const rate = d.discountMode === 'rate' ? pctOf('rate') : 0;
  // Costs may be raised by up to 200 % (the Green Book's upper bound); a 100 % cut would leave no benefit.
  const costs = pctOf('obCosts', 200);
  const benefits = pctOf('obBenefits');
  if (benefits >= 1) errors.obBenefits = 'Enter a percentage below 100';
  const iterations = Number(d.iterations);
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) errors.iterations = `Use from ${MIN_ITERATIONS} to ${formatNumber(MAX_ITERATIONS)} iterations`;
  const seed = Number(d.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) errors.seed = `The seed is a whole number from 0 to ${MAX_SEED}`;
  return {
    errors,
    value: {
      name: d.name.trim(),
      description: d.description.trim() || null,
      status: d.status,
      themeId: d.themeId || null,
      startYear: d.startYear.trim(),
      years: errors.years ? MIN_YEARS : years,
      priceYear: d.priceYear.trim(),
      parameterSetId: d.parameterSetId,
      discount: d.discountMode === 'rate' ? { rate } : { schedule: d.discountMode },
      optimismBias: { costs, benefits },
      simulation: { iterations: errors.iterations ? DEFAULT_SIMULATION.iterations : iterations, seed: errors.seed ? DEFAULT_SIMULATION.seed : seed },
      sensitivity: d.sensitivity,
    },
  };
}

export interface Triple {
  low: string;
  central: string;
  high: string;
}

export interface LineDraft {
  id: string;
  kind: 'cost' | 'benefit';
  position: number;
  label: string;
  organisationId: string;
  category: string;
  valueType: string;
  cashable: boolean;
  deadweight: string;
  attributionToOthers: string;
  displacement: string;
  dropOff: string;
  optimismBias: string;
  confidenceGrade: string;
  /** '' = as the intervention. */
  discountMode: '' | 'green-book' | 'health' | 'rate';
  discountRate: string;
  /** Amounts typed, or a value per unit (a unit cost, or a value from the parameter set) × volumes. */
  source: 'amounts' | 'unit-cost' | 'parameter';
  profile: Triple[];
  unitCostId: string;
  parameterValue: string;
  volumes: Triple[];
  notes: string;
}

export const lineDraftOf = (l: EstimateLine): LineDraft => ({
  id: l.id,
  kind: l.kind,
  position: l.position,
  label: l.label,
  organisationId: l.organisationId ?? '',
  category: l.category ?? 'revenue',
  valueType: l.valueType ?? 'fiscal',
  cashable: l.cashable,
  deadweight: percentInput(l.deadweight),
  attributionToOthers: percentInput(l.attributionToOthers),
  displacement: percentInput(l.displacement),
  dropOff: percentInput(l.dropOff),
  optimismBias: percentInput(l.optimismBias),
  confidenceGrade: l.confidenceGrade ?? '',
  discountMode: l.discount ? ('rate' in l.discount ? 'rate' : l.discount.schedule) : '',
  discountRate: l.discount && 'rate' in l.discount ? percentInput(l.discount.rate) : percentInput(greenBookRate(1)),
  source: l.unitCostId ? 'unit-cost' : l.parameterValue ? 'parameter' : 'amounts',
  profile: l.profile.map((p) => ({ low: poundsInput(p.low), central: poundsInput(p.central), high: poundsInput(p.high) })),
  unitCostId: l.unitCostId ?? '',
  parameterValue: l.parameterValue ?? '',
  volumes: (l.volumes ?? []).map((v) => ({ low: String(v.low), central: String(v.central), high: String(v.high) })),
  notes: l.notes ?? '',
});

const KS = ['low', 'central', 'high'] as const;

/** The grid's rows for `years` years (a short profile reads as zeros; the extra years are kept but not shown). */
export function rowsFor(triples: Triple[], years: number): Triple[] {
  return Array.from({ length: years }, (_, t) => triples[t] ?? { low: '', central: '', high: '' });
}

export interface ParsedLine {
  patch: {
    label: string;
    organisationId: string | null;
    category: 'capital' | 'revenue' | 'in-kind' | null;
    valueType: 'fiscal' | 'economic' | 'social' | null;
    cashable: boolean;
    deadweight: number;
    attributionToOthers: number;
    displacement: number;
    dropOff: number;
    optimismBias: number | null;
    confidenceGrade: string | null;
    discount: DiscountSetting | null;
    profile: { low: number; central: number; high: number }[];
    unitCostId: string | null;
    parameterValue: string | null;
    volumes: { low: number; central: number; high: number }[] | null;
    notes: string | null;
  };
  errors: Errors;
}

/**
 * A line as stored. For a line valued per unit (a unit cost, or a value from the parameter set)
 * the profile is that value (uprated) × volume, computed from `unitPence` (null when the value or
 * its deflator is missing); the service recomputes it.
 */
export function parseLine(d: LineDraft, years: number, unitPence: number | null): ParsedLine {
  const errors: Errors = {};
  if (!d.label.trim()) errors.label = 'The line label is required';
  const frac = (k: 'deadweight' | 'attributionToOthers' | 'displacement' | 'dropOff') => {
    if (d.kind === 'cost') return 0;
    const v = parsePercent(d[k]);
    if (v === 'invalid' || v === null) {
      errors[k] = 'Enter a percentage from 0 to 100';
      return 0;
    }
    return v;
  };
  // A cost may be raised by up to 200 %; a benefit cut by less than 100 %.
  const obMax = d.kind === 'cost' ? 200 : 100;
  let ob = parsePercent(d.optimismBias, null, obMax);
  if (d.kind === 'benefit' && typeof ob === 'number' && ob >= 1) ob = 'invalid';
  if (ob === 'invalid') errors.optimismBias = d.kind === 'cost' ? 'Enter a percentage from 0 to 200, or leave blank' : 'Enter a percentage below 100, or leave blank';
  let discount: DiscountSetting | null = null;
  if (d.discountMode === 'rate') {
    const r = parsePercent(d.discountRate);
    if (r === 'invalid' || r === null) errors.discountRate = 'Enter a percentage from 0 to 100';
    else discount = { rate: r };
  } else if (d.discountMode) discount = { schedule: d.discountMode };
  const profile: ParsedLine['patch']['profile'] = [];
  let volumes: ParsedLine['patch']['volumes'] = null;
  const valued = d.source === 'unit-cost' || d.source === 'parameter';
  if (valued) {
    if (d.source === 'unit-cost' && !d.unitCostId) errors.unitCostId = 'Choose a unit cost';
    if (d.source === 'parameter' && !d.parameterValue) errors.parameterValue = 'Choose a value from the parameter set';
    volumes = rowsFor(d.volumes, years).map((v, t) => {
      const n = Object.fromEntries(
        KS.map((k) => {
          const x = v[k].trim() === '' ? 0 : Number(v[k]);
          if (!Number.isFinite(x) || x < 0) errors[`volumes.${t}.${k}`] = 'Enter a volume of 0 or more';
          return [k, Number.isFinite(x) && x >= 0 ? x : 0];
        }),
      ) as { low: number; central: number; high: number };
      if (n.low > n.central) errors[`volumes.${t}.low`] = 'Low is more than central';
      if (n.high < n.central) errors[`volumes.${t}.high`] = 'High is less than central';
      return n;
    });
    volumes.forEach((v, t) => {
      const u = unitPence ?? 0;
      const cell = { low: Math.round(u * v.low), central: Math.round(u * v.central), high: Math.round(u * v.high) };
      if (Math.abs(cell.high) > MAX_PENCE) errors[`volumes.${t}.high`] = 'Value × volume is more than £10 billion';
      profile.push(cell);
    });
  } else {
    rowsFor(d.profile, years).forEach((p, t) => {
      const n = Object.fromEntries(
        KS.map((k) => {
          // Negative amounts are allowed (a residual value, a disbenefit), up to ±£10 billion.
          const x = parsePounds(p[k], { negative: true });
          if (x === null) errors[`profile.${t}.${k}`] = 'Enter an amount in pounds, like 1250.50';
          else if (Math.abs(x) > MAX_PENCE) errors[`profile.${t}.${k}`] = 'Enter at most £10 billion';
          return [k, x ?? 0];
        }),
      ) as { low: number; central: number; high: number };
      // A blank low or high means "same as central": typing only central gives a certain figure.
      if (p.low.trim() === '') n.low = n.central;
      if (p.high.trim() === '') n.high = n.central;
      if (n.low > n.central) errors[`profile.${t}.low`] = 'Low is more than central';
      if (n.high < n.central) errors[`profile.${t}.high`] = 'High is less than central';
      profile.push(n);
    });
  }
  return {
    errors,
    patch: {
      label: d.label.trim(),
      organisationId: d.organisationId || null,
      category: d.kind === 'cost' ? (d.category as ParsedLine['patch']['category']) : null,
      valueType: d.kind === 'benefit' ? (d.valueType as ParsedLine['patch']['valueType']) : null,
      cashable: d.cashable,
      deadweight: frac('deadweight'),
      attributionToOthers: frac('attributionToOthers'),
      displacement: frac('displacement'),
      dropOff: frac('dropOff'),
      optimismBias: ob === 'invalid' ? null : ob,
      confidenceGrade: d.confidenceGrade || null,
      discount,
      profile,
      unitCostId: d.source === 'unit-cost' ? d.unitCostId || null : null,
      parameterValue: d.source === 'parameter' ? d.parameterValue || null : null,
      volumes: valued ? volumes : null,
      notes: d.notes.trim() || null,
    },
  };
}

/**
 * Spreadsheet paste: tab-separated rows fill the grid from the cell pasted into (rows are years;
 * columns low, central, high). Returns the new triples and how many pasted rows fell past the end.
 */
export function applyPaste(triples: Triple[], years: number, row: number, col: number, text: string): { triples: Triple[]; dropped: number } {
  const lines = text.replace(/\r/g, '').split('\n');
  while (lines.length && lines.at(-1)!.trim() === '') lines.pop();
  const next = rowsFor(triples, years).map((t) => ({ ...t }));
  let dropped = 0;
  lines.forEach((line, i) => {
    const r = row + i;
    if (r >= years) {
      dropped++;
      return;
    }
    line.split('\t').forEach((cell, j) => {
      const k = KS[col + j];
      if (k) next[r]![k] = cell.trim();
    });
  });
  return { triples: [...next, ...triples.slice(years)], dropped };
}
