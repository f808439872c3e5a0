/**
 * Estimates benchmark (run: npm run bench -- estimates).
 *  1. A portfolio of 500 interventions × 10 years × 6 lines with a 10,000-iteration simulation:
 *     wall time (goal: under 1 s on a 2-core machine), on one thread (evaluatePortfolio) and as
 *     the app runs it, on warm worker threads (checked bit for bit against one thread).
 *  2. What the editor does per keystroke: rebuild one intervention's model and recompute its
 *     result (three scenarios + its own 10,000-iteration simulation), switching values and
 *     yearly profile (goal: under 50 ms).
 * Figures are printed; nothing is asserted, so it can run anywhere.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { EstimateModel, ModelLine } from '../../shared/calc/estimateModel';
import { mulberry32 } from '../../shared/calc/montecarlo';
import { evaluatePortfolio, finishPortfolio, preparePortfolio, runSimulation } from '../../shared/calc/portfolio';
import { evaluateEstimate, switchingValues, yearlyProfile } from '../../shared/calc/savings';
import { availableThreads, closeSimulationPool, simulateOnThreads } from '../../main/estimates/simulationPool';

const INTERVENTIONS = 500;
const YEARS = 10;
const LINES = 6;
const ITERATIONS = 10_000;
const ORGS = ['Borough Council', 'County Council', 'NHS Trust', 'Police', 'Fire and Rescue', 'DWP'];

const rand = mulberry32(2009);
const amount = () => Math.round(1_000_000 + rand() * 50_000_000);

/**
 * `shape`: 'per-line' — a line's range is the same proportion of central every year (how ranges
 * are usually entered, e.g. −20 % / +30 %); 'per-year' — a different range every year (the
 * worst case for the simulation: every year's triangle has its own breakpoint).
 */
function line(kind: 'cost' | 'benefit', i: number, shape: 'per-line' | 'per-year'): ModelLine {
  const lowShare = 0.6 + rand() * 0.3;
  const highShare = 1.1 + rand() * 0.6;
  const profile = Array.from({ length: YEARS }, () => {
    const central = amount();
    const lo = shape === 'per-line' ? lowShare : 0.6 + rand() * 0.3;
    const hi = shape === 'per-line' ? highShare : 1.1 + rand() * 0.6;
    return { low: Math.round(central * lo), central, high: Math.round(central * hi) };
  });
  const base = { label: `${kind} ${i}`, organisation: ORGS[Math.floor(rand() * ORGS.length)]!, cashable: rand() < 0.5, optimismBias: undefined, profile };
  return kind === 'cost'
    ? { kind, ...base, category: 'revenue' }
    : { kind, ...base, valueType: 'fiscal', deadweight: rand() * 0.3, attributionToOthers: rand() * 0.2, displacement: rand() * 0.1, dropOff: rand() * 0.2 };
}

function model(n: number, shape: 'per-line' | 'per-year'): EstimateModel {
  return {
    name: `Intervention ${n}`,
    startYear: '2026-27',
    years: YEARS,
    discount: { schedule: 'green-book' },
    optimismBias: { costs: 0.1, benefits: 0.05 },
    simulation: { iterations: ITERATIONS, seed: n },
    lines: Array.from({ length: LINES }, (_, i) => line(i < LINES / 2 ? 'cost' : 'benefit', i, shape)),
  };
}


/** Wall time, and this process's CPU time (which a busy shared machine inflates less). */
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const t = performance.now();
  const c = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

const sim = { iterations: ITERATIONS, seed: 1 };
const threads = availableThreads();
const range = (runs: { ms: number }[]) => `${runs.map((r) => `${r.ms.toFixed(0)} ms`).join(', ')} (best ${Math.min(...runs.map((r) => r.ms)).toFixed(0)} ms; goal < 1000 ms)`;

// Warm up the JIT and the workers once, as the app would be warm after its first screen.
const warm = Array.from({ length: 40 }, (_, n) => ({ id: String(n), model: model(n, 'per-year') }));
evaluatePortfolio(warm, { sim: { iterations: 1000, seed: 1 } });
if (threads >= 2) await simulateOnThreads(preparePortfolio(warm, { sim: { iterations: 1000, seed: 1 } }).simulation!, threads);

let items: { id: string; model: EstimateModel }[] = [];
for (const shape of ['per-line', 'per-year'] as const) {
  items = Array.from({ length: INTERVENTIONS }, (_, n) => ({ id: String(n), model: model(n, shape) }));
  console.log(`Portfolio: ${INTERVENTIONS} interventions × ${YEARS} years × ${LINES} lines, ${ITERATIONS.toLocaleString('en-GB')} iterations, ranges ${shape === 'per-line' ? 'in proportion per line' : 'different every year (worst case)'}`);
  const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) on ${os.cpus().length} cores`;
  console.log(`  machine before: ${load()}`);
  const runs = [1, 2, 3].map(() => time(() => evaluatePortfolio(items, { sim })));
  const p = runs[0]!.value;
  console.log(`  one thread, wall time: ${range(runs)}`);
  console.log(`  one thread, CPU time: ${runs.map((r) => `${r.cpuMs.toFixed(0)} ms`).join(', ')}`);
  if (threads >= 2) {
    const threaded = [];
    for (let k = 0; k < 3; k++) {
      threaded.push(
        await timeAsync(async () => {
          const job = preparePortfolio(items, { sim });
          const r = await simulateOnThreads(job.simulation!, threads);
          return { view: finishPortfolio(job, r.npvs, r.summaries), npvs: r.npvs };
        }),
      );
    }
    const single = runSimulation(preparePortfolio(items, { sim }).simulation!);
    const same = Buffer.from(single.buffer).equals(Buffer.from(threaded[0]!.value.npvs.buffer)) && JSON.stringify(threaded[0]!.value.view) === JSON.stringify(p);
    console.log(`  ${threads} warm worker threads, wall time: ${range(threaded)}; bit-identical to one thread: ${same ? 'yes' : 'NO'}`);
  }
  console.log(`  machine after: ${load()}`);
  console.log(`  central NPV £${(p.scenarios.central.npv / 100).toLocaleString('en-GB')}, P10 £${(p.simulation!.p10 / 100).toLocaleString('en-GB')}, P90 £${(p.simulation!.p90 / 100).toLocaleString('en-GB')}`);
}
await closeSimulationPool();

// Per keystroke: one figure changes, the whole intervention is recomputed.
const one = items[0]!.model;
const samples: number[] = [];
for (let k = 0; k < 30; k++) {
  const edited: EstimateModel = { ...one, lines: one.lines.map((l, i) => (i === 3 ? { ...l, profile: l.profile.map((c, t) => (t === 2 ? { ...c, central: c.central + k, high: c.high + k } : c)) } : l)) };
  samples.push(
    time(() => {
      evaluateEstimate(edited);
      switchingValues(edited);
      yearlyProfile(edited);
    }).ms,
  );
}
samples.sort((a, b) => a - b);
console.log(`Recompute one intervention (${YEARS} years × ${LINES} lines, ${ITERATIONS.toLocaleString('en-GB')}-iteration simulation, switching values, profile):`);
console.log(`  median ${samples[Math.floor(samples.length / 2)]!.toFixed(1)} ms, worst ${samples.at(-1)!.toFixed(1)} ms (goal < 50 ms)`);
