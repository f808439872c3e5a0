// The Electron-ABI build of better-sqlite3, kept apart from the Node-ABI one that `npm install`
// builds for tests, the CLI and browser mode (see README, "The native module").
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const electronVersion = pkg.devDependencies.electron;
export const nativeDir = path.join(root, 'build', 'native', 'electron');
export const nativeBinary = path.join(nativeDir, 'better_sqlite3.node');
export const stampFile = path.join(nativeDir, 'BUILT_FOR');

/** True when the Electron-ABI binary exists and was built for exactly this Electron version. */
export function electronNativeReady() {
  if (!fs.existsSync(nativeBinary) || !fs.existsSync(stampFile)) return false;
  return fs.readFileSync(stampFile, 'utf8').trim() === `electron ${electronVersion}`;
}

/**
 * Compiles better-sqlite3 against Electron's headers in a scratch copy (never touching the
 * Node-ABI build in node_modules). Needs Electron's headers, i.e. a machine with internet.
 */
export function buildElectronNative() {
  const src = path.join(root, 'node_modules', 'better-sqlite3');
  const scratch = path.join(root, 'build', 'native', 'scratch');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.cpSync(src, scratch, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const r = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: scratch, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (r.status !== 0) return false;
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(path.join(scratch, 'build', 'Release', 'better_sqlite3.node'), nativeBinary);
  fs.writeFileSync(stampFile, `electron ${electronVersion}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
  return true;
}
