/**
 * The period a file without dates covers (a supplier-totals pivot for one month, a quarter's
 * summary): given as a month ("2011-04"), a financial year ("2011-12": the second part is the
 * year after the first), or a range of days ("2011-04-01..2011-06-30"). Every line of such a file
 * carries the period; the summaries count it in the period's financial year, so a period must lie
 * within one financial year (April to March).
 */
import { financialYear } from './spendDates';

export interface SpendPeriod {
  from: string;
  to: string;
  financialYear: string;
  /** "April 2011", "financial year 2011-12", "1 April 2011 to 30 June 2011". */
  label: string;
}

export type PeriodParse = { ok: true; period: SpendPeriod } | { ok: false; message: string };

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function realDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 && d >= 1 && d <= lastDay(y, mo);
}

const dayLabel = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

const FORMS = 'a month (2011-04), a financial year (2011-12) or a range of days (2011-04-01..2011-06-30)';

export function parsePeriod(raw: string): PeriodParse {
  const s = raw.trim();
  const fy = /^(?:FY\s*)?(\d{4})[-/](\d{2})$/i.exec(s);
  if (fy && (Number(fy[1]) + 1) % 100 === Number(fy[2])) {
    const start = Number(fy[1]);
    return { ok: true, period: { from: `${start}-04-01`, to: `${start + 1}-03-31`, financialYear: `${start}-${fy[2]}`, label: `financial year ${start}-${fy[2]}` } };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(s);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12 || y < 1900 || y > 2199) return { ok: false, message: `"${s}" is not a month. Give ${FORMS}.` };
    const from = `${y}-${pad(m)}-01`;
    return { ok: true, period: { from, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}`, financialYear: financialYear(from), label: `${MONTH_NAMES[m - 1]} ${y}` } };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|–|to)\s*(\d{4}-\d{2}-\d{2})$/.exec(s);
  if (range) {
    const [from, to] = [range[1]!, range[2]!];
    if (!realDay(from) || !realDay(to)) return { ok: false, message: `"${s}" names a day that does not exist. Give ${FORMS}.` };
    if (to < from) return { ok: false, message: `The period ends (${to}) before it starts (${from}).` };
    if (financialYear(from) !== financialYear(to)) {
      return {
        ok: false,
        message: `The period ${from} to ${to} runs across two financial years (${financialYear(from)} and ${financialYear(to)}). Spend is counted by financial year, so import the file once for each year's part, or give a period within one year.`,
      };
    }
    return { ok: true, period: { from, to, financialYear: financialYear(from), label: `${dayLabel(from)} to ${dayLabel(to)}` } };
  }
  return { ok: false, message: `"${s}" is not a period. Give ${FORMS}.` };
}

/** The canonical text of a period, as `parsePeriod` reads it back. */
export function periodText(p: { from: string; to: string }): string {
  if (p.from.endsWith('-04-01') && p.to === `${Number(p.from.slice(0, 4)) + 1}-03-31`) return `${p.from.slice(0, 4)}-${p.to.slice(2, 4)}`;
  const y = Number(p.from.slice(0, 4));
  const m = Number(p.from.slice(5, 7));
  if (p.from.endsWith('-01') && p.to === `${y}-${pad(m)}-${pad(lastDay(y, m))}`) return p.from.slice(0, 7);
  return `${p.from}..${p.to}`;
}

const MONTH_WORDS: Record<string, number> = Object.fromEntries(
  MONTH_NAMES.flatMap((name, i) => [
    [name.toLowerCase(), i + 1],
    [name.slice(0, 3).toLowerCase(), i + 1],
  ]),
);
MONTH_WORDS.sept = 9;

/**
 * A guess at the period from the file's name or the text above its header ("Supplier payments
 * April 2011", "spend-2011-04.csv", "jul-sep-2017", "2011-12 totals"): a default the user
 * confirms, never applied on its own. Null when nothing in them reads as a period.
 */
export function guessPeriod(texts: string[]): string | null {
  for (const raw of texts) {
    const t = raw.toLowerCase().replace(/[_.]/g, ' ');
    const words = '(' + Object.keys(MONTH_WORDS).sort((a, b) => b.length - a.length).join('|') + ')';
    // A range of months: "jul-sep-2017", "april to june 2011".
    const span = new RegExp(`\\b${words}\\s*(?:-|to|–)\\s*${words}\\s*-?\\s*(\\d{4})\\b`).exec(t);
    if (span) {
      const [a, b, y] = [MONTH_WORDS[span[1]!]!, MONTH_WORDS[span[2]!]!, Number(span[3])];
      // "jan-mar 2012": both months in the year named; "nov-jan 2012": the first is in the year before.
      const fromYear = b < a ? y - 1 : y;
      const guess = periodText({ from: `${fromYear}-${pad(a)}-01`, to: `${y}-${pad(b)}-${pad(lastDay(y, b))}` });
      if (parsePeriod(guess).ok) return guess;
    }
    const named = new RegExp(`\\b${words}\\s*[-\\s]?\\s*(\\d{4})\\b`).exec(t);
    if (named) return `${named[2]}-${pad(MONTH_WORDS[named[1]!]!)}`;
    const fy = /\b(?:fy\s*)?(\d{4})[-/](\d{2})\b(?![-/]\d)/.exec(t);
    if (fy && (Number(fy[1]) + 1) % 100 === Number(fy[2])) return `${fy[1]}-${fy[2]}`;
    const ym = /\b(\d{4})[-\s]?(0[1-9]|1[0-2])\b(?![-/]?\d)/.exec(t);
    if (ym && Number(ym[1]) >= 1990 && Number(ym[1]) <= 2100) return `${ym[1]}-${ym[2]}`;
  }
  return null;
}

/** The period from its first and last day, as stored with a file. */
export function periodFromRange(from: string, to: string): SpendPeriod {
  const p = parsePeriod(periodText({ from, to }));
  return p.ok ? p.period : { from, to, financialYear: financialYear(from), label: `${from} to ${to}` };
}
