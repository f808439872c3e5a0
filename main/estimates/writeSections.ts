/** Writes sections as one CSV (a titled block per section) or an XLSX workbook (a sheet per section). */
import fs from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Section } from './sections';

/** Spreadsheet formula injection: text starting with = + - @ is prefixed so Excel shows it as text. */
const safeText = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const cell = (v: string | number | null) => (v === null ? '' : typeof v === 'number' ? v : safeText(v));

export async function writeCsv(file: string, sections: Section[]): Promise<void> {
  const blocks = sections.map((s) => Papa.unparse([[s.title], s.header.map(safeText), ...s.rows.map((r) => r.map(cell))], { newline: '\r\n' }));
  // A BOM so Excel reads the £ signs in the headings as UTF-8.
  await fs.writeFile(file, `\uFEFF${blocks.join('\r\n\r\n')}\r\n`, 'utf8');
}

export async function writeXlsx(file: string, sections: Section[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Total Place Workbench';
  const used = new Set<string>();
  for (const s of sections) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
    let name = s.title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim();
    for (let n = 2; used.has(name); n++) name = `${name.slice(0, 28)} ${n}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow(s.header).font = { bold: true };
    for (const r of s.rows) ws.addRow(r.map(cell));
    ws.columns.forEach((c, i) => {
      c.width = Math.min(50, Math.max(12, (s.header[i] ?? '').length + 2));
      if (/\(£\)/.test(s.header[i] ?? '')) c.numFmt = '#,##0.00';
    });
  }
  await wb.xlsx.writeFile(file);
}
