/**
 * The window's side of imports on the spend worker: one import thread for the process, started on
 * the first import, holding a connection to each workbench database it has imported into until
 * that workbench closes. Progress and the outcome come back as messages; Cancel goes the other
 * way. Null when no worker can be had: the caller imports on its own thread.
 */
import type { SpendImportProgress, SpendImportResult } from '../../shared/domain/spend';
import { AppError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import type { FromImporter, ToImporter } from './importMessages';
import type { ImportJob } from './importRun';
import { allClosed, closed, closeWhenDone, type HoldsConnections } from './workerConnections';
import { startWorker } from './workers';

interface Running {
  resolve(v: SpendImportResult): void;
  reject(e: unknown): void;
  progress(p: Partial<SpendImportProgress>): void;
}

interface Importer extends HoldsConnections {
  running: Map<string, Running>;
}

let importer: Promise<Importer | null> | null = null;

async function start(): Promise<Importer | null> {
  const worker = await startWorker('import');
  if (!worker) return null;
  const self: Importer = { worker, running: new Map(), open: new Map(), busy: () => self.running.size > 0 };
  worker.unref();
  worker.on('message', (m: FromImporter) => {
    if (m.type === 'ready') return;
    if (m.type === 'closed') return closed(self, m.dbPath);
    const job = self.running.get(m.id);
    if (!job) return;
    if (m.type === 'progress') job.progress(m.progress);
    else {
      self.running.delete(m.id);
      if (self.running.size === 0) worker.unref();
      if (m.type === 'result') job.resolve(m.value);
      else job.reject(m.error.code === 'INTERNAL' ? new Error(m.error.message) : new AppError(m.error.code as never, m.error.message, m.error.fields));
    }
  });
  worker.on('exit', () => {
    importer = null;
    for (const job of self.running.values()) job.reject(new Error('The spend import thread stopped unexpectedly.'));
    self.running.clear();
    allClosed(self);
  });
  return self;
}

/** Runs the import on the worker; null when there is none (the caller runs it itself). */
export async function importOnWorker(
  ctx: ServiceContext,
  id: string,
  job: ImportJob,
  onProgress: (p: Partial<SpendImportProgress>) => void,
): Promise<{ result: Promise<SpendImportResult>; cancel(): void } | null> {
  importer ??= start();
  const self = await importer;
  if (!self) return null;
  closeWhenDone(ctx, self);
  const result = new Promise<SpendImportResult>((resolve, reject) => self.running.set(id, { resolve, reject, progress: onProgress }));
  self.worker.ref();
  self.worker.postMessage({
    type: 'import',
    id,
    dbPath: ctx.dbPath,
    nativeBinding: ctx.nativeBinding,
    job,
    now: ctx.now().toISOString(),
    mode: ctx.mode,
    appVersion: ctx.appVersion,
  } satisfies ToImporter);
  return { result, cancel: () => self.worker.postMessage({ type: 'cancel', id } satisfies ToImporter) };
}
