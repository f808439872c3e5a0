/**
 * CSV and XLSX extracts of every table in the report, with the same sensitivity rules applied.
 * Money is stored in pence; extracts show pounds (two decimals) in columns headed "(£)", which is
 * what a finance colleague opening them in Excel expects.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { ExtractTable } from './types';

/** Text that a spreadsheet would run as a formula is prefixed with an apostrophe (CSV injection). */
const defuse = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

const header = (c: ExtractTable['columns'][number]) => (c.kind === 'money' ? `${c.header} (£)` : c.header);

function csvCell(v: string | number | null, kind: ExtractTable['columns'][number]['kind']): string {
  if (v === null || v === undefined) return '';
  if (kind === 'money' && typeof v === 'number') return (v / 100).toFixed(2);
  const s = typeof v === 'number' ? String(v) : defuse(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(t: ExtractTable): string {
  const lines = [t.columns.map((c) => csvCell(header(c), 'text')).join(',')];
  for (const row of t.rows) lines.push(t.columns.map((c, i) => csvCell(row[i] ?? null, c.kind)).join(','));
  // BOM: Excel then reads the file as UTF-8 (names with accents, the £ sign).
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export const fileSlug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table';

export async function writeCsvs(dir: string, tables: ExtractTable[]): Promise<{ name: string; path: string }[]> {
  const out = [];
  const used = new Set<string>();
  for (const t of tables) {
    let name = `${fileSlug(t.name)}.csv`;
    for (let n = 2; used.has(name); n++) name = `${fileSlug(t.name)}-${n}.csv`;
    used.add(name);
    const file = path.join(dir, name);
    await fsp.writeFile(file, toCsv(t), 'utf8');
    out.push({ name, path: file });
  }
  return out;
}

/** Sheet names: at most 31 characters, none of []:*?/\ and unique. */
function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet';
  let s = base;
  for (let n = 2; used.has(s.toLowerCase()); n++) s = `${base.slice(0, 28)} ${n}`;
  used.add(s.toLowerCase());
  return s;
}

export async function writeXlsx(file: string, tables: ExtractTable[], meta: { title: string; creator: string; created: Date }): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.creator;
  wb.title = meta.title;
  wb.created = meta.created;
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({
      header: header(c),
      width: c.kind === 'text' ? 40 : 16,
      style: c.kind === 'money' ? { numFmt: '£#,##0.00;-£#,##0.00' } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) {
      ws.addRow(
        t.columns.map((c, i) => {
          const v = row[i] ?? null;
          if (v === null) return null;
          if (c.kind === 'money' && typeof v === 'number') return v / 100;
          return typeof v === 'string' ? defuse(v) : v;
        }),
      );
    }
  }
  await wb.xlsx.writeFile(file);
}
