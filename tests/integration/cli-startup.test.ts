/**
 * `tpw` starts quickly because it loads only what a verb needs: `--version` loads no library and
 * `check` only the SQLite driver (its record rules, zod, are bundled into the CLI) — none of the
 * services' libraries (exceljs, age, the spend parsers…); other verbs still work and load them on
 * demand. The timings themselves are printed by `npm run bench -- cli`.
 * And the launchers the installed app carries run the app's own binary with --cli.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../shared/version';
import { LATEST_SCHEMA_VERSION } from '../../main/db/migrations';
import { REPO_ROOT, tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

const HEAVY = ['exceljs', 'age-encryption', 'papaparse', 'iconv-lite', 'chardet', 'tar-stream', 'secure-json-parse', 'docx', 'yazl'];
const bundleDir = path.join(REPO_ROOT, 'out', `.cli-test-${process.pid}`);
let dir: string;
let db: string;

beforeAll(() => {
  const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-cli.mjs'), '--out', bundleDir], { encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
  dir = tempDir('tpw-cli-start-');
  db = path.join(dir, 'w.db');
  expect(tpw(['init', '--place', 'Worcestershire', '--db', db]).status).toBe(0);
}, 120_000);
afterAll(() => {
  fs.rmSync(bundleDir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the bundled CLI, returning its output and the packages it loaded. */
function bundled(args: string[]) {
  const trace = path.join(dir, `trace-${Math.random().toString(36).slice(2)}.txt`);
  const runner = path.join(bundleDir, 'run.mjs');
  if (!fs.existsSync(runner)) fs.writeFileSync(runner, "const { main } = await import('./tpw.mjs');\nprocess.exitCode = await main(process.argv.slice(2));\n");
  const r = spawnSync(process.execPath, ['--import', path.join(REPO_ROOT, 'tests', 'helpers', 'trace-imports.mjs'), runner, ...args], {
    encoding: 'utf8',
    env: { ...process.env, TPW_TRACE_FILE: trace, TPW_DB: '' },
    timeout: 120_000,
  });
  const urls = fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [];
  const packages = new Set(urls.map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter((p): p is string => Boolean(p)));
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, packages };
}

describe('tpw start-up', () => {
  it('--version prints the version and schema, loading no library at all', () => {
    const r = bundled(['--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`tpw ${APP_VERSION} (database schema ${LATEST_SCHEMA_VERSION}, node ${process.versions.node})\n`);
    expect([...r.packages]).toEqual([]);
    const j = bundled(['--version', '--json']);
    expect(JSON.parse(j.stdout)).toEqual({ version: APP_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, runtime: `node ${process.versions.node}` });
  });

  it('check loads only the SQLite driver, and answers as before', () => {
    const r = bundled(['check', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ integrity: 'ok', schemaVersion: LATEST_SCHEMA_VERSION, appVersion: APP_VERSION, db });
    expect([...r.packages]).toEqual(['better-sqlite3']);
    for (const heavy of HEAVY) expect(r.packages.has(heavy), heavy).toBe(false);
  });

  it('other verbs load what they need on demand, and usage errors still list every verb', () => {
    const r = bundled(['spend', 'summary', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.packages.has('exceljs')).toBe(false);
    // Nor the libraries of other capabilities, though every capability's handlers are registered:
    // bundles' encryption and archives, the Word and chart writers, the ZIP reader and writer.
    const others = ['age-encryption', '@noble/curves', '@noble/post-quantum', 'tar-stream', 'docx', 'htmlparser2', '@resvg/resvg-wasm', 'yazl', 'yauzl'];
    expect(others.filter((p) => r.packages.has(p))).toEqual([]);
    const bad = bundled(['check', '--no-such-option']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/Unknown option '--no-such-option'[\s\S]*tpw spend import/);
    const help = bundled(['check', '--help']);
    expect(help.stdout).toMatch(/^Usage: tpw check .*\[--json\]\n {2}Check the database: integrity/);
  });

  it('check on a file that is not there: exit 2, nothing created', () => {
    const missing = path.join(dir, 'missing.db');
    const r = bundled(['check', '--db', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/There is no workbench database at/);
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('the launchers the installed app carries', () => {
  const launcher = path.join(REPO_ROOT, 'build', 'resources', 'bin', 'tpw');
  /** A stand-in for the app's binary that prints the arguments it was given. */
  const fakeApp = (file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\n');
    fs.chmodSync(file, 0o755);
  };
  const install = (root: string, rel: string) => {
    const at = path.join(root, rel);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.copyFileSync(launcher, at);
    fs.chmodSync(at, 0o755);
    return at;
  };
  const run = (file: string, args: string[], env: NodeJS.ProcessEnv) => spawnSync('/bin/sh', [file, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } });

  it('Linux (deb): runs the app binary with --cli, headless when there is no display, and through a symlink on PATH', () => {
    const root = tempDir('tpw-opt-');
    fakeApp(path.join(root, 'total-place-workbench'));
    const at = install(root, 'resources/bin/tpw');
    expect(run(at, ['check', '--json', 'a b'], {}).stdout).toBe('[--ozone-platform=headless][--cli][--][check][--json][a b]');
    expect(run(at, ['--version'], { DISPLAY: ':0' }).stdout).toBe('[--cli][--][--version]');
    const link = path.join(root, 'usr-local-bin', 'tpw');
    fs.mkdirSync(path.dirname(link));
    fs.symlinkSync(at, link);
    expect(run(link, ['check'], { DISPLAY: ':0' }).stdout).toBe('[--cli][--][check]');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('macOS: finds Contents/MacOS from Contents/Resources/bin; says so plainly when the app is missing', () => {
    const root = tempDir('tpw-mac-');
    fakeApp(path.join(root, 'Total Place Workbench.app', 'Contents', 'MacOS', 'Total Place Workbench'));
    const at = install(root, 'Total Place Workbench.app/Contents/Resources/bin/tpw');
    expect(run(at, ['check'], { DISPLAY: ':0' }).stdout).toBe('[--cli][--][check]');
    const lone = install(root, 'elsewhere/a/bin/tpw');
    const r = run(lone, ['check'], {});
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/the Total Place Workbench program was not found/);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
