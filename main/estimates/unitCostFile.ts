/**
 * Reads a unit-cost table from CSV or XLSX into rows: a plain table, or a workbook as the New
 * Economy / GMCA Unit Cost Database publishes it — a notes sheet first, then several cost sheets,
 * headings over two rows (a group heading such as "Cost" above "£" and "Price year"), and codes
 * that repeat for different agencies, units or details. Every sheet with unit-cost headings is
 * read; the others are listed as skipped. Values are pounds unless the heading says pence; a
 * value column whose heading names a financial year ("2023/24 prices") brings its own price
 * year. Legacy .xls workbooks are refused with what to do instead. Nothing is written here: the
 * service previews or imports what this returns.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { FINANCIAL_YEAR_RE, isFinancialYear, MAX_PENCE } from '../../shared/calc/estimateModel';
import type { UnitCostInput } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';

export const UNIT_COST_COLUMNS = ['code', 'variant', 'description', 'category', 'unit', 'agency', 'value', 'priceYear', 'source', 'quality'] as const;
type Column = (typeof UNIT_COST_COLUMNS)[number];
const REQUIRED: Column[] = ['code', 'description', 'unit', 'agency', 'value'];

/** Enough for the whole Unit Cost Database many times over; a bigger file is not a unit-cost table. */
const MAX_ROWS = 100_000;
/** Headings are looked for in the first rows of a sheet (below its title and notes). */
const HEADING_SEARCH_ROWS = 40;

/** The first field (in this order) whose pattern a heading matches; earlier fields win ("price year" is not a value). */
const MATCHERS: [Column, RegExp][] = [
  ['variant', /^variant\b/],
  ['priceYear', /\bprice (year|base)\b|\bbase year\b|\byear of (the )?(original )?(cost|price|value)\b|\bfinancial year\b|^year$/],
  ['quality', /\b(quality|confidence|rating)\b/],
  ['source', /\bsources?\b|\bevidence\b/],
  ['agency', /\b(agency|agencies|bearer|payer|organisation|organization)\b/],
  ['category', /\b(category|theme|outcome area)\b/],
  ['code', /^(code|ref|reference|id|no)\b|\b(cost|item|ucd) (code|ref|reference)\b|\bcode\b/],
  ['unit', /^(unit|per|measure)$|^unit (of|description|type)\b|\bper unit\b/],
  ['description', /\b(description|detail|details|cost item|item|outcome|name)\b/],
  ['value', /\b(value|cost|costs|amount|pounds|pence|prices?)\b/],
];

const norm = (h: string) =>
  h
    .toLowerCase()
    .replace(/£/g, ' pounds ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** "2019/20", "2019-20", "2019-2020", "2019/2020" → "2019-20". */
export function normaliseFinancialYear(s: string): string | null {
  const t = s.trim();
  const m = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(t);
  if (!m) return FINANCIAL_YEAR_RE.test(t) && isFinancialYear(t) ? t : null;
  const second = m[2]!.length === 4 ? m[2]!.slice(2) : m[2]!;
  const fy = `${m[1]}-${second}`;
  return isFinancialYear(fy) ? fy : null;
}

/** A financial year named inside a heading ("Cost in 2023/24 prices" → "2023-24"). */
function yearInHeading(h: string): string | null {
  const m = /(\d{4})\s*[-/–]\s*(\d{2,4})/.exec(h);
  return m ? normaliseFinancialYear(`${m[1]}-${m[2]}`) : null;
}

/** "£1,234.56" → 123456 pence; null when it is not a plain amount. */
export function parseMoney(s: string, inPence: boolean): number | null {
  const t = s.replace(/[£,\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return inPence ? Math.round(n) : Math.round(n * 100);
}

interface Table {
  /** The sheet's name (XLSX) or null (CSV). */
  sheet: string | null;
  /** Rows as text, index = row number − 1. */
  rows: string[][];
}

const XLS_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error !== undefined) return '';
    return '';
  }
  return String(v);
}

