/**
 * A spend worker thread that holds connections to workbench databases (the import thread, the
 * counting threads): it keeps one to each database it has worked on until that workbench closes,
 * and the workbench's close waits for the thread to say it has let go (tests delete the folder
 * straight after).
 */
import type { Worker } from 'node:worker_threads';
import type { ServiceContext } from '../core/context';

export interface HoldsConnections {
  worker: Worker;
  /** Databases the thread has a connection to, with what to call when it says it closed one. */
  open: Map<string, (() => void)[]>;
  /** Whether it has work running (and so keeps the process alive). */
  busy(): boolean;
}

/** Asks the thread to close its connection when ctx's workbench closes (once per database). */
export function closeWhenDone(ctx: ServiceContext, self: HoldsConnections): void {
  if (self.open.has(ctx.dbPath)) return;
  self.open.set(ctx.dbPath, []);
  ctx.onClose?.(
    () =>
      new Promise<void>((resolve) => {
        const waiting = self.open.get(ctx.dbPath);
        if (!waiting) return resolve();
        // Held while the thread closes the connection, or a process with nothing else to do
        // would exit before hearing back.
        self.worker.ref();
        const done = () => {
          if (!self.busy()) self.worker.unref();
          resolve();
        };
        waiting.push(done);
        setTimeout(done, 5000).unref();
        self.worker.postMessage({ type: 'close', dbPath: ctx.dbPath });
      }),
  );
}

/** The thread said it closed its connection to dbPath. */
export function closed(self: HoldsConnections, dbPath: string): void {
  for (const done of self.open.get(dbPath) ?? []) done();
  self.open.delete(dbPath);
}

/** The thread stopped: every connection it held is gone with it. */
export function allClosed(self: HoldsConnections): void {
  for (const waiting of self.open.values()) for (const done of waiting) done();
  self.open.clear();
}
