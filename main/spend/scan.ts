/**
 * Reading a spend file's rows, in two steps that can run on different threads:
 *
 * 1. `planScan` (the caller's thread): from the first rows, find the header, settle the mapping
 *    (saved, guessed, or chosen by the user) and say what stops an import with it.
 * 2. `RowSorter` (the scanner, usually a worker thread): sort every row into a transaction, a
 *    skipped row (with its reason) or a bad row, keep the totals, and hand transactions on in flat
 *    batches as they are read, so memory stays flat.
 */
import type { DateOrder } from '../../shared/calc/spendDates';
import type { DateStyle, ParsedSpendLine, SkippedRow, SpendMappingChoice, SpendYearTotal } from '../../shared/domain/spend';
import { SPEND_ROLES, SPEND_ROLE_LABELS, type ColumnMapping, type SpendRole } from '../../shared/domain/spendRoles';
import { AppError } from '../../shared/errors';
import type { SourceRow } from './csvRows';
import { applyChoices, detectHeaderRow, displayHeaders, guessMapping, headerSignature, normaliseHeader } from './headers';
import { classifyRow, type RowPeriod } from './rowKinds';
import { ownCopy } from './ownCopy';

/** Rows looked at to find the header, and data rows sampled to check the guessed columns. */
export const HEADER_SCAN_ROWS = 40;
export const SAMPLE_ROWS = 200;
/** Lists of skipped/bad rows are kept to this length (the counts are always exact). */
export const MAX_LISTED = 1000;

export type MappingProblems = Partial<Record<SpendRole | 'period', string>>;

export interface ScanPlan {
  /** Index of the header row among the first rows read. */
  headerIndex: number;
  headerRow: number;
  headers: string[];
  normalisedHeader: string[];
  signature: string;
  mapping: ColumnMapping;
  /** What stops an import with this mapping (shown beside the mapping; an import refuses). */
  problems: MappingProblems;
  /** Text above the header (a report's title often names its period). */
  preamble: string[];
}

export interface PlanInput {
  head: SourceRow[];
  choices: SpendMappingChoice | null;
  /** A saved mapping for this source, looked up by header signature. */
  savedMapping(signature: string): ColumnMapping | null;
  fileName: string;
  /** The file has no date column and this period is given for it. */
  hasPeriod: boolean;
  /** Choices by column name or letter (the CLI's --column role=Header); null: not in this file. */
  named?: Partial<Record<SpendRole, string | null>> | null;
}

const columnLetters = (i: number): string => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const tidyName = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Column choices named by header (or column letter), as indexes; a name the file lacks is refused, listing its columns. */
function namedChoices(headers: string[], named: Partial<Record<SpendRole, string | null>>, fileName: string): SpendMappingChoice {
  const out: SpendMappingChoice = {};
  for (const role of SPEND_ROLES) {
    const want = named[role];
    if (want === undefined) continue;
    if (want === null) {
      out[role] = null;
      continue;
    }
    let i = headers.findIndex((h) => tidyName(h) === tidyName(want));
    if (i < 0 && /^[A-Z]{1,3}$/i.test(want.trim())) i = headers.findIndex((_, j) => columnLetters(j) === want.trim().toUpperCase());
    if (i < 0) throw new AppError('INVALID_INPUT', `"${fileName}" has no column called "${want}" (for ${SPEND_ROLE_LABELS[role]}). Its columns are: ${headers.join(', ')}.`, { [`mapping.${role}`]: 'Not a column of this file' });
    out[role] = i;
  }
  return out;
}

export function planScan(input: PlanInput): ScanPlan {
  const { head, fileName } = input;
  if (head.every((r) => r.cells.every((c) => c.trim() === ''))) throw new AppError('BAD_FILE', `"${fileName}" has no rows of data in it.`);
  const headerIndex = detectHeaderRow(head.slice(0, HEADER_SCAN_ROWS).map((r) => r.cells));
  if (headerIndex === null) {
    throw new AppError(
      'BAD_FILE',
      `"${fileName}" does not look like a spend file: none of its first ${HEADER_SCAN_ROWS} rows is a header row naming columns such as a date, an amount and a supplier.`,
    );
  }
  const headerSource = head[headerIndex]!;
  const headers = displayHeaders(headerSource.cells);
  const signature = headerSignature(headerSource.cells);
  const sampleCells = head
    .slice(headerIndex + 1)
    .map((r) => r.cells)
    .filter((c) => c.some((v) => v.trim() !== ''));
  const saved = input.savedMapping(signature);
  const choices = input.named ? { ...input.choices, ...namedChoices(headers, input.named, fileName) } : input.choices;
  const mapping = applyChoices(headers, saved ?? guessMapping(headers, sampleCells), choices);
  return {
    headerIndex,
    headerRow: headerSource.row,
    headers,
    normalisedHeader: headerSource.cells.map(normaliseHeader),
    signature,
    mapping,
    problems: mappingProblems(mapping, headers, fileName, input.hasPeriod),
    preamble: head.slice(0, headerIndex).map((r) => r.cells.filter((c) => c.trim() !== '').join(' ')).filter(Boolean),
  };
}