async function readTables(file: string, name: string): Promise<Table[]> {
  const ext = path.extname(name).toLowerCase();
  const buf = await fs.readFile(file);
  if (ext === '.xls' || buf.subarray(0, 8).equals(XLS_MAGIC)) {
    throw new AppError('BAD_FILE', `"${name}" is an Excel 97–2003 workbook (.xls), which the workbench cannot read: save it as .xlsx in Excel, then import that.`);
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    // Loaded here, not at the top: exceljs costs every `tpw` command start-up time otherwise.
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw new AppError('BAD_FILE', `"${name}" is not a readable XLSX workbook.`);
    }
    if (!wb.worksheets.length) throw new AppError('BAD_FILE', `"${name}" has no worksheets.`);
    return wb.worksheets.map((ws) => {
      const rows: string[][] = [];
      const last = Math.min(ws.rowCount, MAX_ROWS + HEADING_SEARCH_ROWS);
      const cols = ws.columnCount;
      for (let r = 1; r <= last; r++) {
        const row = ws.getRow(r);
        const cells: string[] = [];
        // A merged cell reads as its master's value, so a group heading spans its columns.
        for (let c = 1; c <= cols; c++) cells.push(cellText(row.getCell(c).value).trim());
        rows.push(cells);
      }
      return { sheet: ws.name, rows };
    });
  }
  if (ext !== '.csv' && ext !== '.txt') throw new AppError('BAD_FILE', `"${name}" is not a CSV or XLSX file.`);
  const enc = chardet.detect(buf) ?? 'UTF-8';
  const text = /utf-?8|ascii/i.test(enc) ? buf.toString('utf8') : iconv.decode(buf, 'win1252');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: false });
  return [{ sheet: null, rows: parsed.data.map((r) => r.map((c) => String(c ?? '').trim())) }];
}

interface Headings {
  /** Index of the last heading row (data start below it). */
  headingRow: number;
  at: Partial<Record<Column, number>>;
  columns: Partial<Record<Column, string>>;
  inPence: boolean;
  /** The price year a value column's heading gives, if it gives one. */
  valueYear: string | null;
}

/** Which column holds which field, reading the heading as one row or as a group heading above sub-headings. */
function matchHeadings(top: string[] | null, bottom: string[]): Headings | null {
  const at: Partial<Record<Column, number>> = {};
  const columns: Partial<Record<Column, string>> = {};
  const values: { i: number; heading: string; year: string | null }[] = [];
  const width = Math.max(bottom.length, top?.length ?? 0);
  // A group heading written once above several sub-headings covers the ones to its right.
  const group: string[] = [];
  for (let i = 0; i < width; i++) {
    const carried = i > 0 && !!bottom[i] && !!bottom[i - 1] && !!group[i - 1];
    group.push(top ? top[i] || (carried ? group[i - 1]! : '') : '');
  }
  for (let i = 0; i < width; i++) {
    const lower = bottom[i] ?? '';
    const upper = group[i] ?? '';
    const candidates = [upper && lower && upper !== lower ? `${upper} ${lower}` : upper || lower, lower, upper].filter(Boolean).map((text) => ({ text, n: norm(text) }));
    // A field other than the value wins over "value" ("Cost" above "Unit" is the unit, not a cost).
    const free = (col: Column) => col === 'value' || at[col] === undefined;
    let hit: { col: Column; text: string } | undefined;
    for (const c of candidates) {
      const m = MATCHERS.find(([col, re]) => col !== 'value' && re.test(c.n) && free(col));
      if (m) {
        hit = { col: m[0], text: c.text };
        break;
      }
    }
    hit ??= candidates.filter((c) => MATCHERS.find(([col]) => col === 'value')![1].test(c.n)).map((c) => ({ col: 'value' as Column, text: c.text }))[0];
    if (!hit) continue;
    if (hit.col === 'value') values.push({ i, heading: hit.text, year: yearInHeading(hit.text) });
    else {
      at[hit.col] = i;
      columns[hit.col] = hit.text;
    }
  }
  // A value column that names its price year (the uprated figure) is preferred to one that does not.
  const chosen = values.find((v) => v.year) ?? values[0];
  if (chosen) {
    at.value = chosen.i;
    columns.value = chosen.heading;
  }
  const valueYear = chosen?.year ?? null;
  if (REQUIRED.some((c) => at[c] === undefined) || (at.priceYear === undefined && !valueYear)) return null;
  return { headingRow: -1, at, columns, inPence: /\bpence\b|\(p\)/i.test(columns.value ?? ''), valueYear };
}

