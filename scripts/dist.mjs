#!/usr/bin/env node
// `npm run dist [-- <electron-builder args>]`: installers for this platform (or as asked).
// Refuses to package unless the Electron-ABI database driver is present and stamped for the
// exact Electron version: a Node-ABI binary in a package would crash the app at start.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildElectronNative, electronNativeReady, electronVersion, root } from './native.mjs';

if (!electronNativeReady()) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
  if (!buildElectronNative()) {
    console.error('\nCannot package: the database driver could not be built for Electron (this needs Electron\'s headers, i.e. internet access).');
    console.error('Nothing was packaged. Run `npm run dist` on a machine with internet access.');
    process.exit(2);
  }
}
const run = (bin, args) => spawnSync(process.execPath, [path.join(root, 'node_modules', ...bin), ...args], { cwd: root, stdio: 'inherit' });
if (run(['electron-vite', 'bin', 'electron-vite.js'], ['build']).status !== 0) process.exit(1);
const r = run(['electron-builder', 'cli.js'], ['--config', 'electron-builder.yml', ...process.argv.slice(2)]);
process.exit(r.status ?? 1);
