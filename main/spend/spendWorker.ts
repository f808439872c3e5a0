/**
 * The spend worker thread's entry. One file, three roles (chosen by workerData.role):
 *
 * - 'scan': reads and sorts the rows of spend files for whoever started it (scanner.ts);
 * - 'import': runs imports over its own connection to the workbench database, so the thread that
 *   serves the window never waits for a million inserts, an index build or a commit
 *   (importHost.ts is the other end);
 * - 'count': reads a range of the lines a search or a sorted page selects, on its own read
 *   connection, while other threads read the other ranges (countHost.ts is the other end).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ServiceContext } from '../core/context';
import type { Connection } from '../db/connection';
import type { Database } from '../core/database';
import type { FromImporter, ToImporter } from './importMessages';
import type { ToScanner } from './scanner';
import type { FromCounter, ToCounter } from './countMessages';

const port = parentPort!;
const data = workerData as { role: 'scan' | 'import' | 'count'; dbPath?: string; nativeBinding?: string };

// Each role loads only what it needs: a scan thread starts in a fraction of the time. (No
// top-level await: the desktop app bundles this file as CommonJS.)
async function serveScanRole() {
  const { serveScans } = await import('./scanner');
  serveScans(
    (m, transfer) => port.postMessage(m, transfer),
    (handler) => port.on('message', (m: ToScanner) => handler(m)),
  );
  port.postMessage({ type: 'ready' });
}

void (data.role === 'scan' ? serveScanRole() : data.role === 'count' ? serveCounts() : serveImports()).catch((e: unknown) => {
  // The thread could not start: the starter hears no 'ready', and does the work itself.
  console.error(e);
  process.exit(1);
});

async function serveImports() {
  const [{ AppError }, { openDatabase }, { companionPaths }, { runImport }] = await Promise.all([
    import('../../shared/errors'),
    import('../db/connection'),
    import('../db/paths'),
    import('./importRun'),
  ]);
  // One connection per workbench database this thread imports into, kept until that workbench closes.
  const connections = new Map<string, Connection<Database>>();
  const cancelled = new Set<string>();
  const post = (m: FromImporter) => port.postMessage(m);
  port.on('message', (m: ToImporter) => {
    if (m.type === 'cancel') cancelled.add(m.id);
    else if (m.type === 'close') {
      const conn = connections.get(m.dbPath);
      connections.delete(m.dbPath);
      void Promise.resolve(conn?.close()).finally(() => post({ type: 'closed', dbPath: m.dbPath }));
    } else if (m.type === 'import') {
      let conn = connections.get(m.dbPath);
      if (!conn) {
        conn = openDatabase<Database>(m.dbPath, { nativeBinding: m.nativeBinding });
        connections.set(m.dbPath, conn);
      }
      const ctx: ServiceContext = {
        db: conn.db,
        sqlite: conn.sqlite,
        dbPath: m.dbPath,
        paths: companionPaths(m.dbPath),
        mode: m.mode,
        appVersion: m.appVersion,
        now: () => new Date(m.now),
      };
      runImport(ctx, m.job, {
        progress: (progress) => post({ type: 'progress', id: m.id, progress }),
        checkCancelled: () => {
          if (cancelled.has(m.id)) throw new AppError('REFUSED', 'The import was cancelled. Nothing was saved.');
        },
      })
        .then((value) => post({ type: 'result', id: m.id, value }))
        .catch((e: unknown) =>
          post({
            type: 'failed',
            id: m.id,
            error: e instanceof AppError ? { code: e.code, message: e.message, fields: e.fields } : { code: 'INTERNAL', message: (e as Error)?.stack ?? String(e) },
          }),
        )
        .finally(() => cancelled.delete(m.id));
    }
  });
  post({ type: 'ready' });
}

async function serveCounts() {
  const [{ openReader }, { runRead }] = await Promise.all([import('../db/connection'), import('./countMessages')]);
  // One read connection per workbench database, kept until that workbench closes.
  const connections = new Map<string, Connection<Database>>();
  const post = (m: FromCounter) => port.postMessage(m);
  port.on('message', (m: ToCounter) => {
    if (m.type === 'close') {
      const conn = connections.get(m.dbPath);
      connections.delete(m.dbPath);
      void Promise.resolve(conn?.close()).finally(() => post({ type: 'closed', dbPath: m.dbPath }));
      return;
    }
    try {
      let conn = connections.get(m.dbPath);
      if (!conn) {
        conn = openReader<Database>(m.dbPath, { nativeBinding: m.nativeBinding });
        connections.set(m.dbPath, conn);
      }
      post({ type: 'done', id: m.id, value: runRead(conn.sqlite, m) });
    } catch (e) {
      post({ type: 'failed', id: m.id, message: (e as Error)?.message ?? String(e) });
    }
  });
  post({ type: 'ready' });
}
