/**
 * Is this row a transaction? Rows that are not (blank, repeated headers, totals, notes) are
 * skipped with a reason; transactions whose amount or date cannot be read are "bad rows" the user
 * must decide about. Nothing is guessed silently.
 */
import { parseSpendDate, type DateOrder } from '../../shared/calc/spendDates';
import { parseMoney } from '../../shared/calc/spendMoney';
import type { ColumnMapping, ParsedSpendLine } from '../../shared/domain/spend';
import { financialYear } from '../../shared/calc/spendDates';
import { normaliseHeader } from './headers';
import { ownCopy } from './ownCopy';

const TOTAL_RE = /^(grand\s+|overall\s+|page\s+|report\s+|sub[\s-]*)?totals?\b/i;
const SUBTOTAL_RE = /^sub[\s-]*totals?\b/i;

export type RowVerdict =
  | { kind: 'line'; line: ParsedSpendLine; proves: DateOrder | null }
  | { kind: 'skip'; reason: string }
  | { kind: 'bad'; reason: string; proves: DateOrder | null };

const WHITE = /\s/;
/** Whitespace as \s means it (the ASCII ones by hand; the rest, rare, by the pattern). */
const isWhite = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || (c > 127 && WHITE.test(String.fromCharCode(c)));

/**
 * /\s\s|[\t\r\n\u00a0]/ by hand: two whitespace characters in a row, a tab, a line break or a
 * non-breaking space — what `text` tidies. (A pattern test per cell was a tenth of the import.)
 */
function messy(v: string): boolean {
  let prevWhite = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    // Printable ASCII other than the space: nearly every character of a ledger.
    if (c > 32 && c < 127) {
      prevWhite = false;
      continue;
    }
    if (c === 9 || c === 10 || c === 13 || c === 160) return true;
    const white = c === 32 || (c > 10 && isWhite(c));
    if (white && prevWhite) return true;
    prevWhite = white;
  }
  return false;
}

const text = (cells: string[], index: number | undefined): string | null => {
  if (index === undefined) return null;
  let v = (cells[index] ?? '').trim();
  // Tidy runs of spaces and line breaks inside a cell (rare, so tested before replacing).
  if (messy(v)) v = v.replace(/\s+/g, ' ');
  return v === '' ? null : v;
};

const lineOf = (row: number, cells: string[], mapping: ColumnMapping, iso: string, pence: number, year?: string, supplier?: string | null): ParsedSpendLine => ({
  row,
  date: iso,
  financialYear: year ?? financialYear(iso),
  amountPence: pence,
  supplier: supplier !== undefined ? supplier : text(cells, mapping.supplier?.index),
  serviceArea: text(cells, mapping.serviceArea?.index),
  expenseType: text(cells, mapping.expenseType?.index),
  transactionRef: text(cells, mapping.transactionRef?.index),
  orgUnit: text(cells, mapping.orgUnit?.index),
  description: text(cells, mapping.description?.index),
});

/** The period every line of a file without dates is given. */
export interface RowPeriod {
  from: string;
  financialYear: string;
}

const DETAILS = ['supplier', 'serviceArea', 'expenseType', 'transactionRef', 'description'] as const;

/**
 * A file with no date column: every row with an amount is a line of the period, unless it is
 * labelled a total or is an amount with nothing to say what it is for.
 */
function classifyPeriodRow(row: number, cells: string[], normalisedHeader: string[], mapping: ColumnMapping, period: RowPeriod): RowVerdict {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 0) return { kind: 'skip', reason: 'blank row' };
  const norm = cells.map(normaliseHeader);
  const headerHits = normalisedHeader.filter((h, i) => h !== '' && norm[i] === h).length;
  if (headerHits >= Math.max(2, normalisedHeader.filter(Boolean).length / 2)) return { kind: 'skip', reason: 'repeated header row' };
  const totalCell = filled.find((c) => TOTAL_RE.test(c.trim()));
  if (totalCell) return { kind: 'skip', reason: SUBTOTAL_RE.test(totalCell.trim()) ? `subtotal row ("${totalCell.trim()}")` : `total row ("${totalCell.trim()}")` };
  const amountRaw = text(cells, mapping.amount?.index) ?? '';
  const money = parseMoney(amountRaw);
  const hasDetails = DETAILS.some((r) => text(cells, mapping[r]?.index) !== null);
  if (money.ok && !hasDetails) return { kind: 'skip', reason: 'looks like a total: an amount with nothing to say what it is for' };
  if (!money.ok && filled.length === 1) return { kind: 'skip', reason: `a note, not a transaction ("${filled[0]!.trim().slice(0, 60)}")` };
  if (!money.ok) return { kind: 'bad', proves: null, reason: money.blank ? 'the amount is blank' : `the amount "${amountRaw}" cannot be read as money` };
  return { kind: 'line', proves: null, line: lineOf(row, cells, mapping, period.from, money.pence, period.financialYear) };
}

