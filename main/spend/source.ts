/**
 * Opens an uploaded spend file as rows: sniffs it (kind, encoding, hash), picks the sheet of a
 * workbook, detects a CSV's delimiter. Re-openable, because the import may need a second pass.
 */
import { AppError } from '../../shared/errors';
import { csvRows, detectDelimiter, type RowStream } from './csvRows';
import { detectHeaderRow } from './headers';
import { sniffFile, type Sniffed } from './sniff';
import { xlsxRows, xlsxSheets } from './xlsxRows';

export interface SpendSource {
  fileName: string;
  sniffed: Sniffed;
  sheet: string | null;
  sheets: string[];
  delimiter: string | null;
  open(): RowStream;
}

const tidy = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export async function openSpendSource(file: string, fileName: string, sheetWanted: string | null): Promise<SpendSource> {
  const sniffed = await sniffFile(file, fileName);
  if (sniffed.kind === 'csv') {
    if (sheetWanted) throw new AppError('INVALID_INPUT', `"${fileName}" is a CSV file, which has no sheets; leave the sheet out.`, { sheet: 'A CSV file has no sheets' });
    const delimiter = await detectDelimiter(file, sniffed.encoding!);
    return { fileName, sniffed, sheet: null, sheets: [], delimiter, open: () => csvRows(file, sniffed.encoding!, delimiter) };
  }
  const sheets = await xlsxSheets(file, fileName);
  if (sheets.length === 0) throw new AppError('BAD_FILE', `"${fileName}" is a workbook with no worksheets in it.`);
  let chosen;
  if (sheetWanted) {
    // Sheet names often carry stray spaces ("Spend "): match them tidily, ignoring case.
    chosen = sheets.find((s) => s.name === sheetWanted) ?? sheets.find((s) => tidy(s.name) === tidy(sheetWanted));
    if (!chosen) {
      throw new AppError('BAD_FILE', `"${fileName}" has no sheet called "${sheetWanted}". Its sheets are: ${sheets.map((s) => `"${s.name}"`).join(', ')}.`);
    }
  } else {
    chosen = sheets.find((s) => detectHeaderRow(s.head.map((r) => r.cells)) !== null);
    if (!chosen) {
      throw new AppError(
        'BAD_FILE',
        `"${fileName}" does not look like a spend file: none of its sheets (${sheets.map((s) => `"${s.name}"`).join(', ')}) has a header row naming columns such as a date, an amount and a supplier.`,
      );
    }
  }
  const sheetName = chosen.name;
  return { fileName, sniffed, sheet: sheetName, sheets: sheets.map((s) => s.name), delimiter: null, open: () => xlsxRows(file, fileName, sheetName) };
}
