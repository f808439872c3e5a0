/**
 * A scan of one spend file: its first rows (for the plan), then every row sorted by a RowSorter.
 * The rows are read and sorted on a worker thread when one can be had, so neither the window's
 * thread nor the thread writing the lines spends its time parsing; `InlineScan` does the same
 * work on the caller's thread otherwise (and is what the worker itself runs).
 */
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import type { RowStream, SourceRow } from './csvRows';
import { csvRows } from './csvRows';
import { LinePacker, transferables, type PackedLines } from './linePacking';
import { HEADER_SCAN_ROWS, LINE_FIELDS, RowSorter, SAMPLE_ROWS, type RowPlan, type ScanSummary } from './scan';
import type { SpendEncoding } from './sniff';
import { startWorker, workersWanted } from './workers';
import { xlsxRows } from './xlsxRows';

/** What to read: everything the scanner needs to open the file again by itself. */
export interface ScanRequest {
  file: string;
  fileName: string;
  kind: 'csv' | 'xlsx';
  encoding: SpendEncoding | null;
  delimiter: string | null;
  sheet: string | null;
  /** The file's size: small files are read on the caller's thread. */
  size: number;
  /** Work out the file's SHA-256 while reading it (ScanSummary.sha256): it was not hashed when opened. */
  hash?: boolean;
}

export interface ScanSink {
  /** Transactions in coded batches (an import; see linePacking.ts); awaited, so a slow writer slows the reader. */
  onLines?(batch: PackedLines): void | Promise<void>;
  /** Every few thousand rows; may throw to stop the scan (cancel). */
  onProgress?(rowsRead: number, bytesRead: number): void | Promise<void>;
}

export interface ScanSession {
  /** The first rows of the file (enough to find the header and check the guess). */
  head(): Promise<SourceRow[]>;
  /** Sorts every row with the plan; resolves with the totals once the file is read. */
  run(plan: RowPlan, sink?: ScanSink): Promise<ScanSummary>;
  /** Ends the session early (or after run); the file is closed. */
  close(): void;
}

/**
 * Lines per batch handed over, and rows between progress reports. Each batch the writer holds
 * lives through a few of its young-generation collections and is promoted; at 4,096 lines those
 * promoted batches took the importing process of a million rows to 280–310 MB before an old-space
 * collection came round, at 1,024 to about 255 MB, for no more CPU (measured with the bench file).
 */
const BATCH_LINES = 1024;
const PROGRESS_ROWS = 5000;
export const HEAD_ROWS = HEADER_SCAN_ROWS + SAMPLE_ROWS;

function openRows(req: ScanRequest): RowStream {
  return req.kind === 'csv' ? csvRows(req.file, req.encoding!, req.delimiter!, req.hash === true) : xlsxRows(req.file, req.fileName, req.sheet!);
}

/** The scan on this thread. */
export class InlineScan implements ScanSession {
  private readonly stream: RowStream;
  private readonly iterator: AsyncIterator<SourceRow[]>;
  private buffered: SourceRow[] = [];
  private done = false;

  constructor(private readonly req: ScanRequest) {
    this.stream = openRows(req);
    this.iterator = this.stream.rows[Symbol.asyncIterator]();
  }

  async head(): Promise<SourceRow[]> {
    while (!this.done && this.buffered.length < HEAD_ROWS) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else this.buffered.push(...next.value);
    }
    return this.buffered.slice(0, HEAD_ROWS);
  }

  async run(plan: RowPlan, sink: ScanSink = {}): Promise<ScanSummary> {
    await this.head();
    const packer = new LinePacker();
    const sorter = new RowSorter(plan, this.req.kind, packer);
    sorter.preamble(this.buffered.slice(0, plan.headerIndex));
    let sinceProgress = 0;
    const handle = async (rows: SourceRow[]) => {
      for (const r of rows) {
        sorter.handle(r);
        if (packer.pending >= BATCH_LINES) await sink.onLines?.(packer.take());
      }
      sinceProgress += rows.length;
      if (sinceProgress >= PROGRESS_ROWS) {
        sinceProgress = 0;
        await sink.onProgress?.(sorter.rowsRead, this.stream.bytesRead());
      }
    };
    try {
      await handle(this.buffered.slice(plan.headerIndex + 1));
      this.buffered = [];
      while (!this.done) {
        const next = await this.iterator.next();
        if (next.done) this.done = true;
        else await handle(next.value);
      }
      if (packer.pending > 0) await sink.onLines?.(packer.take());
      const summary = sorter.summary();
      summary.sha256 = this.stream.sha256?.() ?? null;
      await sink.onProgress?.(summary.rowsRead, this.stream.bytesRead());
      return summary;
    } finally {
      this.close();
    }
  }

  close(): void {
    if (!this.done) {
      this.done = true;
      void this.iterator.return?.(undefined);
    }
  }
}

