/**
 * Reads a unit-cost table from CSV or XLSX into rows, recognising the usual column headings
 * (e.g. the New Economy / GMCA unit cost database: "Cost item", "Agency bearing cost",
 * "Value (£)", "Price base"). Values are pounds unless the heading says pence. Nothing is written
 * here: the service previews or imports what this returns.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import chardet from 'chardet';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { FINANCIAL_YEAR_RE, isFinancialYear } from '../../shared/calc/estimateModel';
import type { UnitCostInput } from '../../shared/domain/estimates';
import { AppError } from '../../shared/errors';

export const UNIT_COST_COLUMNS = ['code', 'description', 'unit', 'agency', 'value', 'priceYear', 'source', 'quality'] as const;
type Column = (typeof UNIT_COST_COLUMNS)[number];

const SYNONYMS: Record<Column, string[]> = {
  code: ['code', 'ref', 'reference', 'id', 'costcode', 'itemcode'],
  description: ['description', 'costitem', 'item', 'name', 'details', 'outcome'],
  unit: ['unit', 'unitofmeasure', 'per', 'unitdescription'],
  agency: ['agency', 'agencybearingcost', 'agencybearingthecost', 'bearer', 'payer', 'organisation', 'organization'],
  value: ['value', 'valuepounds', 'cost', 'unitcost', 'amount', 'costpounds', 'valuepence', 'pence', 'costpence'],
  priceYear: ['priceyear', 'pricebase', 'year', 'financialyear', 'pricebaseyear'],
  source: ['source', 'sources', 'evidence', 'sourcereference'],
  quality: ['quality', 'qualityrating', 'rating', 'confidence', 'confidencerating'],
};
const REQUIRED: Column[] = ['code', 'description', 'unit', 'agency', 'value', 'priceYear'];

const norm = (h: string) => h.toLowerCase().replace(/£/g, 'pounds').replace(/[^a-z]/g, '');

export interface ParsedUnitCostFile {
  columns: Partial<Record<Column, string>>;
  rows: { row: number; value: UnitCostInput }[];
  errors: { row: number; message: string }[];
}

async function readTable(file: string, name: string): Promise<string[][]> {
  const ext = path.extname(name).toLowerCase();
  const buf = await fs.readFile(file);
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw new AppError('BAD_FILE', `"${name}" is not a readable XLSX workbook.`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new AppError('BAD_FILE', `"${name}" has no worksheets.`);
    const out: string[][] = [];
    ws.eachRow({ includeEmpty: false }, (r) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const v = r.getCell(c).value;
        cells.push(v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v ? String(v.result ?? '') : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v));
      }
      out.push(cells);
    });
    return out;
  }
  if (ext !== '.csv' && ext !== '.txt') throw new AppError('BAD_FILE', `"${name}" is not a CSV or XLSX file.`);
  const enc = chardet.detect(buf) ?? 'UTF-8';
  const text = /utf-?8|ascii/i.test(enc) ? buf.toString('utf8') : iconv.decode(buf, 'win1252');
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return parsed.data;
}

/** "2019/20", "2019-20", "2019-2020", "2019/2020" → "2019-20". */
export function normaliseFinancialYear(s: string): string | null {
  const t = s.trim();
  const m = /^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$/.exec(t);
  if (!m) return FINANCIAL_YEAR_RE.test(t) && isFinancialYear(t) ? t : null;
  const second = m[2]!.length === 4 ? m[2]!.slice(2) : m[2]!;
  const fy = `${m[1]}-${second}`;
  return isFinancialYear(fy) ? fy : null;
}

/** "£1,234.56" → 123456 pence; "(12.50)" and negatives are refused by the caller. */
export function parseMoney(s: string, inPence: boolean): number | null {
  const t = s.replace(/[£,\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return inPence ? Math.round(n) : Math.round(n * 100);
}

export async function readUnitCostFile(file: string, name: string): Promise<ParsedUnitCostFile> {
  const table = await readTable(file, name);
  const headerIndex = table.findIndex((r) => r.filter((c) => c.trim()).length >= 3);
  if (headerIndex < 0) throw new AppError('BAD_FILE', `"${name}" has no heading row.`);
  const header = table[headerIndex]!;
  const at: Partial<Record<Column, number>> = {};
  const columns: Partial<Record<Column, string>> = {};
  header.forEach((h, i) => {
    const n = norm(h);
    for (const col of UNIT_COST_COLUMNS) {
      if (at[col] === undefined && SYNONYMS[col].includes(n)) {
        at[col] = i;
        columns[col] = h.trim();
        return;
      }
    }
  });
  const missing = REQUIRED.filter((c) => at[c] === undefined);
  if (missing.length) {
    throw new AppError(
      'BAD_FILE',
      `"${name}" has no column for ${missing.join(', ')}. Expected headings like: Code, Description, Unit, Agency, Value (£), Price year, Source, Quality.`,
    );
  }
  const inPence = /pence/i.test(columns.value ?? '');
  const rows: ParsedUnitCostFile['rows'] = [];
  const errors: ParsedUnitCostFile['errors'] = [];
  table.slice(headerIndex + 1).forEach((cells, i) => {
    const row = headerIndex + i + 2;
    const get = (c: Column) => (at[c] === undefined ? '' : (cells[at[c]!] ?? '').trim());
    if (UNIT_COST_COLUMNS.every((c) => !get(c))) return;
    const problems: string[] = [];
    for (const c of ['code', 'description', 'unit', 'agency'] as const) if (!get(c)) problems.push(`${c} is blank`);
    const value = parseMoney(get('value'), inPence);
    if (value === null) problems.push(`value "${get('value')}" is not an amount`);
    else if (value < 0) problems.push(`value ${get('value')} is negative`);
    const priceYear = normaliseFinancialYear(get('priceYear'));
    if (!priceYear) problems.push(`price year "${get('priceYear')}" is not a financial year like 2019-20`);
    if (problems.length) {
      errors.push({ row, message: `Row ${row}: ${problems.join('; ')}` });
      return;
    }
    rows.push({
      row,
      value: {
        code: get('code'),
        description: get('description'),
        unit: get('unit'),
        agency: get('agency'),
        valuePence: value!,
        priceYear: priceYear!,
        source: get('source') || null,
        quality: get('quality') || null,
      },
    });
  });
  const seen = new Map<string, number>();
  for (const r of rows) {
    const k = r.value.code.toLowerCase();
    if (seen.has(k)) errors.push({ row: r.row, message: `Row ${r.row}: code "${r.value.code}" appears again (first on row ${seen.get(k)})` });
    else seen.set(k, r.row);
  }
  return { columns, rows, errors };
}
