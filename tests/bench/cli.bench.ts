/**
 * `npm run bench -- cli`: start-up of the command line. `tpw --version` and `tpw check` from the
 * bundled CLI (bin/tpw.js running out/cli/tpw.mjs, as a user runs it; and the bundle imported
 * directly), against `node -e 0` (the floor for any Node program) and the sqlite3 shell doing the
 * same check. Runs are interleaved round by round so a busy machine slows all of them alike.
 * Goal: both within 3× `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ROUNDS = Number(process.env.TPW_BENCH_ROUNDS ?? 15);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-bench-cli-'));
const db = path.join(dir, 'w.db');
const node = process.execPath;
const TPW = path.join(ROOT, 'bin', 'tpw.js');

// A fresh bundle, so bin/tpw.js runs it rather than compiling the sources. Rebuilt (untimed) before
// any round in which a source file has changed since, as happens while people work in the checkout.
const BUNDLE = path.join(ROOT, 'out', 'cli', 'tpw.mjs');
const newest = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs), 0);
let rebuilds = -1;
function ensureFreshBundle(): void {
  if (fs.existsSync(BUNDLE) && Math.max(newest(path.join(ROOT, 'main')), newest(path.join(ROOT, 'shared'))) <= fs.statSync(BUNDLE).mtimeMs) return;
  const built = spawnSync(node, [path.join(ROOT, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('building the CLI bundle failed');
  rebuilds++;
}
ensureFreshBundle();
if (spawnSync(node, [TPW, 'init', '--place', 'Bench', '--db', db], { encoding: 'utf8' }).status !== 0) throw new Error('tpw init failed');
const runner = path.join(dir, 'run.mjs');
fs.writeFileSync(runner, `const { main } = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'out', 'cli', 'tpw.mjs')).href)});\nprocess.exitCode = await main(process.argv.slice(2));\n`);
const sqlite3 = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).status === 0;

const env = { ...process.env, TPW_DB: '' };
const cases: [string, string, string[]][] = [
  ['node -e 0', node, ['-e', '0']],
  ['tpw --version (bin/tpw.js)', node, [TPW, '--version']],
  ['tpw check (bin/tpw.js)', node, [TPW, 'check', '--db', db]],
  ['tpw --version (bundle)', node, [runner, '--version']],
  ['tpw check (bundle)', node, [runner, 'check', '--db', db]],
  ...(sqlite3 ? ([['sqlite3 pragma integrity_check', 'sqlite3', [db, 'pragma integrity_check;']]] as [string, string, string[]][]) : []),
];

const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let round = 0; round < ROUNDS; round++) {
  ensureFreshBundle();
  for (const [name, cmd, args] of cases) {
    const t = performance.now();
    const r = spawnSync(cmd, args, { env, encoding: 'utf8' });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`);
    times.get(name)!.push(ms);
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, p90: s[Math.min(s.length - 1, Math.floor(s.length * 0.9))]! };
};
const floor = stats(times.get('node -e 0')!).median;
console.log(`${ROUNDS} rounds, interleaved; median / min / p90 wall time of the whole process; ratio = median ÷ median of node -e 0`);
for (const [name] of cases) {
  const s = stats(times.get(name)!);
  const goal = name.startsWith('tpw') ? (s.median / floor <= 3 ? '  (goal ≤ 3×: met)' : '  (goal ≤ 3×: MISSED)') : '';
  console.log(`${name.padEnd(32)} ${s.median.toFixed(0).padStart(5)} ms  ${s.min.toFixed(0).padStart(5)} ms  ${s.p90.toFixed(0).padStart(5)} ms   ${(s.median / floor).toFixed(2)}×${goal}`);
}
if (!sqlite3) console.log('(sqlite3 not installed: its row is left out)');
if (rebuilds > 0) console.log(`(sources changed during the run: the bundle was rebuilt ${rebuilds} time(s) between rounds, untimed)`);
fs.rmSync(dir, { recursive: true, force: true });
