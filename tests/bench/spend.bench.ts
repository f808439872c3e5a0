/**
 * Spend import at scale: a generated council-style CSV (£ signs, thousands separators, quoted
 * commas, dd/mm/yyyy) imported by `tpw spend import`, side by side with the sqlite3 command
 * line's `.import --csv` of the same file into a plain table (which parses nothing and keeps no
 * provenance). Wall time and peak RSS of each (GNU time), the ratio, and the whole-place summary
 * query over the imported lines.
 *
 * Goals (issue 4): import within 2× of `.import`; peak memory under 300 MB; summary under 200 ms.
 * TPW_BENCH_SPEND_ROWS scales it down (default 1,000,000).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openWorkbench } from '../../main/api/workbench';

const ROWS = Number(process.env.TPW_BENCH_SPEND_ROWS ?? 1_000_000);
const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-spend-bench-'));
const csv = path.join(dir, 'council-spend.csv');

const AREAS = ['Adult Social Care', 'Children, Young People & Families', 'Housing', 'Highways', 'Public Health', 'Waste, Recycling & Street Cleansing', 'Libraries', 'Parks'];
const TYPES = ['Residential care', 'Home care', 'Agency staff', 'Repairs and maintenance', 'Grants to voluntary bodies', 'Consultancy', 'Equipment', 'Utilities'];
const SUPPLIERS = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? `"Smith, Jones & Partners ${i} Ltd"` : `Supplier Number ${i} Limited`));

function generate() {
  const fd = fs.openSync(csv, 'w');
  let buf = 'Body Name,Service Area,Expense Type,Supplier Name,Payment Date,Transaction Number,Amount\r\n';
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < ROWS; i++) {
    const pence = Math.floor(rand() * 5_000_000) + 50_000;
    const pounds = Math.floor(pence / 100).toLocaleString('en-GB');
    const amount = `"${i % 97 === 0 ? '-' : ''}£${pounds}.${String(pence % 100).padStart(2, '0')}"`;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    const area = AREAS[i % AREAS.length]!;
    buf += `Anytown Council,${area.includes(',') ? `"${area}"` : area},${TYPES[(i * 7) % TYPES.length]},${SUPPLIERS[(i * 13) % SUPPLIERS.length]},${day}/${month}/${2019 + (i % 3)},TX${String(i).padStart(8, '0')},${amount}\r\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

interface Measured {
  wallS: number;
  peakMb: number;
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under GNU time for wall clock and peak resident memory. */
function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Measured {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
  const wallS = (performance.now() - t) / 1000;
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { wallS, peakMb: kb / 1024, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let t = performance.now();
generate();
const sizeMb = fs.statSync(csv).size / 1e6;
console.log(`generated ${ROWS.toLocaleString('en-GB')} rows (${sizeMb.toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// sqlite3's .import: a plain table, the same file, no parsing of money or dates.
const plainDb = path.join(dir, 'plain.db');
const sqlite = measure('sqlite3', [plainDb, '.import --csv ' + csv + ' spend']);
if (sqlite.status !== 0) throw new Error(`sqlite3 .import failed: ${sqlite.stderr}`);

// tpw spend import: streaming parse, money/date parsing, classification, provenance, one transaction.
const dbPath = path.join(dir, 'workbench.db');
// Two rules, so classification runs on every line as it would in a real pilot.
const setup = openWorkbench(dbPath, 'cli');
const theme = await setup.dispatch('theme.add', { name: 'Older people' });
if (!theme.ok) throw new Error(theme.error.message);
await setup.dispatch('spendRule.add', { field: 'serviceArea', op: 'equals', pattern: 'Adult Social Care', themeId: theme.value.id });
await setup.dispatch('spendRule.add', { field: 'expenseType', op: 'contains', pattern: 'home care', themeId: theme.value.id });
await setup.close();
// tpw's own start-up (tsx compiling the CLI), measured alone so the import's share is visible.
const startup = measure(process.execPath, [path.join(root, 'bin', 'tpw.js'), 'check', '--db', dbPath, '--json']);
const tpw = measure(process.execPath, [path.join(root, 'bin', 'tpw.js'), 'spend', 'import', csv, '--org', 'Anytown Council', '--db', dbPath, '--json']);
if (tpw.status !== 0) throw new Error(`tpw spend import failed: ${tpw.stdout} ${tpw.stderr}`);
const result = JSON.parse(tpw.stdout) as { rows: number; totalPence: number };

const row = (name: string, m: Measured) => `${name.padEnd(26)} ${m.wallS.toFixed(2).padStart(8)} s ${m.peakMb.toFixed(0).padStart(7)} MB`;
console.log(`\n${'Same file'.padEnd(26)} ${'wall'.padStart(10)} ${'peak RSS'.padStart(10)}`);
console.log(row('sqlite3 .import --csv', sqlite));
console.log(row('tpw spend import', tpw));
console.log(row('  of which tpw start-up', startup) + '   (`tpw check` alone)');
console.log(`ratio tpw / sqlite3: ${(tpw.wallS / sqlite.wallS).toFixed(2)}× end to end, ${((tpw.wallS - startup.wallS) / sqlite.wallS).toFixed(2)}× for the import itself (goal ≤ 2×)`);
console.log(`tpw peak RSS ${tpw.peakMb.toFixed(0)} MB, of which ${startup.peakMb.toFixed(0)} MB is the CLI at rest (goal < 300 MB)`);
console.log(`imported ${result.rows.toLocaleString('en-GB')} lines totalling ${result.totalPence} pence`);
console.log('(tpw includes starting Node and compiling TypeScript with tsx on each run; sqlite3 is a native binary.)');

// The whole-place summary over the imported lines, through the real dispatcher.
const wb = openWorkbench(dbPath, 'cli');
const samples: number[] = [];
for (let i = 0; i < 15; i++) {
  t = performance.now();
  const s = await wb.dispatch('spend.summary', {});
  samples.push(performance.now() - t);
  if (!s.ok) throw new Error(s.error.message);
}
samples.sort((a, b) => a - b);
console.log(`\nspend.summary over ${result.rows.toLocaleString('en-GB')} lines: median ${samples[7]!.toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms (goal < 200 ms)`);
t = performance.now();
const direct = wb.ctx.sqlite
  .prepare('SELECT f.organisation_id, l.theme_id, l.financial_year, count(*), sum(l.amount_pence) FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no GROUP BY 1, 2, 3')
  .all();
console.log(`(for comparison, a GROUP BY over the lines themselves: ${(performance.now() - t).toFixed(0)} ms for ${direct.length} cells)`);
t = performance.now();
const rc = await wb.dispatch('spend.reclassify', {});
console.log(`re-applying the rules to every line (spend.reclassify): ${(performance.now() - t).toFixed(0)} ms, ${rc.ok ? rc.value.reclassified : '?'} changed`);
t = performance.now();
const drill = await wb.dispatch('spend.lines', { organisationId: (await wb.dispatch('spend.summary', {}) as { ok: true; value: { organisationId: string }[] }).value[0]!.organisationId, year: '2020-21', theme: 'unclassified', limit: 100 });
console.log(`drill-down to one cell's first 100 lines (spend.lines): ${(performance.now() - t).toFixed(0)} ms of ${drill.ok ? drill.value.total : '?'} lines`);
await wb.close();
fs.rmSync(dir, { recursive: true, force: true });
