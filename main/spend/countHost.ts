/**
 * The threads that read parts of the lines (spendWorker.ts, role 'count'; splitReads.ts): started
 * on the first search or sorted page of a large place, kept warm, each with its own read
 * connection to every workbench database it has read until that workbench closes. Idle, they
 * never keep the process alive. None (or fewer) when they cannot be had: the caller then reads on
 * its own thread.
 */
import { cores } from '../core/cores';
import type { ServiceContext } from '../core/context';
import type { FromCounter, PartRead, ToCounter } from './countMessages';
import { allClosed, closed, closeWhenDone, type HoldsConnections } from './workerConnections';
import { startWorker } from './workers';

/** Four threads in all at most (the caller's and three), as the estimates' simulation pool. */
const MAX_COUNTERS = 3;

interface Counter extends HoldsConnections {
  waiting: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>;
}

let pool: Promise<Counter[]> | null = null;
let started: Counter[] = [];
let nextId = 1;

/** Threads to read on besides the caller's own: one fewer than the cores, at most three. */
export const countersWanted = (): number => Math.min(MAX_COUNTERS, cores() - 1);

async function startCounter(): Promise<Counter | null> {
  const worker = await startWorker('count');
  if (!worker) return null;
  const self: Counter = { worker, waiting: new Map(), open: new Map(), busy: () => self.waiting.size > 0 };
  worker.on('message', (m: FromCounter) => {
    if (m.type === 'ready') return;
    if (m.type === 'closed') return closed(self, m.dbPath);
    const job = self.waiting.get(m.id);
    if (!job) return;
    self.waiting.delete(m.id);
    if (self.waiting.size === 0) worker.unref();
    if (m.type === 'done') job.resolve(m.value);
    else job.reject(new Error(m.message));
  });
  worker.on('exit', () => {
    started = started.filter((c) => c !== self);
    for (const job of self.waiting.values()) job.reject(new Error('A counting thread stopped unexpectedly.'));
    self.waiting.clear();
    allClosed(self);
  });
  // Unref after the listeners: adding a 'message' listener refs the worker again.
  worker.unref();
  return self;
}

/**
 * The counting threads that are ready now. The first call starts them; `wait` says whether to
 * wait for them (tests) or to count this search on one thread while they start (a page should not
 * wait half a second for threads).
 */
export async function readyCounters(wait: boolean): Promise<Counter[]> {
  pool ??= Promise.all(Array.from({ length: countersWanted() }, () => startCounter())).then((cs) => {
    started = cs.filter((c): c is Counter => c !== null);
    return started;
  });
  return wait ? pool : started;
}

/** Runs one read on a counting thread, over that thread's own read connection to ctx's database. */
export function readOn<T>(counter: Counter, ctx: ServiceContext, read: PartRead): Promise<T> {
  closeWhenDone(ctx, counter);
  const id = nextId++;
  const result = new Promise<T>((resolve, reject) => counter.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  counter.worker.ref();
  counter.worker.postMessage({ type: 'read', id, dbPath: ctx.dbPath, nativeBinding: ctx.nativeBinding, ...read } satisfies ToCounter);
  return result;
}

export type { Counter };
