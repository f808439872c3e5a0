/**
 * The portfolio simulation on worker threads. The random stream is addressed by draw number
 * (montecarlo.ts), so each thread can run the kernel over its own range of interventions and get
 * exactly the figures one thread would: the threads run the very same function
 * (`simulateGroupRange`, from its source text), write into one shared buffer, and the totals are
 * added up here in the usual order. Per-intervention percentiles are worked out on the threads too
 * (on a copy, so the draws stay in order for the totals).
 *
 * The workers are started from source text rather than a file so the same code runs from the
 * TypeScript sources (tsx, tests), the bundled CLI and the desktop app's build alike. They are
 * started on first use, kept warm, and never keep the process alive. Small jobs, or a machine with
 * one core, stay on this thread; if a worker fails the job runs here instead.
 */
import { Worker } from 'node:worker_threads';
import { cores } from '../core/cores';
import { simulateGroupRange, summarise } from '../../shared/calc/montecarlo';
import { runSimulation, type GroupSummaries, type SimulationJob } from '../../shared/calc/portfolio';

/** Below this many line-draws (≈ 50 ms on one thread) starting threads costs more than it saves. */
const THREAD_THRESHOLD = 2_000_000;
const MAX_THREADS = 4;

const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const simulateGroupRange = ${simulateGroupRange.toString()};
const summarise = ${summarise.toString()};
parentPort.on('message', (m) => {
  try {
    const out = new Float64Array(m.out);
    simulateGroupRange(m.packed, m.groupStart, m.g0, m.g1, m.iterations, m.seed, out);
    const n = m.iterations;
    const scratch = new Float64Array(n);
    const summaries = [];
    for (let g = m.g0; g < m.g1; g++) {
      scratch.set(out.subarray(g * n, (g + 1) * n));
      const s = summarise(scratch);
      summaries.push({ p10: s.p10, p50: s.p50, p90: s.p90 });
    }
    parentPort.postMessage({ id: m.id, summaries });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.stack) || e) });
  }
});
`;

interface Reply {
  id: number;
  summaries?: GroupSummaries;
  error?: string;
}

let workers: Worker[] = [];
let broken = false;
/** Jobs running: while there are any the workers keep the process alive; idle, they never do. */
let running = 0;
let nextId = 1;
const waiting = new Map<number, { resolve(r: GroupSummaries): void; reject(e: Error): void }>();

function onReply(r: Reply): void {
  const w = waiting.get(r.id);
  if (!w) return;
  waiting.delete(r.id);
  if (r.error || !r.summaries) w.reject(new Error(r.error ?? 'no result'));
  else w.resolve(r.summaries);
}

function failAll(e: Error): void {
  broken = true;
  for (const w of waiting.values()) w.reject(e);
  waiting.clear();
  void closeSimulationPool();
}

export const availableThreads = (): number => Math.min(MAX_THREADS, cores());

function pool(size: number): Worker[] {
  while (workers.length < size) {
    // No inherited flags: the worker runs plain JavaScript as a script (a loader such as tsx, or
    // --input-type=module, would only slow it down or change how its source is read).
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    w.on('message', onReply);
    w.on('error', (e) => failAll(e instanceof Error ? e : new Error(String(e))));
    // Idle workers must not keep the process alive. (Unref after the listeners: adding a 'message'
    // listener refs the worker again, and the CLI would never exit.)
    w.unref();
    workers.push(w);
  }
  return workers.slice(0, size);
}

/** Contiguous ranges of interventions with about the same number of lines each. */
export function splitGroups(groupStart: Int32Array, parts: number): [number, number][] {
  const groups = groupStart.length - 1;
  const lines = groupStart[groups]!;
  const ranges: [number, number][] = [];
  let g = 0;
  for (let k = 1; k <= parts && g < groups; k++) {
    const target = (lines * k) / parts;
    let end = g + 1;
    while (end < groups && groupStart[end]! < target) end++;
    if (k === parts) end = groups;
    ranges.push([g, end]);
    g = end;
  }
  return ranges;
}

/** The kernel on `threads` worker threads (the caller decides; `simulatePortfolio` decides for you). */
export async function simulateOnThreads(job: SimulationJob, threads: number): Promise<{ npvs: Float64Array; summaries: GroupSummaries }> {
  const groups = job.groupStart.length - 1;
  const shared = new SharedArrayBuffer(groups * job.iterations * Float64Array.BYTES_PER_ELEMENT);
  const ranges = splitGroups(job.groupStart, threads);
  const ws = pool(ranges.length);
  if (running++ === 0) for (const w of workers) w.ref();
  try {
    const parts = await Promise.all(
      ranges.map(
        ([g0, g1], k) =>
          new Promise<GroupSummaries>((resolve, reject) => {
            const id = nextId++;
            waiting.set(id, { resolve, reject });
            ws[k]!.postMessage({ id, packed: job.packed, groupStart: job.groupStart, g0, g1, iterations: job.iterations, seed: job.seed, out: shared });
          }),
      ),
    );
    return { npvs: new Float64Array(shared), summaries: parts.flat() };
  } finally {
    if (--running === 0) for (const w of workers) w.unref();
  }
}

/** The portfolio's draws: on worker threads when the job is big enough and threads are there, else here. */
export async function simulatePortfolio(job: SimulationJob): Promise<{ npvs: Float64Array; summaries: GroupSummaries | null }> {
  const work = job.groupStart[job.groupStart.length - 1]! * job.iterations;
  const threads = availableThreads();
  if (!broken && threads >= 2 && work >= THREAD_THRESHOLD) {
    try {
      return await simulateOnThreads(job, threads);
    } catch {
      // A worker could not run (or died): the same figures, on this thread.
    }
  }
  return { npvs: runSimulation(job), summaries: null };
}

/** Stops the workers (tests; the process never waits for them). */
export async function closeSimulationPool(): Promise<void> {
  const ws = workers;
  workers = [];
  await Promise.all(ws.map((w) => w.terminate()));
}