function findHeadings(t: Table): Headings | null {
  for (let r = 0; r < Math.min(t.rows.length, HEADING_SEARCH_ROWS); r++) {
    const row = t.rows[r]!;
    if (row.filter(Boolean).length < 3) continue;
    // Two rows: sub-headings under group headings (a row above with at least two headings, not a title).
    const two = r > 0 && t.rows[r - 1]!.filter(Boolean).length >= 2 ? matchHeadings(t.rows[r - 1]!, row) : null;
    const one = matchHeadings(null, row);
    const best = two && (!one || Object.keys(two.at).length >= Object.keys(one.at).length) ? two : one;
    if (!best) continue;
    // Group headings alone can read as a heading row: if the row below completes them as
    // sub-headings, the headings end there (else that row would be read as an entry).
    const below = t.rows[r + 1];
    const under = below && !two && below.filter(Boolean).length >= 2 ? matchHeadings(row, below) : null;
    const isEntry = (h: Headings) => parseMoney(below?.[h.at.value!] ?? '', false) !== null;
    if (under && !isEntry(under) && Object.keys(under.at).length >= Object.keys(best.at).length) return { ...under, headingRow: r + 1 };
    return { ...best, headingRow: r };
  }
  return null;
}

export interface ParsedRow {
  sheet: string | null;
  row: number;
  value: Required<Omit<UnitCostInput, 'source' | 'quality' | 'category'>> & { source: string | null; quality: string | null; category: string | null };
}

export interface ParsedUnitCostFile {
  columns: Partial<Record<Column, string>>;
  sheets: { name: string; rows: number; skipped: string | null }[];
  rows: ParsedRow[];
  errors: { row: number; sheet: string | null; message: string }[];
}

const where = (sheet: string | null, row: number) => (sheet ? `${sheet} row ${row}` : `Row ${row}`);
const HEALTH_UNIT = /\b(qaly|qalys|wellby|wellbys|daly|dalys|quality[- ]adjusted life years?)\b/i;

/**
 * Codes used more than once are kept as distinct entries, keyed by code + variant: the variant is
 * the file's own variant column when it has one; otherwise the first of agency, unit, detail,
 * sheet and price year that tells the rows apart (or those that differ, together; a row repeated
 * exactly is numbered). It follows from the content, so importing the same file again matches.
 */
function assignVariants(rows: ParsedRow[], explicit: boolean, errors: ParsedUnitCostFile['errors']): void {
  const byCode = new Map<string, ParsedRow[]>();
  for (const r of rows) byCode.set(r.value.code.toLowerCase(), [...(byCode.get(r.value.code.toLowerCase()) ?? []), r]);
  for (const group of byCode.values()) {
    if (explicit) {
      const seen = new Map<string, ParsedRow>();
      for (const r of group) {
        const k = r.value.variant.toLowerCase();
        const first = seen.get(k);
        if (first) errors.push({ row: r.row, sheet: r.sheet, message: `${where(r.sheet, r.row)}: code "${r.value.code}"${r.value.variant ? ` variant "${r.value.variant}"` : ''} appears again (first at ${where(first.sheet, first.row)})` });
        else seen.set(k, r);
      }
      continue;
    }
    if (group.length < 2) continue;
    const fields: ((r: ParsedRow) => string)[] = [(r) => r.value.agency, (r) => r.value.unit, (r) => r.value.description, (r) => r.sheet ?? '', (r) => r.value.priceYear];
    const distinct = fields.find((f) => new Set(group.map((r) => f(r).toLowerCase())).size === group.length);
    if (distinct) {
      for (const r of group) r.value.variant = distinct(r).slice(0, 200);
      continue;
    }
    const differing = fields.filter((f) => new Set(group.map((r) => f(r).toLowerCase())).size > 1);
    const counts = new Map<string, number>();
    for (const r of group) {
      const base = differing.map((f) => f(r)).join(' · ');
      const n = (counts.get(base.toLowerCase()) ?? 0) + 1;
      counts.set(base.toLowerCase(), n);
      r.value.variant = (n === 1 && base ? base : `${base ? `${base} ` : ''}#${n}`).slice(0, 200);
    }
  }
}

