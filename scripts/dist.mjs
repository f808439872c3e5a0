#!/usr/bin/env node
// `npm run dist [-- <electron-builder args>]`: installers for this platform (or as asked), e.g.
//   npm run dist -- --dir                 an unpacked app only (quick check on a machine with internet)
//   npm run dist -- --win msi nsis portable
// Refuses to package unless the Electron-ABI database driver is present and stamped for the exact
// Electron version, OS and CPU: a Node-ABI binary in a package would crash the app at start.
// Packages with the effective configuration (electron-builder.yml + signing from the environment).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { effectiveBuildConfig } from './lib/build-config.mjs';
import { buildElectronNative, electronNativeReady, stampFor, root } from './native.mjs';

if (!electronNativeReady()) {
  console.log(`Building better-sqlite3 for ${stampFor()}…`);
  if (!buildElectronNative()) {
    console.error('\nCannot package: the database driver could not be built for Electron (this needs Electron\'s headers, i.e. internet access).');
    console.error('Nothing was packaged. Run `npm run dist` on a machine with internet access.');
    process.exit(2);
  }
}
const { config, signing } = await effectiveBuildConfig(root);
for (const line of signing) console.log(`Signing — ${line}`);
const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-dist-')), 'electron-builder.json');
fs.writeFileSync(configFile, JSON.stringify(config, null, 2));

const run = (bin, args) => spawnSync(process.execPath, [path.join(root, 'node_modules', ...bin), ...args], { cwd: root, stdio: 'inherit' });
try {
  if (run(['electron-vite', 'bin', 'electron-vite.js'], ['build']).status !== 0) process.exitCode = 1;
  else process.exitCode = run(['electron-builder', 'cli.js'], ['--config', configFile, '--publish', 'never', ...process.argv.slice(2)]).status ?? 1;
} finally {
  fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
}
