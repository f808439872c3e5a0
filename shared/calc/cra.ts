/**
 * The top-down baseline: HM Treasury's Country and Regional Analysis (CRA) gives public spending
 * in each region by department, segment, function and sub-function (the UN's COFOG
 * classification). Total Place "counting" set the spend the partners' own ledgers show against
 * that figure for the place. Pure helpers: the unit a file states, which kind of agency a CRA row
 * is spent by, which CRA function a counted line most likely serves, and the comparison.
 */

/** CRA functions (COFOG level 1, as PESA and the CRA name them), in the order HM Treasury lists them. */
export const CRA_FUNCTIONS = [
  'General public services',
  'Defence',
  'Public order and safety',
  'Economic affairs',
  'Environment protection',
  'Housing and community amenities',
  'Health',
  'Recreation, culture and religion',
  'Education',
  'Social protection',
  'EU transactions',
] as const;

/** "10. Social Protection", "social protection " → "social protection": how two spellings are compared. */
export const functionKey = (name: string): string =>
  name
    .replace(/^\s*\d+(\.\d+)*\s*[.:)-]?\s*/, '')
    .replace(/&/g, 'and')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

export interface UnitParse {
  /** As the file states it ("£ thousand"). */
  label: string;
  /** Pence in one unit of the file's figures. */
  pencePerUnit: number;
}

const UNITS: [RegExp, number, string][] = [
  [/£\s*(?:bn|billions?)\b|\bbillions? of pounds\b/i, 100_000_000_000, '£ billion'],
  [/£\s*(?:m|mn|millions?)\b|£\s*'?000,?000s?\b|\bmillions? of pounds\b/i, 100_000_000, '£ million'],
  [/£\s*(?:k|thousands?)\b|£\s*'?000s?\b|£000s?\b|\bthousands? of pounds\b|\(£'?000s?\)/i, 100_000, '£ thousand'],
];

/** The unit a piece of text states ("All figures are £ thousands", "2017-18 (£m)"), or null. */
export function unitIn(text: string): UnitParse | null {
  for (const [re, pence, label] of UNITS) if (re.test(text)) return { label, pencePerUnit: pence };
  return null;
}

/**
 * A figure in the file's unit as integer pence, exactly (decimal text, never via floating point):
 * "1234.567" £ thousand → 123,456,700p. Blank, "-" and ".." (not available) are null.
 */
export function unitsToPence(text: string, pencePerUnit: number): number | null {
  const s = text.replace(/[,\s£]/g, '');
  if (s === '' || s === '-' || s === '..' || s === '–' || s.toLowerCase() === 'n/a') return null;
  const m = /^(-)?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let scale = (m[3] ?? '').length - Number(m[4] ?? 0);
  // value = digits × 10^-scale units; × pencePerUnit (a power of ten times a small number).
  let pencePow = 0;
  let mult = pencePerUnit;
  while (mult % 10 === 0 && mult > 1) {
    mult /= 10;
    pencePow++;
  }
  scale -= pencePow;
  digits = digits.replace(/^0+(?=\d)/, '');
  let whole: string;
  let roundUp = false;
  if (scale <= 0) whole = digits + '0'.repeat(-scale);
  else {
    const cut = digits.length - scale;
    whole = cut > 0 ? digits.slice(0, cut) : '0';
    const next = cut >= 0 ? digits[cut] : '0';
    roundUp = (next ?? '0') >= '5';
  }
  const pence = (Number(whole) + (roundUp ? 1 : 0)) * mult;
  if (!Number.isSafeInteger(pence)) return null;
  return m[1] && pence !== 0 ? -pence : pence;
}

/** The kinds of partner organisation (as pilot set-up names them). */
export type AgencyType = 'council' | 'nhs' | 'police' | 'fire' | 'dwp' | 'voluntary' | 'other';

/**
 * Which kind of agency in the place a CRA row's spending goes through: police and fire by their
 * sub-functions (both are local bodies in the CRA's segments), the NHS by its department (health
 * spending of councils stays with councils), DWP by its department, everything else local
 * government spends as councils; the rest (central departments spending directly) is "other".
 */
export function agencyTypeOf(row: { department: string; segment: string; fn: string; subFunction: string }): AgencyType {
  const sub = row.subFunction.toLowerCase();
  const dept = row.department.toLowerCase();
  const seg = row.segment.toLowerCase();
  if (/\bpolice\b/.test(sub)) return 'police';
  if (/\bfire\b/.test(sub)) return 'fire';
  if (/\bwork and pensions\b|\bdwp\b/.test(dept)) return 'dwp';
  if (/\blocal\b/.test(seg) || /\blocal government\b|\blocal authorit/.test(dept)) return 'council';
  if (/\bhealth\b/.test(dept)) return 'nhs';
  return 'other';
}

const COUNCIL_FUNCTIONS: [RegExp, (typeof CRA_FUNCTIONS)[number]][] = [
  [/\b(adult|social care|children|child|families|safeguarding|looked after|fostering|homeless|benefit|welfare)/, 'Social protection'],
  [/\b(school|education|learning|early years|nursery|skills)/, 'Education'],
  [/\b(public health|health)/, 'Health'],
  [/\b(housing|regeneration|planning|development control|street lighting|community)/, 'Housing and community amenities'],
  [/\b(waste|refuse|recycl|cleansing|street clean|environment|sewer|pollution|flood)/, 'Environment protection'],
  [/\b(highway|transport|roads?\b|parking|traffic|bus|economic|business|tourism)/, 'Economic affairs'],
  [/\b(librar|leisure|parks?\b|sport|culture|museum|arts?\b|heritage|open space)/, 'Recreation, culture and religion'],
  [/\b(police|fire|community safety|trading standards|licensing|courts?\b|coroner|emergency planning)/, 'Public order and safety'],
  [/\b(corporate|democratic|elections?|council tax|revenues?|finance|legal|human resources|\bhr\b|\bict\b|it services|central services|registrar)/, 'General public services'],
];

/**
 * The CRA function a counted line most likely serves: by the kind of agency for single-purpose
 * bodies, by the words of its service area (then expense type) for councils and others. Null when
 * nothing says — that spend is shown as not assigned, never guessed into a function.
 */
export function countedFunctionOf(agency: string, serviceArea: string, expenseType: string): (typeof CRA_FUNCTIONS)[number] | null {
  if (agency === 'nhs') return 'Health';
  if (agency === 'police' || agency === 'fire') return 'Public order and safety';
  if (agency === 'dwp') return 'Social protection';
  for (const text of [serviceArea, expenseType]) {
    const t = text.toLowerCase();
    if (!t) continue;
    for (const [re, fn] of COUNCIL_FUNCTIONS) if (re.test(t)) return fn;
  }
  return null;
}

/** Counted as a share of the baseline, or null when there is no baseline to compare with. */
export const coverage = (countedPence: number, baselinePence: number | null): number | null =>
  baselinePence === null || baselinePence <= 0 ? null : countedPence / baselinePence;

/** A region's figure scaled to the place. */
export const scaled = (regionPence: number, share: number | null): number | null => (share === null ? null : Math.round(regionPence * share));
