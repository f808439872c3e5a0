import { APP_VERSION } from '../../shared/version';
import { createDispatcher } from './dispatcher';
import { openDatabase, openReader, type OpenOptions } from '../db/connection';
import { companionPaths } from '../db/paths';
import { openErrorLog } from '../core/errorLog';
import { machinePolicy, type Policy } from '../core/policy';
import type { ServiceContext } from '../core/context';
import type { Database } from '../core/database';
import { createWriteQueue } from '../core/writeQueue';
import { writeLockFor } from '../db/writeLock';
import type { Workbench } from '../core/workbench';
import { startBackgroundIndexing } from '../search/queries';

export type { Workbench } from '../core/workbench';

/** How another process's "busy" notice names this one. */
const PROGRAM: Record<ServiceContext['mode'], string> = { desktop: 'the desktop app', browser: 'tpw serve', cli: 'tpw' };

/** Opens a database and wires the services and the dispatcher over it: used by every entry point. */
export function openWorkbench(dbPath: string, mode: ServiceContext['mode'], opts: OpenOptions & { now?: () => Date; policy?: Policy } = {}): Workbench {
  // Read before the file is touched: a policy IT set but got wrong stops everything, plainly.
  const policy = opts.policy ?? machinePolicy();
  const conn = openDatabase(dbPath, opts);
  const paths = companionPaths(dbPath);
  const closers: (() => Promise<void>)[] = [];
  const now = opts.now ?? (() => new Date());
  const ctx: ServiceContext = {
    db: conn.db,
    sqlite: conn.sqlite,
    dbPath,
    paths,
    mode,
    appVersion: APP_VERSION,
    now,
    policy,
    nativeBinding: opts.nativeBinding,
    // Ordered here, and waiting (visibly, off the thread) for another process's long write.
    writes: createWriteQueue(now, { lock: conn.readOnly ? undefined : writeLockFor(conn.sqlite, paths.tempDir, PROGRAM[mode]) }),
    onClose: (release) => void closers.push(release),
  };
  const errorLog = openErrorLog(paths.logsDir);
  const readOnly = conn.readOnly;
  // Queries get their own read-only connection (writes hold the other one, for seconds during an
  // import). The read context inherits everything else from ctx, including what the shell sets
  // on it later (ctx.platform).
  const reader = readOnly ? null : openReader<Database>(dbPath, opts);
  const readCtx: ServiceContext = reader ? Object.assign(Object.create(ctx) as ServiceContext, { db: reader.db, sqlite: reader.sqlite }) : ctx;
  const dispatch = createDispatcher(ctx, { readOnly, readCtx, onInternalError: (method, e) => errorLog.record(method, e) });
  // The app and browser mode keep the search index up to date in the background (attachments'
  // text after an upgrade or a bundle, suppliers after a spend import); a CLI verb runs and exits.
  const indexing = mode !== 'cli' && !readOnly ? startBackgroundIndexing(ctx, { log: (m) => console.error(m), read: readCtx.sqlite }) : null;
  return {
    ctx,
    dispatch,
    errorLog,
    readOnly,
    close: async () => {
      await indexing?.stop();
      for (const release of closers.splice(0)) await release();
      await reader?.close();
      await conn.close();
    },
  };
}