function mappingProblems(mapping: ColumnMapping, headers: string[], fileName: string, hasPeriod: boolean): MappingProblems {
  const problems: MappingProblems = {};
  if (!mapping.amount) {
    problems.amount = `"${fileName}" has no amount column that could be recognised. Its columns are: ${headers.join(', ')}. Choose the column that holds the amounts.`;
  }
  if (!mapping.date && !hasPeriod) {
    problems.period =
      `"${fileName}" has no date column that could be recognised (its columns are: ${headers.join(', ')}). ` +
      'If the file covers one period — a supplier-totals summary for a month, say — give that period (a month such as 2011-04, a financial year such as 2011-12, or 2011-04-01..2011-06-30); otherwise choose the column that holds the dates.';
  }
  const byIndex = new Map<number, SpendRole>();
  for (const role of SPEND_ROLES) {
    const g = mapping[role];
    if (!g) continue;
    if (g.index >= headers.length) {
      problems[role] = `${SPEND_ROLE_LABELS[role]}: the file has only ${headers.length} columns.`;
      continue;
    }
    const clash = byIndex.get(g.index);
    if (clash) problems[role] = `"${g.header}" is also chosen for ${SPEND_ROLE_LABELS[clash]}: each column can have one meaning. Choose another column, or "Not in this file".`;
    else byIndex.set(g.index, role);
  }
  return problems;
}

/** The error an import gives for a plan with problems (a preview shows them beside the mapping instead). */
export function problemsError(plan: Pick<ScanPlan, 'problems' | 'mapping' | 'headers'>): AppError | null {
  const p = plan.problems;
  if (p.amount) return new AppError('BAD_FILE', p.amount);
  if (p.period) return new AppError('BAD_FILE', p.period, { period: 'Give the period this file covers' });
  const role = SPEND_ROLES.find((r) => p[r]);
  if (!role) return null;
  const g = plan.mapping[role]!;
  const clash = SPEND_ROLES.find((r) => r !== role && plan.mapping[r]?.index === g.index);
  if (g.index >= plan.headers.length) return new AppError('INVALID_INPUT', p[role]!, { [`mapping.${role}`]: 'That column is not in this file' });
  return new AppError('INVALID_INPUT', `"${g.header}" is chosen for both ${SPEND_ROLE_LABELS[clash!]} and ${SPEND_ROLE_LABELS[role]}. Each column can have one meaning.`, {
    [`mapping.${role}`]: `Already chosen for ${SPEND_ROLE_LABELS[clash!]}`,
  });
}

/** Can rows be sorted with this plan? (A conflict still can; a missing amount or date cannot.) */
export const canSort = (plan: ScanPlan): boolean => !plan.problems.amount && !plan.problems.period && SPEND_ROLES.every((r) => !plan.mapping[r] || plan.mapping[r]!.index < plan.headers.length);

/** What the scanner is told once the plan is settled. */
export interface RowPlan {
  headerIndex: number;
  normalisedHeader: string[];
  mapping: ColumnMapping;
  order: DateOrder;
  period: RowPeriod | null;
  /** Hand transactions on (an import) or only count them (a preview). */
  wantLines: boolean;
  sampleSize: number;
}

/**
 * Transactions in flat batches: LINE_FIELDS values per line, in this order. Flat arrays of
 * primitives cost no object per line, and cross a thread boundary cheaply (see linePacking.ts).
 */
export const LINE_FIELDS = 10;
export type LineValue = string | number | null;
/** row, date, financialYear, amountPence, supplier, serviceArea, expenseType, transactionRef, orgUnit, description */
export type LineBatch = LineValue[];

/** Where a scan hands each transaction (linePacking.ts codes them for the trip to the writer). */
export interface LineSink {
  line(l: ParsedSpendLine): void;
}

export interface ScanSummary {
  rows: number;
  totalPence: number;
  skipped: SkippedRow[];
  skippedTotal: number;
  badRows: SkippedRow[];
  badRowTotal: number;
  sample: ParsedSpendLine[];
  evidence: Record<DateOrder, number>;
  dateFrom: string | null;
  dateTo: string | null;
  years: SpendYearTotal[];
  dateStyle: DateStyle;
  rowsRead: number;
  /** The file's SHA-256 when the scan was asked to work it out (ScanRequest.hash), else null. */
  sha256: string | null;
}

/** Month-first is chosen only when the file proves it and nothing in it contradicts that. */
export const needsMonthFirst = (s: ScanSummary): boolean => s.evidence.mdy > 0 && s.evidence.dmy === 0;

type DateForm = 'numeric' | 'iso' | 'named' | 'excel';

