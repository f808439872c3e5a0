/**
 * Dates as published in spend files → ISO "YYYY-MM-DD".
 *
 * Numeric dates such as 04/07/2017 are ambiguous. The order (day-first, the UK norm, or
 * month-first) is decided for a whole file from the evidence in all its rows — a row whose first
 * part is over 12 proves day-first, a second part over 12 proves month-first — and never guessed
 * row by row. `parseSpendDate` is therefore told the order, and reports the evidence it saw.
 */
export type DateOrder = 'dmy' | 'mdy';

export interface DateParse {
  iso: string | null;
  /** For numeric d/m/y dates: which order this value alone proves, if any. */
  proves: DateOrder | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function toIso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2199) return null;
  if (d > (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!)) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const digit = (c: number) => c >= 48 && c <= 57;

const fullYear = (y: string): number => (y.length === 2 ? (Number(y) < 70 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/** Excel's day count from 1899-12-30 (which absorbs its fictitious 29 Feb 1900). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  const d = new Date(ms);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

// A time of day after the date is common ("04/07/2017 00:00:00", "2017-07-04T00:00:00Z").
const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}$`);
const NUMERIC_RE = new RegExp(String.raw`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})${TIME}$`);
const NAMED_RE = new RegExp(String.raw`^(\d{1,2})[\s\-/.]+([A-Za-z]{3,9})\.?[\s\-/.,]+(\d{2}|\d{4})${TIME}$`);
const SERIAL_RE = /^\d{5}(\.\d+)?$/;

export function parseSpendDate(raw: string, order: DateOrder = 'dmy'): DateParse {
  // Fast path for "dd/mm/yyyy" (most UK ledgers), without regular expressions or arrays.
  if (raw.length === 10 && raw.charCodeAt(2) === 47 && raw.charCodeAt(5) === 47) {
    const d0 = raw.charCodeAt(0);
    const d1 = raw.charCodeAt(1);
    const d3 = raw.charCodeAt(3);
    const d4 = raw.charCodeAt(4);
    const d6 = raw.charCodeAt(6);
    const d7 = raw.charCodeAt(7);
    const d8 = raw.charCodeAt(8);
    const d9 = raw.charCodeAt(9);
    if (digit(d0) && digit(d1) && digit(d3) && digit(d4) && digit(d6) && digit(d7) && digit(d8) && digit(d9)) {
      const a = (d0 - 48) * 10 + d1 - 48;
      const b = (d3 - 48) * 10 + d4 - 48;
      const y = (d6 - 48) * 1000 + (d7 - 48) * 100 + (d8 - 48) * 10 + d9 - 48;
      const proves: DateOrder | null = a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : null;
      return { iso: order === 'dmy' ? toIso(y, b, a) : toIso(y, a, b), proves };
    }
  }
  const s = raw.trim();
  let m = ISO_RE.exec(s);
  if (m) return { iso: toIso(Number(m[1]), Number(m[2]), Number(m[3])), proves: null };
  m = NUMERIC_RE.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = fullYear(m[3]!);
    const proves: DateOrder | null = a > 12 && b <= 12 ? 'dmy' : b > 12 && a <= 12 ? 'mdy' : null;
    return { iso: order === 'dmy' ? toIso(y, b, a) : toIso(y, a, b), proves };
  }
  m = NAMED_RE.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return { iso: month ? toIso(fullYear(m[3]!), month, Number(m[1])) : null, proves: null };
  }
  // Excel serials: five digits covers 1927–2173, well clear of day numbers and short amounts.
  if (SERIAL_RE.test(s)) return { iso: excelSerialToIso(Number(s)), proves: null };
  return { iso: null, proves: null };
}

/** The UK financial year (April–March) of an ISO date: 2017-07-04 → "2017-18", 2018-03-31 → "2017-18". */
export function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const start = m >= 4 ? y : y - 1;
  return `${start}-${pad((start + 1) % 100)}`;
}
