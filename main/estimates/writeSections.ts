/** Writes sections as one CSV (a titled block per section) or an XLSX workbook (a sheet per section). */
import fs from 'node:fs/promises';
import { csvBlocks, writeXlsxFile, type TabularTable } from '../core/tabular';
import type { Section } from './sections';

/** Columns headed "(£)" hold pounds (to the penny): formatted as money in XLSX. */
const tables = (sections: Section[]): TabularTable[] =>
  sections.map((s) => ({
    name: s.title,
    columns: s.header.map((header) => ({ header, kind: /\(£\)/.test(header) ? ('pounds' as const) : ('text' as const), width: Math.min(50, Math.max(12, header.length + 2)) })),
    rows: s.rows,
  }));

export async function writeCsv(file: string, sections: Section[]): Promise<void> {
  await fs.writeFile(file, csvBlocks(tables(sections)), { encoding: 'utf8', mode: 0o600 });
}

export async function writeXlsx(file: string, sections: Section[]): Promise<void> {
  await writeXlsxFile(file, tables(sections));
}
