/**
 * Finding 7 of issue 10: one CSV/XLSX writer (main/core/tabular.ts) for every export, neutralising
 * text that begins with = + - @ tab or carriage return (OWASP), checked on each exporter: the
 * whole-place spend extract, the report's extracts, a bundle's csv/ folder and the estimate export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { loadIdentity } from '../../main/bundle/identity';
import { send, setUpPair } from '../fixtures/bundles/pair';
import { tpw } from '../helpers/cli';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

/** Payloads that run in a spreadsheet when a cell begins with them (OWASP's examples and the issue's). */
const PAYLOADS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '\t=1+1', '\r=1+1'];

/** Every cell of a CSV file (RFC 4180), BOM removed. */
const cellsOf = (text: string): string[] => (Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { delimiter: ',', skipEmptyLines: true }).data as string[][]).flat();
/** A cell a spreadsheet would run: one that (after parsing) still begins with a formula character. */
const runnable = (cells: string[]) => cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));

const dirs: string[] = [];
const wbs: TestWorkbench[] = [];
afterAll(async () => {
  for (const w of wbs) await w.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('every exporter writes through it', () => {
  it('the whole-place spend extract (CSV and XLSX): organisation names and themes are neutralised', async () => {
    const dir = tempDir('tpw-export-spend-');
    dirs.push(dir);
    const db = path.join(dir, 'pilot.db');
    const file = path.join(dir, 'ledger.csv');
    fs.writeFileSync(file, 'Date,Supplier,Amount\n01/04/2020,Acme Care Ltd,100.00\n02/04/2020,Widgets plc,20.50\n');
    const org = PAYLOADS[2]!;
    const r = tpw(['spend', 'import', file, `--org=${org}`, '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const wb = workbenchAt(db);
    const csv = await wb.call('spend.exportSummary', { format: 'csv' });
    const cells = cellsOf(fs.readFileSync(csv.path, 'utf8'));
    expect(cells).toContain(`'${org}`);
    expect(runnable(cells)).toEqual([]);
    const xlsx = await wb.call('spend.exportSummary', { format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe(`'${org}`);
    expect(sheet.getRow(2).getCell(5).value).toBe(120.5);
  });

  it('the report\'s CSV extracts', async () => {
    const wb = tempWorkbench();
    wbs.push(wb);
    await wb.call('pilot.save', { pilot: { place: 'Anytown', question: 'How can we secure improved outcomes at less cost?' } });
    for (const p of PAYLOADS) await wb.call('learning.add', { kind: 'failed', title: p, occurredOn: '2026-02-01', sensitivity: 'public' });
    const r = await wb.call('report.generate', { pdf: false, extracts: true });
    const all = r.csv.flatMap((c) => cellsOf(fs.readFileSync(c.path, 'utf8')));
    // Titles are stored trimmed (a leading tab or CR is not kept): what is stored is what is defused.
    for (const p of PAYLOADS) expect(all).toContain(`'${p.trim()}`);
    expect(runnable(all)).toEqual([]);
  });

  it('a bundle\'s csv/ folder, as a partner without the app reads it after age -d', async () => {
    const pair = await setUpPair();
    try {
      for (const p of PAYLOADS) await pair.a.call('hypothesis.add', { statement: `${p} as a statement` });
      const bundle = await send(pair.a, pair.bInA, pair.out, { scope: ['hypotheses'] });
      const key = path.join(pair.out, 'b.key');
      fs.writeFileSync(key, `${(await loadIdentity(pair.b.ctx)).ageIdentity}\n`, { mode: 0o600 });
      const tar = path.join(pair.out, 'plain.tar');
      execFileSync('age', ['-d', '-i', key, '-o', tar, bundle]);
      const csv = execFileSync('tar', ['-xOf', tar, 'csv/hypotheses.csv'], { encoding: 'utf8' });
      const cells = cellsOf(csv);
      for (const p of PAYLOADS) expect(cells).toContain(`'${p.trim()} as a statement`);
      expect(runnable(cells)).toEqual([]);
    } finally {
      await pair.cleanup();
    }
  });

  it('the estimate export (CSV and XLSX)', async () => {
    const wb = tempWorkbench();
    wbs.push(wb);
    const iv = await wb.call('intervention.add', { name: PAYLOADS[3]!, startYear: '2024-25', years: 3 });
    const csv = await wb.call('estimate.export', { interventionId: iv.id, format: 'csv' });
    const cells = cellsOf(fs.readFileSync(csv.path, 'utf8'));
    expect(cells).toContain(`'${PAYLOADS[3]}`);
    expect(runnable(cells)).toEqual([]);
    const xlsx = await wb.call('estimate.export', { interventionId: iv.id, format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const values = book.worksheets.flatMap((s) => s.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])).filter((v): v is string => typeof v === 'string'));
    expect(values).toContain(`'${PAYLOADS[3]}`);
    expect(values.filter((v) => /^[=+@\t\r]|^-(?!\d)/.test(v))).toEqual([]);
  });
});

/** The CLI's database, opened in-process (same file), closed after the tests. */
function workbenchAt(dbPath: string): TestWorkbench {
  const w = openWorkbench(dbPath, 'cli');
  const t: TestWorkbench = {
    ...w,
    dir: path.dirname(dbPath),
    dbPath,
    async call(method, input) {
      const r = await w.dispatch(method, input);
      if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
      return r.value as never;
    },
    cleanup: () => w.close(),
  };
  wbs.push(t);
  return t;
}
