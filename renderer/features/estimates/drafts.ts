/**
 * What the editor holds while you type: text as typed (pounds, percentages), converted to the
 * stored shapes (pence, fractions) for the live calculation and for saving. Conversion also
 * yields per-field messages, so a half-typed figure is flagged on screen and not saved.
 */
import { greenBookRate } from '../../../shared/calc/discount';
import { FINANCIAL_YEAR_RE, isFinancialYear } from '../../../shared/calc/estimateModel';
import type { RecordMeta } from '../../../shared/domain/common';
import {
  DEFAULT_SIMULATION,
  MAX_ITERATIONS,
  MAX_SEED,
  MAX_YEARS,
  MIN_ITERATIONS,
  MIN_YEARS,
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
  discountMode: 'green-book' | 'rate';
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
  discountMode: 'rate' in i.discount ? 'rate' : 'green-book',
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
  const pctOf = (k: 'rate' | 'obCosts' | 'obBenefits') => {
    const v = parsePercent(d[k]);
    if (v === 'invalid' || v === null) {
      errors[k] = 'Enter a percentage from 0 to 100';
      return 0;
    }
    return v;
  };
  const rate = d.discountMode === 'rate' ? pctOf('rate') : 0;
  const costs = pctOf('obCosts');
  const benefits = pctOf('obBenefits');
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
      discount: d.discountMode === 'rate' ? { rate } : { schedule: 'green-book' },
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
  source: 'amounts' | 'unit-cost';
  profile: Triple[];
  unitCostId: string;
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
  source: l.unitCostId ? 'unit-cost' : 'amounts',
  profile: l.profile.map((p) => ({ low: poundsInput(p.low), central: poundsInput(p.central), high: poundsInput(p.high) })),
  unitCostId: l.unitCostId ?? '',
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
    profile: { low: number; central: number; high: number }[];
    unitCostId: string | null;
    volumes: { low: number; central: number; high: number }[] | null;
    notes: string | null;
  };
  errors: Errors;
}

/**
 * A line as stored. For a unit-cost line the profile is unit cost (uprated) × volume, computed
 * by `unitPence` (null when the unit cost or its deflator is missing); the service recomputes it.
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
  const ob = parsePercent(d.optimismBias, null);
  if (ob === 'invalid') errors.optimismBias = 'Enter a percentage from 0 to 100, or leave blank';
  const profile: ParsedLine['patch']['profile'] = [];
  let volumes: ParsedLine['patch']['volumes'] = null;
  if (d.source === 'unit-cost') {
    if (!d.unitCostId) errors.unitCostId = 'Choose a unit cost';
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
    for (const v of volumes) {
      const u = unitPence ?? 0;
      profile.push({ low: Math.round(u * v.low), central: Math.round(u * v.central), high: Math.round(u * v.high) });
    }
  } else {
    rowsFor(d.profile, years).forEach((p, t) => {
      const n = Object.fromEntries(
        KS.map((k) => {
          const x = parsePounds(p[k]);
          if (x === null) errors[`profile.${t}.${k}`] = 'Enter an amount in pounds, like 1250.50';
          return [k, x ?? 0];
        }),
      ) as { low: number; central: number; high: number };
      // A blank low or high means "same as central": typing only central gives a certain figure.
      if (p.low.trim() === '') n.low = Math.min(n.central, n.low || n.central);
      if (p.high.trim() === '') n.high = Math.max(n.central, n.high);
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
      profile,
      unitCostId: d.source === 'unit-cost' ? d.unitCostId || null : null,
      volumes: d.source === 'unit-cost' ? volumes : null,
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