// ------------------------------------------------------------------ the worker side of the protocol

/** Messages between a scan's host and its worker. */
/**
 * `taken` is shared memory: its first slot counts the batches the host has taken, so the reader
 * knows how far ahead it is without a message back for every batch (a million-line import sent a
 * thousand of those, and each cost the writing thread more than the batch it acknowledged).
 */
export type ToScanner = { type: 'open'; req: ScanRequest } | { type: 'plan'; plan: RowPlan; taken: SharedArrayBuffer } | { type: 'cancel' };
export type FromScanner =
  | { type: 'head'; rows: SourceRow[] }
  | { type: 'lines'; lines: PackedLines; rowsRead: number; bytesRead: number }
  | { type: 'progress'; rowsRead: number; bytesRead: number }
  | { type: 'done'; summary: ScanSummary }
  | { type: 'failed'; error: { code: string; message: string; fields?: Record<string, string> } };

/** Atomics.waitAsync (Node 16+; TypeScript's ES2023 library does not declare it yet). */
const waitAsync = (Atomics as unknown as { waitAsync(view: Int32Array, index: number, value: number): { async: boolean; value: Promise<unknown> | string } }).waitAsync;

/** Batches in flight before the reader waits for the writer: enough to keep both busy, not to fill memory. */
const IN_FLIGHT = 3;

/** Serves scans on a worker thread, one at a time, for as long as the thread lives. */
export function serveScans(post: (m: FromScanner, transfer?: ArrayBuffer[]) => void, onMessage: (handler: (m: ToScanner) => void) => void): void {
  let scan: InlineScan | null = null;
  let taken = new Int32Array(new SharedArrayBuffer(4));
  let cancelled = false;
  const failed = (e: unknown) =>
    post({
      type: 'failed',
      error: e instanceof AppError ? { code: e.code, message: e.message, fields: e.fields } : { code: 'INTERNAL', message: (e as Error)?.stack ?? String(e) },
    });
  onMessage((m) => {
    if (m.type === 'open') {
      scan?.close();
      cancelled = false;
      scan = new InlineScan(m.req);
      scan.head().then((rows) => post({ type: 'head', rows }), failed);
    } else if (m.type === 'plan' && scan) {
      const current = scan;
      const counter = (taken = new Int32Array(m.taken));
      let sent = 0;
      current
        .run(m.plan, {
          onLines: async (lines) => {
            if (cancelled) throw new AppError('REFUSED', 'cancelled');
            sent++;
            post({ type: 'lines', lines, rowsRead: 0, bytesRead: 0 }, transferables(lines));
            for (;;) {
              const seen = Atomics.load(counter, 0);
              if (sent - seen < IN_FLIGHT || cancelled) break;
              const w = waitAsync(counter, 0, seen);
              if (w.async) await w.value;
            }
          },
          onProgress: (rowsRead, bytesRead) => {
            if (cancelled) throw new AppError('REFUSED', 'cancelled');
            post({ type: 'progress', rowsRead, bytesRead });
          },
        })
        .then((summary) => post({ type: 'done', summary }), failed);
    } else if (m.type === 'cancel') {
      cancelled = true;
      Atomics.notify(taken, 0);
      scan?.close();
    }
  });
}

// ------------------------------------------------------------------ the host side

