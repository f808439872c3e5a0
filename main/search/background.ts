/**
 * Background indexing in the long-running processes (the desktop app, `tpw serve`): after an
 * upgrade, the text of attachments stored before PDF and Word could be read; after a bundle or a
 * spend import, what arrived. A few files at a time, one run after another while there is work,
 * then a look every few seconds; each file is read in its own bounded worker and saved in its own
 * transaction, so searching and editing carry on meanwhile.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { reindexAttachmentText } from '../evidence/queries';
import type { ServiceContext } from '../core/context';
import { indexSpendFiles, indexSpendFilesInSteps } from './spendIndex';

export function startBackgroundIndexing(
  ctx: ServiceContext,
  /** read: the read connection, where spend lines are grouped a step at a time. */
  opts: { idleMs?: number; log?: (message: string) => void; read?: BetterSqlite3.Database } = {},
): { stop(): Promise<void> } {
  const idleMs = opts.idleMs ?? 5000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void (running = tick().finally(() => (running = null))), ms);
    timer.unref();
  };
  const tick = async () => {
    let more = false;
    try {
      // Through the write queue like every other write: behind a spend import (which holds the
      // database's write lock on its own thread) it waits its turn instead of stalling this thread
      // in SQLite's busy handler. A spend file's lines are grouped on the read connection first, a
      // step at a time, outside the queue; only its part of the index is written in it.
      const queued = <T>(work: () => T | Promise<T>): Promise<T> => (ctx.writes ? ctx.writes.run('Indexing for search', async () => work()) : Promise.resolve(work()));
      const a = await queued(() => reindexAttachmentText(ctx, { limit: 2 }));
      // (With no read connection, in the queue in one go: lines read on the writing connection
      // outside the queue could belong to a transaction not yet committed.)
      const s = await (opts.read ? indexSpendFilesInSteps(ctx, opts.read, 1, queued) : queued(() => indexSpendFiles(ctx, 1)));
      more = a.remaining > 0 || s.remaining > 0;
      if (a.indexed + a.noText + a.unreadable + s.files > 0) opts.log?.(`[tpw] indexed ${a.indexed + a.noText + a.unreadable} attachment(s) and ${s.files} spend file(s)`);
    } catch (e) {
      // The database may be busy or closing; the next look tries again.
      opts.log?.(`[tpw] background indexing: ${(e as Error).message}`);
    }
    schedule(more ? 50 : idleMs);
  };
  schedule(200);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
