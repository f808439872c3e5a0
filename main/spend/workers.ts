/**
 * Starting the spend worker thread (main/spend/spendWorker.ts), wherever the code runs:
 *
 * - from the sources (tsx, vitest, benchmarks): the worker loads tsx first, then the TypeScript entry;
 * - from a bundle (out/cli/tpw.mjs, or the desktop app's out/main/index.cjs): the entry is bundled
 *   beside it as spendWorker.mjs / spendWorker.cjs (scripts/build-cli.mjs, electron.vite.config.ts).
 *
 * When no entry can be found or the thread does not start (an unusual packaging), callers fall
 * back to doing the same work on their own thread: slower to share, never wrong.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export type WorkerRole = 'scan' | 'import' | 'count';

/** How long a new thread may take to say it is ready (tsx compiling the sources is the slow case). */
const START_TIMEOUT_MS = 60_000;

function entry(): { script: string | URL; eval: boolean } | null {
  const here = import.meta.url;
  if (/\.[cm]?ts$/.test(new URL(here).pathname)) {
    const target = new URL('./spendWorker.ts', here);
    if (!fs.existsSync(fileURLToPath(target))) return null;
    let tsx: string;
    try {
      // The ESM build of tsx's API (a plain require would resolve its CommonJS build).
      const pkg = createRequire(here).resolve('tsx/package.json');
      const api = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports['./esm/api']!.import.default;
      tsx = new URL(api, pathToFileURL(pkg)).href;
    } catch {
      return null;
    }
    // tsx's loader must be registered inside the new thread before it imports TypeScript.
    const boot = `import(${JSON.stringify(tsx)}).then((m) => m.register()).then(() => import(${JSON.stringify(target.href)}))`;
    return { script: boot, eval: true };
  }
  // Bundled: beside the entry (out/cli/spendWorker.mjs, out/main/spendWorker.cjs); this code may sit in a chunk one folder down.
  const name = here.endsWith('.cjs') ? 'spendWorker.cjs' : 'spendWorker.mjs';
  const bundled = [`./${name}`, `../${name}`].map((p) => new URL(p, here)).find((u) => fs.existsSync(fileURLToPath(u)));
  return bundled ? { script: bundled, eval: false } : null;
}

let missing = false;

/**
 * Below this size a file is read on the caller's thread: it takes less time than starting a
 * thread. TPW_SPEND_WORKERS=always|never overrides (tests of both paths; a machine where threads
 * misbehave).
 */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export function workersWanted(fileBytes: number): boolean {
  const setting = process.env.TPW_SPEND_WORKERS;
  if (setting === 'never') return false;
  if (setting === 'always') return true;
  return fileBytes >= WORKER_MIN_BYTES;
}

/**
 * A started worker in `role`, or null when workers cannot be used here. `data` goes to the
 * worker as its workerData (beside the role).
 */
export async function startWorker(role: WorkerRole, data: Record<string, unknown> = {}): Promise<Worker | null> {
  if (missing) return null;
  const found = entry();
  if (!found) {
    missing = true;
    return null;
  }
  const options: WorkerOptions = { eval: found.eval, workerData: { ...data, role }, stdout: false, stderr: false };
  let worker: Worker;
  try {
    worker = new Worker(found.script, options);
  } catch {
    missing = true;
    return null;
  }
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => done(false), START_TIMEOUT_MS);
    const onMessage = (m: { type?: string }) => m?.type === 'ready' && done(true);
    const onFail = () => done(false);
    function done(ok: boolean) {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onFail);
      worker.off('exit', onFail);
      resolve(ok);
    }
    worker.on('message', onMessage);
    worker.once('error', onFail);
    worker.once('exit', onFail);
  });
  if (!ready) {
    missing = true;
    void worker.terminate();
    return null;
  }
  return worker;
}