const isDigit = (c: number) => c >= 48 && c <= 57;

/** How a date cell is written, by its first characters (called on every line: no patterns). */
function dateForm(raw: string): DateForm | null {
  let i = 0;
  while (raw.charCodeAt(i) === 32) i++;
  if (raw.length - i < 5) return null;
  const c0 = raw.charCodeAt(i);
  if (isDigit(c0) && isDigit(raw.charCodeAt(i + 1)) && isDigit(raw.charCodeAt(i + 2)) && isDigit(raw.charCodeAt(i + 3))) {
    const c4 = raw.charCodeAt(i + 4);
    if (c4 === 45) return 'iso';
    if (isDigit(c4)) return 'excel';
  }
  for (let j = i; j < raw.length; j++) {
    const c = raw.charCodeAt(j) | 32;
    if (c >= 97 && c <= 122) return 'named';
  }
  return 'numeric';
}

/**
 * Sorts rows one at a time (the head rows included, from just below the header). Transactions go
 * to the current batch; `take()` hands the batch over.
 */
export class RowSorter {
  private readonly s: ScanSummary;
  private readonly years = new Map<string, { rows: number; pence: number }>();
  private readonly forms: Record<DateForm, number> = { numeric: 0, iso: 0, named: 0, excel: 0 };
  private readonly dateIndex: number | undefined;

  constructor(
    private readonly plan: RowPlan,
    private readonly kind: 'csv' | 'xlsx',
    /** Takes the transactions when the plan wants them (an import). */
    private readonly lines: LineSink | null = null,
  ) {
    this.s = {
      rows: 0,
      totalPence: 0,
      skipped: [],
      skippedTotal: 0,
      badRows: [],
      badRowTotal: 0,
      sample: [],
      evidence: { dmy: 0, mdy: 0 },
      dateFrom: null,
      dateTo: null,
      years: [],
      dateStyle: 'none',
      rowsRead: 0,
      sha256: null,
    };
    this.dateIndex = plan.mapping.date?.index;
  }

  private skip(row: number, reason: string) {
    this.s.skippedTotal++;
    // (A reason quoting a cell is copied: the cell is a view into a whole chunk of the file; see ownCopy.)
    if (this.s.skipped.length < MAX_LISTED) this.s.skipped.push({ row, reason: ownCopy(reason) });
  }

  /** The rows above the header (read with the head). */
  preamble(rows: SourceRow[]): void {
    for (const r of rows) this.skip(r.row, r.cells.some((c) => c.trim() !== '') ? 'report preamble above the header row' : 'blank row');
  }

  handle(r: SourceRow): void {
    const s = this.s;
    s.rowsRead++;
    const p = this.plan;
    const v = classifyRow(r.row, r.cells, p.normalisedHeader, p.mapping, p.order, p.period);
    if (v.kind === 'skip') {
      this.skip(r.row, v.reason);
      return;
    }
    if (v.proves) s.evidence[v.proves]++;
    if (v.kind === 'bad') {
      s.badRowTotal++;
      if (s.badRows.length < MAX_LISTED) s.badRows.push({ row: r.row, reason: ownCopy(v.reason) });
      return;
    }
    const l = v.line;
    s.rows++;
    s.totalPence += l.amountPence;
    if (s.sample.length < p.sampleSize) s.sample.push(l);
    if (s.dateFrom === null || l.date < s.dateFrom) s.dateFrom = l.date;
    if (s.dateTo === null || l.date > s.dateTo) s.dateTo = l.date;
    const y = this.years.get(l.financialYear);
    if (y) {
      y.rows++;
      y.pence += l.amountPence;
    } else this.years.set(l.financialYear, { rows: 1, pence: l.amountPence });
    if (this.dateIndex !== undefined) {
      const form = dateForm(r.cells[this.dateIndex] ?? '');
      if (form) this.forms[form]++;
    }
    if (p.wantLines) this.lines?.line(l);
  }

  get rowsRead(): number {
    return this.s.rowsRead;
  }

  summary(): ScanSummary {
    const s = this.s;
    s.years = [...this.years].sort((a, b) => a[0].localeCompare(b[0])).map(([year, t]) => ({ year, rows: t.rows, totalPence: t.pence }));
    s.dateStyle = this.style();
    return s;
  }

  private style(): DateStyle {
    if (this.plan.period && !this.plan.mapping.date) return 'period';
    const seen = (Object.keys(this.forms) as DateForm[]).filter((f) => this.forms[f] > 0);
    if (seen.length === 0) return 'none';
    if (seen.length > 1) return 'mixed';
    const only = seen[0]!;
    // exceljs hands real Excel date cells over as ISO text: in a workbook they are Excel dates.
    if (only === 'iso') return this.kind === 'xlsx' ? 'excel' : 'iso';
    if (only === 'numeric') return this.plan.order;
    return only;
  }
}
