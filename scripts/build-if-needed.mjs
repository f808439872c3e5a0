#!/usr/bin/env node
// Runs on `npm install` (the "prepare" script): builds the UI and the desktop shell so that
// `npx tpw serve` and `npm start` work straight after install. Offline: electron-vite builds
// without the Electron binary.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const cli = r.status === 0 ? spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }) : r;
if (r.status !== 0 || cli.status !== 0) {
  console.error('Building the workbench failed (see above). `npm run build` retries it.');
  process.exit(1);
}
console.log('Total Place Workbench: UI built (out/). Next: `npm start` for the desktop app, or `npx tpw serve` for browser mode.');