export async function readUnitCostFile(file: string, name: string): Promise<ParsedUnitCostFile> {
  const tables = await readTables(file, name);
  const rows: ParsedRow[] = [];
  const errors: ParsedUnitCostFile['errors'] = [];
  const sheets: ParsedUnitCostFile['sheets'] = [];
  let columns: Partial<Record<Column, string>> | null = null;
  let explicitVariants = false;
  for (const t of tables) {
    const h = findHeadings(t);
    if (!h) {
      if (t.sheet !== null) sheets.push({ name: t.sheet, rows: 0, skipped: 'No unit-cost headings (code, description, unit, agency, value, price year): not read.' });
      continue;
    }
    columns ??= h.columns;
    if (h.at.variant !== undefined) explicitVariants = true;
    let count = 0;
    for (let r = h.headingRow + 1; r < t.rows.length; r++) {
      const cells = t.rows[r]!;
      const row = r + 1;
      const get = (c: Column) => (h.at[c] === undefined ? '' : (cells[h.at[c]!] ?? '').trim());
      // Not an entry: blank, or a sub-heading / note row with neither a code nor a value.
      if (!get('code') && !get('value')) continue;
      if (rows.length + errors.length >= MAX_ROWS) throw new AppError('BAD_FILE', `"${name}" has more than ${MAX_ROWS.toLocaleString('en-GB')} rows: it is not a unit-cost table.`);
      const problems: string[] = [];
      for (const c of ['code', 'description', 'unit', 'agency'] as const) if (!get(c)) problems.push(`${c} is blank`);
      const value = parseMoney(get('value'), h.inPence);
      if (value === null) problems.push(`value "${get('value')}" is not an amount`);
      else if (value < 0) problems.push(`value ${get('value')} is negative`);
      else if (value > MAX_PENCE) problems.push(`value ${get('value')} is more than £10 billion`);
      const priceYear = h.valueYear ?? normaliseFinancialYear(get('priceYear'));
      if (!priceYear) problems.push(`price year "${get('priceYear')}" is not a financial year like 2019-20`);
      const long = ([['code', 50], ['description', 500], ['unit', 100], ['agency', 200]] as const).find(([c, max]) => get(c).length > max);
      if (long) problems.push(`${long[0]} is longer than ${long[1]} characters`);
      if (problems.length) {
        errors.push({ row, sheet: t.sheet, message: `${where(t.sheet, row)}: ${problems.join('; ')}` });
        continue;
      }
      count++;
      rows.push({
        sheet: t.sheet,
        row,
        value: {
          code: get('code'),
          variant: get('variant').slice(0, 200),
          description: get('description'),
          unit: get('unit'),
          agency: get('agency'),
          valuePence: value!,
          priceYear: priceYear!,
          source: get('source').slice(0, 1000) || null,
          quality: get('quality').slice(0, 50) || null,
          category: (get('category') || t.sheet || '').slice(0, 200) || null,
          healthValue: HEALTH_UNIT.test(get('unit')) || HEALTH_UNIT.test(get('description')),
        },
      });
    }
    if (t.sheet !== null) sheets.push({ name: t.sheet, rows: count, skipped: null });
  }
  if (!columns) {
    throw new AppError(
      'BAD_FILE',
      `"${name}" has no unit-cost headings${tables.length > 1 ? ' on any sheet' : ''}. Expected headings like: Code, Description, Unit, Agency bearing cost, Value (£), Price year, Source, Quality rating.`,
    );
  }
  assignVariants(rows, explicitVariants, errors);
  return { columns, sheets, rows, errors };
}
