#!/usr/bin/env node
// Bundles the `tpw` command line into out/cli/tpw.mjs (dependencies stay external), so the
// command starts without compiling TypeScript. bin/tpw.js falls back to the sources when stale.
// (esbuild is the compiler tsx itself uses, so it is always installed with tsx.)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [path.join(root, 'main', 'cli', 'tpw.ts')],
  outfile: path.join(root, 'out', 'cli', 'tpw.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
