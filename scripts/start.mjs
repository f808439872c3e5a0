#!/usr/bin/env node
// `npm start`: the desktop app. Fetches the Electron runtime on first use where there is
// internet; otherwise says plainly what is missing and how to use browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildElectronNative, electronNativeReady, root } from './native.mjs';

const electronDir = path.join(root, 'node_modules', 'electron');
const distReady = () => fs.existsSync(path.join(electronDir, 'path.txt')) && fs.existsSync(path.join(electronDir, 'dist'));

function browserModeHelp(reason) {
  console.error(`\nThe desktop runtime is not available: ${reason}\n`);
  console.error('You can use the same app in your browser instead (nothing leaves this machine):');
  console.error('    npx tpw serve');
  console.error('then open the address it prints. See README.md, "Browser mode".\n');
  process.exit(1);
}

if (!distReady()) {
  console.log('Fetching the Electron desktop runtime (first run only)…');
  const r = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { cwd: electronDir, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  if (r.status !== 0 || !distReady()) {
    const why = (r.stderr || r.stdout || '').split('\n').find((l) => /Error|error:/.test(l))?.trim();
    browserModeHelp(`the Electron binary is not installed and could not be downloaded (no internet access?)${why ? `\n  (${why})` : ''}.`);
  }
}
if (!electronNativeReady()) {
  console.log('Building the database driver for Electron (first run only)…');
  if (!buildElectronNative()) browserModeHelp('the database driver could not be built for Electron (Electron headers need internet access once).');
}
const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electronBinary = path.join(electronDir, 'dist', fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim());
const child = spawn(electronBinary, [root], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
