/**
 * Finding the header row after a report preamble, and guessing which column is which.
 * Pure functions over rows of cell text, so they are tested on their own.
 */
import { parseSpendDate } from '../../shared/calc/spendDates';
import { parseMoney } from '../../shared/calc/spendMoney';
import { SPEND_ROLES, type ColumnGuess, type ColumnMapping, type MappingConfidence, type SpendRole } from '../../shared/domain/spendRoles';

/** "PaymentDate", " Paid  Date ", "Amount (£)", "supplier_name" → "payment date", "paid date", "amount", "supplier name". */
export function normaliseHeader(raw: string): string {
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\u00a0]/g, ' ')
    .replace(/£/g, ' ')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const columnLetter = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Header names for people: tidily spaced, blanks named by column letter, duplicates numbered. */
export function displayHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    const base = c.replace(/\s+/g, ' ').trim() || `Column ${columnLetter(i)}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/** What identifies a source's layout: its normalised headers. Next month's file from the same body matches. */
export const headerSignature = (cells: string[]): string => cells.map(normaliseHeader).join('|');

type Pattern = [RegExp, number];
const TOTAL_LABEL = /^(grand\s+|overall\s+|page\s+|report\s+|sub[\s-]*)?totals?\b/i;
const NOT_A_VALUE = /\b(id|code|codes|number|no|ref|uri|url|vat|postcode|reg|registration)\b/;
/** Headings such as "Service Code" or "Expense Code": some bodies put the name of the thing under them. */
const CODE_WORD = /\b(code|codes)\b/;

/** For each role, header patterns tried in order; the first that matches gives the score. */
const ROLE_PATTERNS: Record<SpendRole, { patterns: Pattern[]; exclude?: RegExp }> = {
  amount: {
    patterns: [
      [/^(amount|net amount|amount paid|paid amount|payment amount|transaction amount|line amount|total amount|amount gbp|amount excl vat|amount excluding vat|amount ex vat|net value|value|net|spend|amount in sterling|gross amount|invoice amount)$/, 10],
      [/\b(amount|value|net|gross|sum|total|spend)\b/, 5],
    ],
    exclude: /\b(vat|id|code|number|no|count|quantity|qty|date)\b/,
  },
  date: {
    patterns: [
      [/^((payment|paid|pay) date|date (paid|of payment))$/, 10],
      [/^((transaction|trans|invoice|posting|posted|clearing|expenditure|cheque) date|date)$/, 8],
      [/^effective date$/, 3],
      [/\bdate\b/, 5],
    ],
  },
  supplier: {
    patterns: [
      [/^(supplier|supplier name|beneficiary|beneficiary name|payee|payee name|vendor|vendor name|merchant|merchant name|creditor|creditor name|recipient|recipient name|supplier description)$/, 10],
      [/\b(supplier|beneficiary|payee|vendor|merchant|creditor|recipient)\b/, 5],
    ],
    exclude: /\b(id|code|number|no|ref|category|type|postcode|uri|url|vat|reg|registration|status|class)\b/,
  },
  serviceArea: {
    patterns: [
      [/^(service area|expense area|service|service division|directorate|department|service label|cost centre|cost center|cost centre name|cost centre description|division|service area description|portfolio|business unit|service area name)$/, 10],
      [/^(service area|service|cost cent(re|er)|expense area) (code )?(description|desc|name|label)$/, 9],
      [/\b(service|expense area|directorate|cost cent(re|er))\b/, 5],
    ],
    exclude: NOT_A_VALUE,
  },
  expenseType: {
    patterns: [
      [/^(expense type|expenditure type|type of expenditure|expense category|expenditure category|expenditure catergory|category|account description|subjective description|subjective|category internal name|expenditure description|cost type|spend category|procurement category|purchase category|merchant category|expense type description)$/, 10],
      // Ledger shorthand (Lambeth's "Subj Description"): the subjective is what the money bought.
      [/^(subj|subjective|exp|expense|expenditure|account|acct|nominal)( code)? (description|desc|name|type|label)$/, 9],
      [/\b(expense|expenditure|category|subjective|subj|account)\b/, 5],
    ],
    exclude: NOT_A_VALUE,
  },
  transactionRef: {
    patterns: [
      [/^(transaction reference|transaction ref|transaction number|transaction no|trans no|trans ref|transaction id|reference|ref|invoice number|invoice no|invoice ref|document number|document no|payment reference|payment ref|voucher number|voucher no|journal number|transaction)$/, 10],
      [/\b(transaction|trans|reference|ref|invoice|voucher|document)\b/, 5],
    ],
    exclude: /\b(date|amount|value|description|type|category)\b/,
  },
  orgUnit: {
    patterns: [
      [/^(organisational unit|organisation unit|organizational unit|organization unit|org unit|organisatonal unit|business area|responsible unit)$/, 10],
      [/^(entity|body|body name|school|client)$/, 7],
      [/^(department family|organisation|organisation name|organisation label|organization|organization name)$/, 4],
    ],
    exclude: /\b(uri|url|code|id|type)\b/,
  },
  description: {
    patterns: [
      [/^(description|purpose|narrative|details|item description|line description|transaction description|summary of purpose|purpose of expenditure|narration|item|extended description|invoice description)$/, 10],
      [/\b(description|purpose|narrative|detail|details)\b/, 5],
    ],
    // A description of a code ("Subj Description", "Service Area Description") names that code's meaning, not the purpose.
    exclude: /\b(id|code|codes|number|no|ref|uri|url|vat|postcode|reg|registration|subj|subjective|service|cost|account|expense|expenditure|supplier|category)\b/,
  },
};

export function headerScore(role: SpendRole, header: string): number {
  const h = normaliseHeader(header);
  if (!h) return 0;
  const spec = ROLE_PATTERNS[role];
  for (const [re, score] of spec.patterns) {
    if (re.test(h)) {
      // Exact matches win over exclusions ("Amount" is fine; "VAT Amount" is not the amount).
      if (score < 9 && spec.exclude?.test(h)) return 0;
      if (score >= 10 && role === 'amount' && /\bvat\b/.test(h) && !/\b(excl|excluding|ex)\b/.test(h)) return 0;
      return score;
    }
  }
  return 0;
}

/**
 * A heading with "code" in it ("Service Code", "Expense Code") that would otherwise name a text
 * role: worth 3 when the column turns out to hold names rather than codes (checked on the data),
 * so a plainly named column still wins where both exist.
 */
function codeHeadingScore(role: SpendRole, header: string): number {
  if (role !== 'serviceArea' && role !== 'expenseType') return 0;
  const h = normaliseHeader(header);
  if (!CODE_WORD.test(h)) return 0;
  return headerScore(role, h.replace(CODE_WORD, ' ').replace(/\s+/g, ' ').trim()) > 0 ? 3 : 0;
}

/** Names, not codes: most values have a letter and a space, or are long words ("Refuse Collection", "Stationery"). */
function holdsNames(values: string[]): boolean {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return false;
  const named = filled.filter((v) => /[A-Za-z]/.test(v) && (/\s/.test(v.trim()) || /^[A-Za-z][a-z]{3,}/.test(v.trim())));
  return named.length / filled.length >= 0.8;
}

const isMoney = (s: string) => parseMoney(s).ok;
const isDate = (s: string) => parseSpendDate(s, 'dmy').iso !== null || parseSpendDate(s, 'mdy').iso !== null;

/** A header cell is text: it does not read as an amount or a date. */
const looksLikeValue = (s: string) => s.trim() !== '' && (isMoney(s) || isDate(s));

/**
 * The header row is the row, among the first rows, whose cells best read as spend headings
 * (and not as values). Rows above it are a report preamble.
 */
export function detectHeaderRow(rows: string[][]): number | null {
  let best: { index: number; score: number } | null = null;
  rows.forEach((cells, index) => {
    const nonEmpty = cells.filter((c) => c.trim() !== '');
    if (nonEmpty.length < 2) return;
    let roleCells = 0;
    let hasAmount = false;
    let hasDate = false;
    for (const c of nonEmpty) {
      const scores = SPEND_ROLES.map((r) => headerScore(r, c));
      if (Math.max(...scores) > 0) roleCells++;
      if (headerScore('amount', c) > 0) hasAmount = true;
      if (headerScore('date', c) > 0) hasDate = true;
    }
    const values = nonEmpty.filter(looksLikeValue).length;
    if (roleCells < 2 || values > 0) return;
    const score = roleCells * 2 + (hasAmount ? 4 : 0) + (hasDate ? 4 : 0);
    if (!best || score > best.score) best = { index, score };
  });
  return best === null ? null : (best as { index: number }).index;
}

const fraction = (values: string[], test: (s: string) => boolean) => {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
};

const distinctness = (values: string[]) => {
  const filled = values.filter((v) => v.trim() !== '');
  return filled.length === 0 ? 0 : new Set(filled).size / filled.length;
};

/**
 * Checks a column's values fit the role (amounts parse, dates parse, references vary). A heading
 * that names the role exactly needs only most values to fit: the rest are reported as bad rows,
 * never silently re-mapped.
 */
function dataFits(role: SpendRole, values: string[], score: number): boolean {
  const filled = values.filter((v) => v.trim() !== '');
  if (filled.length === 0) return role !== 'amount' && role !== 'date';
  const needed = score >= 8 ? 0.5 : 0.8;
  if (role === 'amount') return fraction(values, isMoney) >= needed;
  if (role === 'date') return fraction(values, isDate) >= needed;
  if (role === 'transactionRef') return filled.length < 5 || distinctness(values) >= 0.5;
  // Text roles: not a column of pure amounts or dates.
  return fraction(values, looksLikeValue) < 0.9;
}

const confidenceOf = (score: number): MappingConfidence => (score >= 9 ? 'high' : score >= 5 ? 'medium' : 'low');

/** Guesses each role's column from header names, checked against sample data rows. */
export function guessMapping(headers: string[], rawSample: string[][]): ColumnMapping {
  // Judge columns on rows that could be transactions: not repeated headers or total lines.
  const normalised = headers.map(normaliseHeader);
  const sample = rawSample.filter(
    (cells) => !cells.some((c) => TOTAL_LABEL.test(c.trim())) && cells.filter((c, i) => c.trim() !== '' && normaliseHeader(c) === normalised[i]).length < 2,
  );
  const column = (i: number) => sample.map((r) => r[i] ?? '');
  const used = new Set<number>();
  const mapping: ColumnMapping = {};
  // Every (role, column) pair the headings and data allow, best first: a column goes to the role
  // it names most clearly ("Service Area Description" is a service area before it is a
  // description), ties to the role listed first.
  const candidates: { role: SpendRole; index: number; score: number; order: number }[] = [];
  SPEND_ROLES.forEach((role, order) => {
    headers.forEach((h, index) => {
      let score = headerScore(role, h);
      if (score === 0) {
        score = codeHeadingScore(role, h);
        if (score > 0 && !holdsNames(column(index))) score = 0;
      }
      if (score === 0 || !dataFits(role, column(index), score)) return;
      candidates.push({ role, index, score, order });
    });
  });
  candidates.sort((a, b) => b.score - a.score || a.order - b.order || a.index - b.index);
  for (const c of candidates) {
    if (mapping[c.role] || used.has(c.index)) continue;
    used.add(c.index);
    mapping[c.role] = { index: c.index, header: headers[c.index]!, confidence: confidenceOf(c.score) };
  }
  // No amount heading: a column of decimal amounts is very probably it (low confidence; the preview shows it).
  if (!mapping.amount) {
    const idx = headers.findIndex((_, i) => {
      if (used.has(i)) return false;
      const values = column(i).filter((v) => v.trim() !== '');
      return values.length > 0 && fraction(values, isMoney) >= 0.95 && fraction(values, (v) => /[.,]\d{2}\b|£/.test(v)) >= 0.5 && fraction(values, isDate) < 0.5;
    });
    if (idx >= 0) {
      used.add(idx);
      mapping.amount = { index: idx, header: headers[idx]!, confidence: 'low' };
    }
  }
  if (!mapping.date) {
    const idx = headers.findIndex((_, i) => !used.has(i) && column(i).some((v) => v.trim() !== '') && fraction(column(i), isDate) >= 0.95);
    if (idx >= 0) mapping.date = { index: idx, header: headers[idx]!, confidence: 'low' };
  }
  return mapping;
}

/** Applies the user's choices (column index, or null for "not in this file") over a guess. */
export function applyChoices(headers: string[], guess: ColumnMapping, choices: Partial<Record<SpendRole, number | null | undefined>> | null): ColumnMapping {
  if (!choices) return guess;
  const out: ColumnMapping = { ...guess };
  for (const role of SPEND_ROLES) {
    if (!(role in choices) || choices[role] === undefined) continue;
    const index = choices[role];
    if (index === null) delete out[role];
    else out[role] = { index: index!, header: headers[index!] ?? `Column ${columnLetter(index!)}`, confidence: 'chosen' } satisfies ColumnGuess;
  }
  return out;
}
