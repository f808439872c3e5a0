/**
 * The one writer of every CSV and XLSX file the workbench produces (spend extract, report
 * extracts, estimate exports, a bundle's csv/ folder), so they all follow one rule for text a
 * spreadsheet would otherwise run: OWASP's CSV-injection advice
 * (https://owasp.org/www-community/attacks/CSV_Injection) — a text cell that begins with
 * = + - @, a tab or a carriage return is prefixed with an apostrophe, which spreadsheets show as
 * text. Numbers are written as numbers (a negative amount stays a number); only text is
 * neutralised, so "-2+3+cmd|' /C calc'!A0" is defused while -12.50 is not.
 *
 * CSV: UTF-8, CRLF line ends, a cell quoted when it holds a quote, comma or line break (RFC 4180).
 * XLSX: one sheet per table; exceljs is loaded only when an XLSX is written (it costs start-up).
 */
import fsp from 'node:fs/promises';

export type CellValue = string | number | boolean | null | undefined;

/**
 * How a column's values are written: 'pence' takes integer pence and writes pounds (two decimals
 * in CSV, a £ format in XLSX); 'pounds' takes pounds; 'integer' and 'number' are plain numbers.
 */
export type ColumnKind = 'text' | 'number' | 'integer' | 'pence' | 'pounds' | 'date';

export interface TabularColumn {
  header: string;
  kind?: ColumnKind;
  /** XLSX column width in characters. */
  width?: number;
}

export interface TabularTable {
  /** Sheet name in XLSX (made valid and unique); a title line in multi-table CSV. */
  name: string;
  columns: TabularColumn[];
  rows: CellValue[][];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** The OWASP rule: text a spreadsheet would read as a formula gets a leading apostrophe. */
export const neutralise = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

/** A value as it is written: numbers as numbers (pence as pounds), everything else as neutralised text. */
function cellValue(v: CellValue, kind: ColumnKind = 'text'): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    if (kind === 'pence') return Math.round(v) / 100;
    return v;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return neutralise(v);
}

function csvField(v: CellValue, kind?: ColumnKind): string {
  const value = cellValue(v, kind);
  if (value === null) return '';
  const s = typeof value === 'number' ? (kind === 'pence' || kind === 'pounds' ? value.toFixed(2) : String(value)) : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLines(t: Pick<TabularTable, 'columns' | 'rows'>): string[] {
  const lines = [t.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of t.rows) lines.push(t.columns.map((c, i) => csvField(row[i], c.kind)).join(','));
  return lines;
}

export interface CsvOptions {
  /** A byte-order mark, so Excel reads the file as UTF-8 (the £ sign, accented names). Default true. */
  bom?: boolean;
}

/** One table as CSV text. */
export function csvText(t: Pick<TabularTable, 'columns' | 'rows'>, opts: CsvOptions = {}): string {
  return `${opts.bom === false ? '' : '\ufeff'}${csvLines(t).join('\r\n')}\r\n`;
}

/** Several tables in one CSV: each a block headed by its name, blocks separated by a blank line. */
export function csvBlocks(tables: TabularTable[], opts: CsvOptions = {}): string {
  const blocks = tables.map((t) => [csvField(t.name), ...csvLines(t)].join('\r\n'));
  return `${opts.bom === false ? '' : '\ufeff'}${blocks.join('\r\n\r\n')}\r\n`;
}

/** Rows of objects (keys of the first row as the columns), values that are objects written as JSON. */
export function tableFromObjects(name: string, rows: readonly Record<string, unknown>[]): TabularTable {
  const keys = rows.length ? Object.keys(rows[0]!) : [];
  return {
    name,
    columns: keys.map((header) => ({ header, kind: 'text' as const })),
    rows: rows.map((r) =>
      keys.map((k) => {
        const v = r[k];
        if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
        return JSON.stringify(v);
      }),
    ),
  };
}

export async function writeCsvFile(file: string, t: Pick<TabularTable, 'columns' | 'rows'>, opts: CsvOptions = {}): Promise<void> {
  await fsp.writeFile(file, csvText(t, opts), { encoding: 'utf8', mode: 0o600 });
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique ignoring case. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let s = base;
  for (let n = 2; used.has(s.toLowerCase()); n++) s = `${base.slice(0, 28).trim()} ${n}`;
  used.add(s.toLowerCase());
  return s;
}

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  pence: '£#,##0.00;-£#,##0.00',
  pounds: '#,##0.00;-#,##0.00',
  integer: '#,##0',
};

export interface XlsxMeta {
  title?: string;
  creator?: string;
  created?: Date;
  /** The security marking of what the workbook holds: printed at the top and foot of every sheet's pages, and in its properties. */
  marking?: string;
}

/** Tables as an XLSX workbook, one sheet each, the header row bold and frozen. */
export async function writeXlsxFile(file: string, tables: TabularTable[], meta: XlsxMeta = {}): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator ?? 'Total Place Workbench';
  if (meta.title) wb.title = meta.title;
  if (meta.created) wb.created = meta.created;
  if (meta.marking) {
    wb.category = meta.marking;
    wb.keywords = meta.marking;
  }
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({
      header: neutralise(c.header),
      width: c.width ?? (c.kind === undefined || c.kind === 'text' ? Math.min(50, Math.max(12, c.header.length + 2)) : 16),
      style: NUM_FMT[c.kind ?? 'text'] ? { numFmt: NUM_FMT[c.kind ?? 'text'] } : {},
    }));
    ws.getRow(1).font = { bold: true };
    if (meta.marking) ws.headerFooter = { oddHeader: `&C&B${meta.marking}`, oddFooter: `&C&B${meta.marking}&R&P / &N` };
    for (const row of t.rows) ws.addRow(t.columns.map((c, i) => cellValue(row[i], c.kind)));
  }
  await wb.xlsx.writeFile(file);
  await fsp.chmod(file, 0o600);
}
