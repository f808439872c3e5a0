/**
 * One pass over a spend file's rows: find the header, settle the mapping, and sort every row into
 * a transaction, a skipped row (with its reason) or a bad row. Transactions go to `onLine` as they
 * are read (the import inserts them; the preview only counts them), so memory stays flat.
 */
import type { DateOrder } from '../../shared/calc/spendDates';
import { SPEND_ROLES, SPEND_ROLE_LABELS, type ColumnMapping, type ParsedSpendLine, type SkippedRow, type SpendMappingChoice, type SpendRole } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import type { SourceRow } from './csvRows';
import { applyChoices, detectHeaderRow, displayHeaders, guessMapping, headerSignature, normaliseHeader } from './headers';
import { classifyRow } from './rowKinds';

/** Rows looked at to find the header, and data rows sampled to check the guessed columns. */
const HEADER_SCAN_ROWS = 40;
const SAMPLE_ROWS = 200;
/** Lists of skipped/bad rows are kept to this length (the counts are always exact). */
export const MAX_LISTED = 1000;

export interface ScanOptions {
  order: DateOrder;
  choices: SpendMappingChoice | null;
  /** A saved mapping for this source, looked up by header signature. */
  savedMapping(signature: string): ColumnMapping | null;
  onLine?(line: ParsedSpendLine): void;
  /** Called every few thousand rows; may return a promise (to yield) or throw to cancel. */
  onProgress?(rowsRead: number): void | Promise<void>;
  sampleSize?: number;
  fileName: string;
}

export interface ScanResult {
  headerRow: number;
  headers: string[];
  signature: string;
  mapping: ColumnMapping;
  rows: number;
  totalPence: number;
  skipped: SkippedRow[];
  skippedTotal: number;
  badRows: SkippedRow[];
  badRowTotal: number;
  sample: ParsedSpendLine[];
  evidence: Record<DateOrder, number>;
}

export async function scanRows(source: AsyncIterable<SourceRow[]>, opts: ScanOptions): Promise<ScanResult> {
  const buffered: SourceRow[] = [];
  const iterator = source[Symbol.asyncIterator]();
  let done = false;
  while (buffered.length < HEADER_SCAN_ROWS + SAMPLE_ROWS) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(...next.value);
  }
  if (buffered.every((r) => r.cells.every((c) => c.trim() === ''))) {
    throw new AppError('BAD_FILE', `"${opts.fileName}" has no rows of data in it.`);
  }
  const headerIndex = detectHeaderRow(buffered.slice(0, HEADER_SCAN_ROWS).map((r) => r.cells));
  if (headerIndex === null) {
    throw new AppError(
      'BAD_FILE',
      `"${opts.fileName}" does not look like a spend file: none of its first ${HEADER_SCAN_ROWS} rows is a header row naming columns such as a date, an amount and a supplier.`,
    );
  }
  const headerSource = buffered[headerIndex]!;
  const headers = displayHeaders(headerSource.cells);
  const normalisedHeader = headerSource.cells.map(normaliseHeader);
  const signature = headerSignature(headerSource.cells);
  const sampleCells = buffered.slice(headerIndex + 1).map((r) => r.cells).filter((c) => c.some((v) => v.trim() !== ''));
  const saved = opts.savedMapping(signature);
  const mapping = applyChoices(headers, saved ?? guessMapping(headers, sampleCells), opts.choices);
  assertUsable(mapping, headers, opts.fileName);

  const result: ScanResult = {
    headerRow: headerSource.row,
    headers,
    signature,
    mapping,
    rows: 0,
    totalPence: 0,
    skipped: [],
    skippedTotal: 0,
    badRows: [],
    badRowTotal: 0,
    sample: [],
    evidence: { dmy: 0, mdy: 0 },
  };
  const sampleSize = opts.sampleSize ?? 20;
  const skip = (row: number, reason: string) => {
    result.skippedTotal++;
    if (result.skipped.length < MAX_LISTED) result.skipped.push({ row, reason });
  };
  for (const r of buffered.slice(0, headerIndex)) skip(r.row, r.cells.some((c) => c.trim() !== '') ? 'report preamble above the header row' : 'blank row');

  let seen = 0;
  const handle = (r: SourceRow) => {
    const v = classifyRow(r.row, r.cells, normalisedHeader, mapping, opts.order);
    if (v.kind === 'skip') skip(r.row, v.reason);
    else if (v.kind === 'bad') {
      if (v.proves) result.evidence[v.proves]++;
      result.badRowTotal++;
      if (result.badRows.length < MAX_LISTED) result.badRows.push({ row: r.row, reason: v.reason });
    } else {
      if (v.proves) result.evidence[v.proves]++;
      result.rows++;
      result.totalPence += v.line.amountPence;
      if (result.sample.length < sampleSize) result.sample.push(v.line);
      opts.onLine?.(v.line);
    }
  };
  const handleBatch = async (batch: SourceRow[]) => {
    for (const r of batch) handle(r);
    const before = seen;
    seen += batch.length;
    if (Math.floor(seen / 5000) !== Math.floor(before / 5000)) await opts.onProgress?.(seen);
  };
  await handleBatch(buffered.slice(headerIndex + 1));
  while (!done) {
    const next = await iterator.next();
    if (next.done) break;
    await handleBatch(next.value);
  }
  await opts.onProgress?.(seen);
  return result;
}

function assertUsable(mapping: ColumnMapping, headers: string[], fileName: string): void {
  const missing = (['amount', 'date'] as const).filter((r) => !mapping[r]);
  if (missing.length) {
    const what = missing.map((r) => SPEND_ROLE_LABELS[r].toLowerCase()).join(' or ');
    throw new AppError(
      'BAD_FILE',
      `"${fileName}" has no ${what} column that could be recognised. Its columns are: ${headers.join(', ')}. ` +
        'Choose the right columns in the mapping, or check this is a spend file.',
    );
  }
  const byIndex = new Map<number, SpendRole>();
  for (const role of SPEND_ROLES) {
    const g = mapping[role];
    if (!g) continue;
    if (g.index >= headers.length) throw new AppError('INVALID_INPUT', `${SPEND_ROLE_LABELS[role]}: the file has only ${headers.length} columns.`, { [`mapping.${role}`]: 'That column is not in this file' });
    const clash = byIndex.get(g.index);
    if (clash) {
      throw new AppError('INVALID_INPUT', `"${g.header}" is chosen for both ${SPEND_ROLE_LABELS[clash]} and ${SPEND_ROLE_LABELS[role]}. Each column can have one meaning.`, {
        [`mapping.${role}`]: `Already chosen for ${SPEND_ROLE_LABELS[clash]}`,
      });
    }
    byIndex.set(g.index, role);
  }
}
