/**
 * An XLSX worksheet as a stream of rows of cell text, read with exceljs's streaming reader (never
 * the whole workbook in memory). Row numbers are the worksheet's own; dates come out as ISO text.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { AppError } from '../../shared/errors';
import type { RowStream, SourceRow } from './csvRows';
import { xlsxSheetNames, type SheetName } from './xlsxSheetNames';

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
const reader = async (input: Readable) => new (await loadExcel()).stream.xlsx.WorkbookReader(input, READER_OPTIONS);

const unreadable = (name: string, e: unknown) =>
  new AppError('BAD_FILE', `"${name}" could not be read as an XLSX workbook (${(e as Error).message || 'damaged file'}). Open it in Excel, save it again, and retry.`);

/**
 * The name a sheet really has. exceljs falls back to "Sheet<N>" (N from xl/worksheets/sheetN.xml)
 * when it cannot match the sheet to the workbook part; the workbook part then gives the name.
 */
function realName(ws: unknown, names: SheetName[]): string {
  const w = ws as { name?: string; id?: string | number };
  const own = String(w.name ?? '');
  if (own === `Sheet${w.id}`) {
    const found = names.find((n) => n.fileNo === String(w.id));
    if (found) return found.name;
  }
  return own;
}

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  head: SourceRow[];
}

/** Up to this size a workbook whose parts follow its sheets is read whole (see WorkbookParts). */
const WHOLE_MAX_BYTES = 64 * 1024 * 1024;

/** A sheet as exceljs yields it, read whole or streamed. */
interface SheetRows {
  name: string;
  rows: AsyncIterable<SourceRow>;
}

/**
 * The workbook's sheets one after another, each with its rows: streamed (flat memory), or read
 * whole when its layout trips the streaming reader and it is small enough.
 */
async function* sheetsOf(file: string, input: () => Readable): AsyncGenerator<SheetRows> {
  const parts = await xlsxSheetNames(file);
  const size = (await fsp.stat(file)).size;
  if (parts.partsAfterSheets && size <= WHOLE_MAX_BYTES) {
    const wb = new (await loadExcel()).Workbook();
    await wb.xlsx.read(input());
    for (const ws of wb.worksheets) {
      yield {
        name: ws.name,
        rows: (async function* () {
          for (let i = 1; i <= ws.rowCount; i++) {
            const row = ws.findRow(i);
            if (row?.hasValues) yield { row: row.number, cells: rowCells(row.values) };
          }
        })(),
      };
    }
    return;
  }
  for await (const ws of await reader(input())) {
    yield {
      name: realName(ws, parts.sheets),
      rows: (async function* () {
        for await (const row of ws as AsyncIterable<ExcelJS.Row>) yield { row: row.number, cells: rowCells(row.values) };
      })(),
    };
  }
}

/** Sheet names (as written, stray spaces and all) in tab order, with their first rows, for choosing a sheet. */
export async function xlsxSheets(file: string, name: string, headRows = 240): Promise<XlsxSheet[]> {
  const { sheets: names } = await xlsxSheetNames(file);
  const sheets: XlsxSheet[] = [];
  try {
    for await (const ws of sheetsOf(file, () => fs.createReadStream(file))) {
      const wsName = ws.name || `Sheet${sheets.length + 1}`;
      const head: SourceRow[] = [];
      for await (const row of ws.rows) if (head.length < headRows) head.push(row);
      sheets.push({ name: wsName, hidden: names.find((n) => n.name === wsName)?.hidden ?? false, head });
    }
  } catch (e) {
    throw unreadable(name, e);
  }
  // Tab order, as the user sees the workbook (the parts may be stored in any order).
  const order = (s: XlsxSheet) => {
    const i = names.findIndex((n) => n.name === s.name);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return sheets.map((s, i) => ({ s, i })).sort((a, b) => order(a.s) - order(b.s) || a.i - b.i).map((x) => x.s);
}

export function xlsxRows(file: string, name: string, sheet: string): RowStream {
  let bytes = 0;
  // Bytes are counted as they pass (a 'data' listener on the file itself would start it flowing
  // before exceljs reads, and lose the start of the workbook).
  const input = () =>
    fs.createReadStream(file).pipe(
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done(null, chunk);
        },
      }),
    );
  async function* rows(): AsyncGenerator<SourceRow[]> {
    let found = false;
    let batch: SourceRow[] = [];
    try {
      for await (const ws of sheetsOf(file, input)) {
        const mine = ws.name === sheet;
        for await (const row of ws.rows) {
          if (!mine) continue;
          batch.push(row);
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
