import { APP_VERSION } from '../../shared/version';
import { createDispatcher } from './dispatcher';
import { openDatabase, type OpenOptions } from '../db/connection';
import { companionPaths } from '../db/paths';
import { openErrorLog } from '../core/errorLog';
import type { ServiceContext } from '../core/context';
import type { Workbench } from '../core/workbench';

export type { Workbench } from '../core/workbench';

/** Opens a database and wires the services and the dispatcher over it: used by every entry point. */
export function openWorkbench(dbPath: string, mode: ServiceContext['mode'], opts: OpenOptions & { now?: () => Date } = {}): Workbench {
  const conn = openDatabase(dbPath, opts);
  const paths = companionPaths(dbPath);
  const ctx: ServiceContext = {
    db: conn.db,
    sqlite: conn.sqlite,
    dbPath,
    paths,
    mode,
    appVersion: APP_VERSION,
    now: opts.now ?? (() => new Date()),
  };
  const errorLog = openErrorLog(paths.logsDir);
  const readOnly = conn.readOnly;
  const dispatch = createDispatcher(ctx, { readOnly, onInternalError: (method, e) => errorLog.record(method, e) });
  return { ctx, dispatch, errorLog, readOnly, close: () => conn.close() };
}
