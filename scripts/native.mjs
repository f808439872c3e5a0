#!/usr/bin/env node
// The Electron-ABI build of better-sqlite3, kept apart from the Node-ABI one that `npm install`
// builds for tests, the CLI and browser mode (see README, "The native module").
//
//   node scripts/native.mjs           build it unless a build stamped for this Electron, OS and CPU exists
//   node scripts/native.mjs --check   exit 0 when it exists, 1 otherwise (nothing is built)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const electronVersion = pkg.devDependencies.electron;
export const nativeDir = path.join(root, 'build', 'native', 'electron');
export const nativeBinary = path.join(nativeDir, 'better_sqlite3.node');
export const stampFile = path.join(nativeDir, 'BUILT_FOR');

/** What the stamp says for a build made here: the Electron version and the platform it runs on (a binary is per OS and CPU). */
export const stampFor = (platform = process.platform, arch = process.arch) => `electron ${electronVersion} ${platform}-${arch}`;

/** True when the Electron-ABI binary exists and was built for exactly this Electron version, OS and CPU. */
export function electronNativeReady(platform = process.platform, arch = process.arch) {
  if (!fs.existsSync(nativeBinary) || !fs.existsSync(stampFile)) return false;
  return fs.readFileSync(stampFile, 'utf8').trim() === stampFor(platform, arch);
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
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: scratch, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (r.status !== 0) return false;
  fs.mkdirSync(nativeDir, { recursive: true });
  fs.copyFileSync(path.join(scratch, 'build', 'Release', 'better_sqlite3.node'), nativeBinary);
  fs.writeFileSync(stampFile, `${stampFor()}\n`);
  fs.rmSync(scratch, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (electronNativeReady()) {
    console.log(`better-sqlite3 for ${stampFor()}: ready (${path.relative(root, nativeBinary)})`);
  } else if (process.argv.includes('--check')) {
    console.error(`better-sqlite3 for ${stampFor()}: not built. Run \`node scripts/native.mjs\` (needs internet once).`);
    process.exitCode = 1;
  } else {
    console.log(`Building better-sqlite3 for ${stampFor()}…`);
    if (!buildElectronNative()) {
      console.error("The database driver could not be built for Electron (this needs Electron's headers, i.e. internet access).");
      process.exitCode = 2;
    }
  }
}
