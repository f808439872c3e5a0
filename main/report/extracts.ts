/**
 * CSV and XLSX extracts of every table in the report, with the same sensitivity rules applied.
 * Money is stored in pence; extracts show pounds (two decimals) in columns headed "(£)", which is
 * what a finance colleague opening them in Excel expects. Written by the one tabular writer
 * (main/core/tabular.ts), which neutralises text a spreadsheet would run as a formula.
 */
import path from 'node:path';
import fsp from 'node:fs/promises';
import { csvText, writeXlsxFile, type ColumnKind, type TabularTable } from '../core/tabular';
import type { ExtractTable } from './types';

const KIND: Record<ExtractTable['columns'][number]['kind'], ColumnKind> = { text: 'text', number: 'number', money: 'pence', date: 'date' };

function tabular(t: ExtractTable): TabularTable {
  return {
    name: t.name,
    columns: t.columns.map((c) => ({ header: c.kind === 'money' ? `${c.header} (£)` : c.header, kind: KIND[c.kind], width: c.kind === 'text' ? 40 : 16 })),
    rows: t.rows,
  };
}

export function toCsv(t: ExtractTable): string {
  return csvText(tabular(t));
}

export const fileSlug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table';

/**
 * One CSV per table. A CSV has no header or footer to carry a security marking, so the marking is
 * its first line, on its own (a spreadsheet shows it above the table; a program skips one line).
 */
export async function writeCsvs(dir: string, tables: ExtractTable[], marking: string): Promise<{ name: string; path: string }[]> {
  const out = [];
  const used = new Set<string>();
  for (const t of tables) {
    let name = `${fileSlug(t.name)}.csv`;
    for (let n = 2; used.has(name); n++) name = `${fileSlug(t.name)}-${n}.csv`;
    used.add(name);
    const file = path.join(dir, name);
    // After the byte-order mark, which must stay first for Excel to read the file as UTF-8.
    await fsp.writeFile(file, toCsv(t).replace(/^\ufeff/, `\ufeff${marking}\r\n`), { encoding: 'utf8', mode: 0o600 });
    out.push({ name, path: file });
  }
  return out;
}

export async function writeXlsx(file: string, tables: ExtractTable[], meta: { title: string; creator: string; created: Date; marking: string }): Promise<void> {
  await writeXlsxFile(file, tables.map(tabular), meta);
}