/** A date cell read in one order: what parseSpendDate says of it, and its financial year. */
interface ReadDate {
  iso: string | null;
  proves: DateOrder | null;
  year: string | null;
}

/** More different dates than a ledger of many years holds; past it the memory starts again. */
const DATES_KEPT = 4096;
const readDates: Record<DateOrder, Map<string, ReadDate>> = { dmy: new Map(), mdy: new Map() };

/**
 * A ledger repeats a few hundred dates a million times. Each is read (and its year worked out)
 * once, and every line of that date then carries the same two strings, which the packer's
 * dictionaries look up without hashing them again (linePacking.ts).
 */
function readDate(raw: string, order: DateOrder): ReadDate {
  const kept = readDates[order];
  let d = kept.get(raw);
  if (d === undefined) {
    const p = parseSpendDate(raw, order);
    d = { iso: p.iso, proves: p.proves, year: p.iso === null ? null : financialYear(p.iso) };
    if (kept.size >= DATES_KEPT) kept.clear();
    kept.set(ownCopy(raw), d);
  }
  return d;
}

export function classifyRow(row: number, cells: string[], normalisedHeader: string[], mapping: ColumnMapping, order: DateOrder, period: RowPeriod | null = null): RowVerdict {
  if (!mapping.date && period) return classifyPeriodRow(row, cells, normalisedHeader, mapping, period);
  // Fast path (almost every row): amount and date both read, and it is not labelled a total.
  const quickMoney = parseMoney(cells[mapping.amount!.index] ?? '');
  if (quickMoney.ok) {
    const quickDate = readDate(cells[mapping.date!.index] ?? '', order);
    if (quickDate.iso !== null && !TOTAL_RE.test((cells[0] ?? '').trim())) {
      const supplier = text(cells, mapping.supplier?.index);
      if (!TOTAL_RE.test(supplier ?? '')) return { kind: 'line', proves: quickDate.proves, line: lineOf(row, cells, mapping, quickDate.iso, quickMoney.pence, quickDate.year!, supplier) };
    }
  }
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length === 0) return { kind: 'skip', reason: 'blank row' };
  const norm = cells.map(normaliseHeader);
  const headerHits = normalisedHeader.filter((h, i) => h !== '' && norm[i] === h).length;
  if (headerHits >= Math.max(2, normalisedHeader.filter(Boolean).length / 2)) return { kind: 'skip', reason: 'repeated header row' };

  const amountRaw = text(cells, mapping.amount?.index) ?? '';
  const dateRaw = text(cells, mapping.date?.index) ?? '';
  const money = parseMoney(amountRaw);
  const date = parseSpendDate(dateRaw, order);

  if (date.iso === null) {
    const totalCell = filled.find((c) => TOTAL_RE.test(c.trim()));
    if (totalCell) return { kind: 'skip', reason: SUBTOTAL_RE.test(totalCell.trim()) ? `subtotal row ("${totalCell.trim()}")` : `total row ("${totalCell.trim()}")` };
    const hasDetails = DETAILS.some((r) => text(cells, mapping[r]?.index) !== null);
    if (dateRaw === '' && money.ok && !hasDetails) return { kind: 'skip', reason: 'looks like a total: an amount with no date or details' };
    if (filled.length === 1 && !money.ok) return { kind: 'skip', reason: `a note, not a transaction ("${filled[0]!.trim().slice(0, 60)}")` };
  }

  if (!money.ok) return { kind: 'bad', proves: date.proves, reason: money.blank ? 'the amount is blank' : `the amount "${amountRaw}" cannot be read as money` };
  if (date.iso === null) {
    if (dateRaw === '') return { kind: 'bad', proves: null, reason: 'the date is blank' };
    const other = parseSpendDate(dateRaw, order === 'dmy' ? 'mdy' : 'dmy').iso;
    return {
      kind: 'bad',
      proves: date.proves,
      reason: other
        ? `the date "${dateRaw}" only makes sense ${order === 'dmy' ? 'month-first' : 'day-first'}, but the rest of the file is ${order === 'dmy' ? 'day-first' : 'month-first'}`
        : `the date "${dateRaw}" cannot be read`,
    };
  }
  return { kind: 'line', proves: date.proves, line: lineOf(row, cells, mapping, date.iso, money.pence) };
}
