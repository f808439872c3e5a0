import { APP_VERSION } from '../../shared/version';
import { createDispatcher } from './dispatcher';
import { openDatabase, type OpenOptions } from '../db/connection';
import { companionPaths } from '../db/paths';
import type { ServiceContext } from '../core/context';
import type { Workbench } from '../core/workbench';

export type { Workbench } from '../core/workbench';

/** Opens a database and wires the services and the dispatcher over it: used by every entry point. */
export function openWorkbench(dbPath: string, mode: ServiceContext['mode'], opts: OpenOptions & { now?: () => Date } = {}): Workbench {
  const conn = openDatabase(dbPath, opts);
  const ctx: ServiceContext = {
    db: conn.db,
    sqlite: conn.sqlite,
    dbPath,
    paths: companionPaths(dbPath),
    mode,
    appVersion: APP_VERSION,
    now: opts.now ?? (() => new Date()),
  };
  const dispatch = createDispatcher(ctx, {
    onInternalError: (method, e) => console.error(`[tpw] ${method} failed:`, e),
  });
  return { ctx, dispatch, close: () => conn.close() };
}