class WorkerScan implements ScanSession {
  private queue: FromScanner[] = [];
  private waiting: ((m: FromScanner) => void) | null = null;
  private finished = false;
  /** Batches taken from the reader, shared with it (see ToScanner). */
  private readonly taken = new Int32Array(new SharedArrayBuffer(4));
  private readonly listener = (m: FromScanner) => {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else this.queue.push(m);
  };
  private readonly onExit = () => this.listener({ type: 'failed', error: { code: 'INTERNAL', message: 'The spend file reader stopped unexpectedly.' } });

  constructor(
    private readonly worker: Worker,
    private readonly release: (w: Worker, reusable: boolean) => void,
    req: ScanRequest,
  ) {
    worker.on('message', this.listener);
    worker.on('exit', this.onExit);
    worker.postMessage({ type: 'open', req } satisfies ToScanner);
  }

  private next(): Promise<FromScanner> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((r) => (this.waiting = r));
  }

  private fail(m: Extract<FromScanner, { type: 'failed' }>): never {
    this.close(true);
    if (m.error.code === 'INTERNAL') throw new Error(m.error.message);
    throw new AppError(m.error.code as never, m.error.message, m.error.fields);
  }

  async head(): Promise<SourceRow[]> {
    const m = await this.next();
    if (m.type === 'failed') this.fail(m);
    if (m.type !== 'head') throw new Error(`Unexpected message from the spend reader: ${m.type}`);
    return m.rows;
  }

  async run(plan: RowPlan, sink: ScanSink = {}): Promise<ScanSummary> {
    Atomics.store(this.taken, 0, 0);
    this.worker.postMessage({ type: 'plan', plan, taken: this.taken.buffer as SharedArrayBuffer } satisfies ToScanner);
    try {
      for (;;) {
        const m = await this.next();
        if (m.type === 'failed') this.fail(m);
        if (m.type === 'done') {
          this.close(false);
          return m.summary;
        }
        if (m.type === 'progress') await sink.onProgress?.(m.rowsRead, m.bytesRead);
        else if (m.type === 'lines') {
          Atomics.add(this.taken, 0, 1);
          Atomics.notify(this.taken, 0);
          await sink.onLines?.(m.lines);
        }
      }
    } catch (e) {
      this.close(true);
      throw e;
    }
  }

  close(cancel = true): void {
    if (this.finished) return;
    this.finished = true;
    this.worker.off('message', this.listener);
    this.worker.off('exit', this.onExit);
    if (cancel) this.worker.postMessage({ type: 'cancel' } satisfies ToScanner);
    // A cancelled scan's worker still has messages on the way: it is not handed to the next scan.
    this.release(this.worker, !cancel);
  }
}

/** Idle scan workers of this thread, kept for the next scan (starting one costs a few hundred ms). */
const idle: Worker[] = [];
const MAX_IDLE = 2;

function release(w: Worker, reusable: boolean) {
  if (reusable && idle.length < MAX_IDLE) {
    w.unref();
    idle.push(w);
  } else void w.terminate();
}

/** A scan thread being started ahead of need (warmScanWorker), joining the idle ones when ready. */
let starting: Promise<void> | null = null;

/**
 * Starts a scan thread now, for the next openScan of a file this size: an import starts it before
 * it looks at the file and opens its transaction, so the thread is ready by the time it is wanted
 * rather than a tenth of a second after.
 */
export function warmScanWorker(fileBytes: number): void {
  if (!workersWanted(fileBytes) || idle.length > 0 || starting) return;
  starting = startWorker('scan')
    .then((w) => {
      if (w) release(w, true);
    })
    .finally(() => (starting = null));
}

/** Opens a scan: on a worker thread when possible, else on this thread. */
export async function openScan(req: ScanRequest): Promise<ScanSession> {
  if (!workersWanted(req.size)) return new InlineScan(req);
  if (starting) await starting;
  const w = idle.pop() ?? (await startWorker('scan'));
  if (!w) return new InlineScan(req);
  w.ref();
  return new WorkerScan(w, release, req);
}

/** Stops this thread's idle scan workers (a process about to exit, a test cleaning up). */
export async function stopScanWorkers(): Promise<void> {
  if (starting) await starting;
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}

export { LINE_FIELDS };
