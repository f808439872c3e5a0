import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_QUESTION } from '../../shared/domain/pilot';
import { fileRoutes } from '../host/files';
import { startHost } from '../host/server';
import { AppError } from '../../shared/errors';
import { unwrap, str, UsageError, type Verb } from './io';
import { packageRoot } from './root';

const ROOT = packageRoot();
/**
 * The built UI `tpw serve` serves. Only under the test runner (vitest sets VITEST, which the
 * `tpw serve` a test spawns inherits) may TPW_RENDERER_DIR point at a stand-in UI, so a test need
 * not build the real one: the CLI people use always serves the UI it ships with.
 */
export function rendererDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VITEST && env.TPW_RENDERER_DIR ? path.resolve(env.TPW_RENDERER_DIR) : path.join(ROOT, 'out', 'renderer');
}
const RENDERER_DIR = rendererDir();

/** A checkout whose UI was never built (or was cleaned) builds it once, rather than serving nothing. */
function ensureUiBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  process.stderr.write('Building the user interface (first run)…\n');
  const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new AppError('INTERNAL', 'The user interface could not be built; run `npm run build` to see why.');
}

export const initVerb: Verb = {
  words: ['init'],
  usage: 'tpw init --place <name> [--question <text>] [--deadline <YYYY-MM-DD>] [--start <YYYY-MM-DD>]',
  summary: 'Create the database and set up the pilot (or update its place, question and dates)',
  options: { place: { type: 'string' }, question: { type: 'string' }, deadline: { type: 'string' }, start: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const place = str(args, 'place');
    if (!place) throw new UsageError('--place is required');
    const overview = unwrap(await wb!.dispatch('pilot.overview', {}));
    const existing = overview.pilot;
    const pilot = unwrap(
      await wb!.dispatch('pilot.save', {
        rev: existing?.rev ?? null,
        pilot: {
          place,
          question: str(args, 'question') ?? existing?.question ?? DEFAULT_QUESTION,
          reportDeadline: str(args, 'deadline') ?? existing?.reportDeadline ?? null,
          startDate: str(args, 'start') ?? existing?.startDate ?? null,
        },
      }),
    );
    return {
      json: { ...pilot, db: args.dbPath },
      text: `${existing ? 'Updated' : 'Set up'} the pilot for ${pilot.place} in ${args.dbPath}`,
    };
  },
};

// `tpw check` lives in its own light module: the CLI runs it without loading the services.
export { checkVerb } from './checkVerb';

export const serveVerb: Verb = {
  words: ['serve'],
  usage: 'tpw serve [--port <n>]',
  summary: 'Browser mode: serve the app on 127.0.0.1 and print its address (with a one-time sign-in link, new on each run)',
  options: { port: { type: 'string' } },
  needsDb: true,
  // The services run as browser mode: no method may name a file on this computer.
  mode: 'browser',
  async run(args, wb) {
    const portText = str(args, 'port');
    const port = portText === undefined ? 0 : Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
    ensureUiBuilt();
    const host = await startHost({ dispatch: wb!.dispatch, rendererDir: RENDERER_DIR, port, fileRoute: fileRoutes(wb!.ctx, wb!.errorLog), errorLog: wb!.errorLog });
    const line = args.json ? JSON.stringify({ url: host.url, port: host.port, token: host.token }) : `Total Place Workbench is running at ${host.url}\nOpen that address in your browser: it signs in this browser, once. Each run of \`tpw serve\` prints a new sign-in link; a link from an earlier run stops working when the server restarts.\nPress Ctrl+C to stop (signing everyone out).`;
    process.stdout.write(`${line}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => void host.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 'long-running';
  },
};
