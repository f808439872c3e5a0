/**
 * An XLSX worksheet as a stream of rows of cell text, read with exceljs's streaming reader (never
 * the whole workbook in memory). Row numbers are the worksheet's own; dates come out as ISO text.
 */
import fs from 'node:fs';
import type ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import type { RowStream, SourceRow } from './csvRows';

type Cell = ExcelJS.CellValue;

const pad = (n: number) => String(n).padStart(2, '0');

export function cellText(v: Cell | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as Cell);
    if ('text' in v) return String((v as { text: unknown }).text ?? '');
    if ('error' in v) return String(v.error);
  }
  return '';
}

function rowCells(values: unknown): string[] {
  // exceljs row.values is 1-based and sparse.
  const arr = Array.isArray(values) ? (values as Cell[]) : [];
  const out: string[] = [];
  for (let i = 1; i < arr.length; i++) out.push(cellText(arr[i]));
  return out;
}

/** exceljs takes about a second to load: only XLSX imports pay for it, not every `tpw` command. */
let excel: Promise<typeof ExcelJS> | null = null;
const loadExcel = () => (excel ??= import('exceljs').then((m) => (m as unknown as { default: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));

const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
const reader = async (input: fs.ReadStream) => new (await loadExcel()).stream.xlsx.WorkbookReader(input, READER_OPTIONS);

const unreadable = (name: string, e: unknown) =>
  new AppError('BAD_FILE', `"${name}" could not be read as an XLSX workbook (${(e as Error).message || 'damaged file'}). Open it in Excel, save it again, and retry.`);

/** Sheet names (as written, stray spaces and all) with their first rows, for choosing a sheet. */
export async function xlsxSheets(file: string, name: string, headRows = 40): Promise<{ name: string; head: SourceRow[] }[]> {
  const sheets: { name: string; head: SourceRow[] }[] = [];
  try {
    for await (const ws of await reader(fs.createReadStream(file))) {
      const wsName = String((ws as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`);
      const head: SourceRow[] = [];
      for await (const row of ws as AsyncIterable<ExcelJS.Row>) if (head.length < headRows) head.push({ row: row.number, cells: rowCells(row.values) });
      sheets.push({ name: wsName, head });
    }
  } catch (e) {
    throw unreadable(name, e);
  }
  return sheets;
}

export function xlsxRows(file: string, name: string, sheet: string): RowStream {
  let bytes = 0;
  async function* rows(): AsyncGenerator<SourceRow[]> {
    let found = false;
    let batch: SourceRow[] = [];
    try {
      const input = fs.createReadStream(file);
      input.on('data', (c) => (bytes += c.length));
      for await (const ws of await reader(input)) {
        const wsName = String((ws as unknown as { name?: string }).name ?? '');
        const mine = wsName === sheet;
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
          if (!mine) continue;
          batch.push({ row: row.number, cells: rowCells(row.values) });
          if (batch.length >= 1000) {
            yield batch;
            batch = [];
          }
        }
        if (mine) found = true;
        if (batch.length) yield batch;
        batch = [];
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw unreadable(name, e);
    }
    if (!found) throw new AppError('BAD_FILE', `"${name}" has no sheet called "${sheet}".`);
  }
  return { rows: rows(), bytesRead: () => bytes };
}
