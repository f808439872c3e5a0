/**
 * Foundation figures: opening a database (with migrations), and the cost of a versioned write
 * (row + revision) and of listing hypotheses, through the real dispatcher.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openWorkbench } from '../../main/api/workbench';

const N = Number(process.env.TPW_BENCH_HYPOTHESES ?? 2000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-bench-'));
const dbPath = path.join(dir, 'w.db');

let t = performance.now();
const wb = openWorkbench(dbPath, 'cli');
console.log(`open + migrate a new database: ${(performance.now() - t).toFixed(1)} ms`);

t = performance.now();
for (let i = 0; i < N; i++) {
  const r = await wb.dispatch('hypothesis.add', { statement: `Hypothesis ${i}: joined-up services reduce cost ${i % 7}` });
  if (!r.ok) throw new Error(r.error.message);
}
const writeMs = performance.now() - t;
console.log(`${N} hypothesis.add calls (each its own transaction, synchronous=FULL): ${writeMs.toFixed(0)} ms, ${(writeMs / N).toFixed(2)} ms each`);

const samples: number[] = [];
for (let i = 0; i < 20; i++) {
  t = performance.now();
  await wb.dispatch('hypothesis.list', {});
  samples.push(performance.now() - t);
}
samples.sort((a, b) => a - b);
console.log(`hypothesis.list over ${N}: median ${samples[10]!.toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms`);
await wb.close();
fs.rmSync(dir, { recursive: true, force: true });
