#!/usr/bin/env node
// `tpw`. Runs the bundled CLI (out/cli/tpw.mjs, built by `npm run build` / `npm install`) when it
// is newer than every source file; otherwise compiles the TypeScript on the fly with tsx, so a
// checkout never runs stale code.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'out', 'cli', 'tpw.mjs');

// Whether any file under `dir` changed after `built`. Runs on every start, so it stops at the first
// newer file and joins paths by hand (path.join's normalising was a third of its time).
function changedSince(dir, built) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = dir + path.sep + entry.name;
    if (entry.isDirectory() ? changedSince(p, built) : fs.statSync(p).mtimeMs > built) return true;
  }
  return false;
}

function bundleIsFresh() {
  if (process.env.TPW_FROM_SOURCE || !fs.existsSync(bundle)) return false;
  const built = fs.statSync(bundle).mtimeMs;
  return !['main', 'shared'].some((d) => changedSince(path.join(root, d), built));
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../main/cli/tpw.ts'));
}
process.exitCode = await main(process.argv.slice(2));
