/**
 * Opens a spend file: sniffs it (kind, encoding, hash), detects a CSV's delimiter, and for a
 * workbook lists every sheet with a guess of which one holds the transactions — the sheet with
 * the most rows that read as transactions under a spend header, so a notes, field-definitions or
 * pivot sheet in front of the data is passed over. The user (or `--sheet`) may pick another.
 */
import { parseSpendDate } from '../../shared/calc/spendDates';
import { parseMoney } from '../../shared/calc/spendMoney';
import type { SheetGuess } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import { detectDelimiter, type SourceRow } from './csvRows';
import { detectHeaderRow, displayHeaders, guessMapping } from './headers';
import type { ScanRequest } from './scanner';
import { sniffFile, type Sniffed } from './sniff';
import { xlsxSheets, type XlsxSheet } from './xlsxRows';

export interface SpendSource {
  fileName: string;
  sniffed: Sniffed;
  sheet: string | null;
  sheets: string[];
  sheetGuesses: SheetGuess[];
  delimiter: string | null;
  /** What a scanner needs to read the chosen sheet (or the CSV). */
  request: ScanRequest;
}

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

interface Judged {
  sheet: XlsxSheet;
  transactions: number;
  reason: string;
}

/** How many of a sheet's first rows read as transactions under its header, and why. */
function judge(sheet: XlsxSheet): Judged {
  const rows = sheet.head.map((r) => r.cells);
  if (rows.every((c) => c.every((v) => v.trim() === ''))) return { sheet, transactions: 0, reason: 'empty' };
  const at = detectHeaderRow(rows.slice(0, 40));
  if (at === null) return { sheet, transactions: 0, reason: 'no header row naming spend columns (notes, definitions or a summary)' };
  const headers = displayHeaders(rows[at]!);
  const data = rows.slice(at + 1).filter((c) => c.some((v) => v.trim() !== ''));
  const m = guessMapping(headers, data);
  const reads = (cells: string[]) =>
    m.amount !== undefined &&
    parseMoney(cells[m.amount.index] ?? '').ok &&
    (m.date === undefined || parseSpendDate(cells[m.date.index] ?? '', 'dmy').iso !== null || parseSpendDate(cells[m.date.index] ?? '', 'mdy').iso !== null) &&
    cells.filter((v) => v.trim() !== '').length >= 2;
  const transactions = data.filter(reads).length;
  const row = (sheet.head[at] as SourceRow).row;
  const named = headers.filter((h) => h.trim()).slice(0, 4).join(', ');
  return {
    sheet,
    transactions,
    reason: transactions > 0 ? `a header on row ${row} (${named}…) with rows of spend under it` : `a header on row ${row} (${named}…) but no rows that read as spend under it`,
  };
}

/** The sheets of a workbook with the guess of which holds the transactions (none for a CSV), without reading any further. */
export async function spendSheets(file: string, fileName: string): Promise<{ kind: 'csv' | 'xlsx'; sheets: SheetGuess[] }> {
  const sniffed = await sniffFile(file, fileName);
  if (sniffed.kind === 'csv') return { kind: 'csv', sheets: [] };
  const judged = (await xlsxSheets(file, fileName)).map(judge);
  const guess = bestOf(judged);
  return { kind: 'xlsx', sheets: judged.map((j) => guessOf(j, j.sheet === guess?.sheet)) };
}

function bestOf(judged: Judged[]): Judged | undefined {
  // The sheet with the most transaction rows (the first such, on a tie); hidden sheets only if nothing else has any.
  const best = [...judged].filter((j) => j.transactions > 0).sort((a, b) => Number(a.sheet.hidden) - Number(b.sheet.hidden) || b.transactions - a.transactions)[0];
  return best ?? judged.find((j) => j.reason.startsWith('a header'));
}

const guessOf = (j: Judged, chosen: boolean): SheetGuess => ({ name: j.sheet.name, chosen, transactions: j.transactions > 0, reason: `${j.sheet.hidden ? 'hidden; ' : ''}${j.reason}` });

/** `wholeFile: false`: a large CSV's encoding and hash are settled by the scan (see sniffFile). */
export async function openSpendSource(file: string, fileName: string, sheetWanted: string | null, opts: { wholeFile?: boolean } = {}): Promise<SpendSource> {
  const sniffed = await sniffFile(file, fileName, opts);
  if (sniffed.kind === 'csv') {
    if (sheetWanted) throw new AppError('INVALID_INPUT', `"${fileName}" is a CSV file, which has no sheets; leave the sheet out.`, { sheet: 'A CSV file has no sheets' });
    const delimiter = await detectDelimiter(file, sniffed.encoding!);
    return {
      fileName,
      sniffed,
      sheet: null,
      sheets: [],
      sheetGuesses: [],
      delimiter,
      request: { file, fileName, kind: 'csv', encoding: sniffed.encoding, delimiter, sheet: null, size: sniffed.size, hash: sniffed.partial === true },
    };
  }
  const sheets = await xlsxSheets(file, fileName);
  if (sheets.length === 0) throw new AppError('BAD_FILE', `"${fileName}" is a workbook with no worksheets in it.`);
  const judged = sheets.map(judge);
  const guess = bestOf(judged);
  let chosen: XlsxSheet | undefined;
  if (sheetWanted) {
    // Sheet names often carry stray spaces ("Spend "): match them tidily, ignoring case.
    chosen = sheets.find((s) => s.name === sheetWanted) ?? sheets.find((s) => tidy(s.name) === tidy(sheetWanted));
    if (!chosen) throw new AppError('BAD_FILE', `"${fileName}" has no sheet called "${sheetWanted}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`);
  } else {
    chosen = guess?.sheet;
    if (!chosen) {
      throw new AppError(
        'BAD_FILE',
        `"${fileName}" does not look like a spend file: none of its sheets (${sheets.map((s) => `"${s.name}"`).join(', ')}) has a header row naming columns such as a date, an amount and a supplier.`,
      );
    }
  }
  const sheetName = chosen.name;
  return {
    fileName,
    sniffed,
    sheet: sheetName,
    sheets: sheets.map((s) => s.name),
    sheetGuesses: judged.map((j) => guessOf(j, j.sheet === chosen)),
    delimiter: null,
    request: { file, fileName, kind: 'xlsx', encoding: null, delimiter: null, sheet: sheetName, size: sniffed.size },
  };
}
