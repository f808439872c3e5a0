/**
 * Money as published in spend files → integer pence, never via floating point.
 *
 * Accepts what councils and NHS bodies actually publish: "£1,234.56", "1234.5", "-71.58",
 * "(1,234.00)" (accountants' negative), "1,234.56 CR" (credit note), "1234.56-" (trailing minus),
 * "GBP 12", non-breaking spaces. More than two decimals (spreadsheet float noise such as
 * "12.340000000001", or ledgers with 3 dp) are rounded half away from zero to the penny.
 */
export type MoneyResult = { ok: true; pence: number } | { ok: false; blank: boolean };

const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;
const PLAIN = /^\d+(\.\d*)?$|^\.\d+$/;

const SIMPLE = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;
// The next commonest: "£1,234.56", "-£1,234.56", "£-1,234.56", "1,234.56".
const POUNDS = /^(-?)£?(-?)(\d{1,3}(?:,\d{3}){0,4})(?:\.(\d{1,2}))?$/;

/**
 * The two commonest forms, read by hand without regular expressions or new strings (a million
 * rows a file): SIMPLE and POUNDS exactly, or undefined for anything else (then the patterns
 * below decide). Kept equal to them by a property test (tests/unit/spendParse.test.ts).
 */
function quickPence(raw: string): number | undefined {
  const n = raw.length;
  let i = 0;
  let minus = false;
  let pound = false;
  if (raw.charCodeAt(i) === 45) {
    minus = true;
    i++;
  }
  if (raw.charCodeAt(i) === 163) {
    pound = true;
    i++;
    // "£-12.00": the sign after the symbol (not both).
    if (raw.charCodeAt(i) === 45) {
      if (minus) return undefined;
      minus = true;
      i++;
    }
  }
  let whole = 0;
  let digits = 0;
  let groupDigits = 0;
  let groups = 0;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      whole = whole * 10 + (c - 48);
      digits++;
      groupDigits++;
    } else if (c === 44) {
      // Thousands separators: 1–3 digits before the first, exactly 3 between and after.
      if (groups === 0 ? groupDigits < 1 || groupDigits > 3 : groupDigits !== 3) return undefined;
      groups++;
      groupDigits = 0;
    } else break;
  }
  if (digits === 0) return undefined;
  if (groups > 0 && (groupDigits !== 3 || groups > 4)) return undefined;
  // Plain digits: at most 13 (SIMPLE); with a £ or separators, POUNDS's 1–3 digits then groups.
  if (groups === 0 && (pound ? digits > 3 : digits > 13)) return undefined;
  let frac = 0;
  if (i < n) {
    if (raw.charCodeAt(i) !== 46) return undefined;
    i++;
    const d1 = raw.charCodeAt(i) - 48;
    if (!(d1 >= 0 && d1 <= 9)) return undefined;
    frac = d1 * 10;
    i++;
    if (i < n) {
      const d2 = raw.charCodeAt(i) - 48;
      if (!(d2 >= 0 && d2 <= 9)) return undefined;
      frac += d2;
      i++;
    }
    if (i !== n) return undefined;
  }
  const pence = whole * 100 + frac;
  return minus && pence !== 0 ? -pence : pence;
}

export function parseMoney(raw: string): MoneyResult {
  const quick = quickPence(raw);
  if (quick !== undefined) return { ok: true, pence: quick };
  // Fast path for the commonest form ("1234.5", "-71.58", "500").
  const simple = SIMPLE.exec(raw);
  if (simple) {
    const pence = Number(simple[2]) * 100 + Number(((simple[3] ?? '') + '00').slice(0, 2));
    return { ok: true, pence: simple[1] && pence !== 0 ? -pence : pence };
  }
  const pounds = POUNDS.exec(raw);
  if (pounds && !(pounds[1] && pounds[2])) {
    const pence = Number(pounds[3]!.replace(/,/g, '')) * 100 + Number(((pounds[4] ?? '') + '00').slice(0, 2));
    return { ok: true, pence: (pounds[1] || pounds[2]) && pence !== 0 ? -pence : pence };
  }
  let s = raw.replace(/[\u00a0\u202f\s]+/g, ' ').trim();
  if (s === '' || s === '-' || s === '—' || s === '–') return { ok: false, blank: true };
  let negative = false;
  const suffix = /\s*(CR|DR)\.?$/i.exec(s);
  if (suffix) {
    negative = suffix[1]!.toUpperCase() === 'CR';
    s = s.slice(0, suffix.index).trim();
  }
  if (/^\(.*\)$/.test(s)) {
    negative = !negative;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  s = s.replace(/^(£|GBP)\s*/i, '').replace(/\s*(£|GBP)$/i, '').trim();
  // A sign may also sit after the currency symbol: "£-12.00".
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  }
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  else if (/^\d+( \d{3})+(\.\d*)?$/.test(s)) s = s.replace(/ /g, '');
  if (!PLAIN.test(s)) return { ok: false, blank: false };
  const [whole = '0', frac = ''] = s.split('.');
  const penceText = (frac + '00').slice(0, 2);
  let pence = Number(whole || '0') * 100 + Number(penceText);
  // Round half away from zero on the third decimal digit.
  if (frac.length > 2 && Number(frac[2]) >= 5) pence += 1;
  if (!Number.isSafeInteger(pence)) return { ok: false, blank: false };
  return { ok: true, pence: negative && pence !== 0 ? -pence : pence };
}

/** Pence → "£1,234.56" / "-£12.00" for people. */
export function formatPounds(pence: number): string {
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString('en-GB');
  return `${pence < 0 ? '-' : ''}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}
