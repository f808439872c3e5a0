#!/usr/bin/env node
// Bundles the `tpw` command line into out/cli/ (dependencies stay external), so the command starts
// without compiling TypeScript. bin/tpw.js falls back to the sources when stale.
// (esbuild is the compiler tsx itself uses, so it is always installed with tsx.)
//
// Split at every dynamic import: `tpw --version` and `tpw check` load only out/cli/tpw.mjs and the
// small chunks it imports; the other verbs, the services and their libraries load only when asked.
// Pure-JavaScript libraries that `tpw check` needs (zod for the record rules, re2js, kysely) are
// bundled in: one chunk loads far faster than a hundred files resolved one by one. Everything else
// stays external (native code, or packages that read their own files at run time).
// Built into a fresh folder and swapped in, so a `tpw` running meanwhile never sees half a build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --out <dir>: build elsewhere (tests build their own copy; it must sit inside the checkout so
// the external packages resolve from node_modules).
const outAt = process.argv.indexOf('--out');
const target = outAt > 0 && process.argv[outAt + 1] ? path.resolve(process.argv[outAt + 1]) : path.join(root, 'out', 'cli');
const fresh = `${target}.building-${process.pid}`;
const old = `${target}.old-${process.pid}`;

const BUNDLED = new Set(['zod', 're2js', 'kysely']);
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('node:') || !BUNDLED.has(packageName(a.path)) ? { path: a.path, external: true } : undefined));
  },
};

fs.rmSync(fresh, { recursive: true, force: true });
await build({
  // The spend worker thread's entry sits beside tpw.mjs (main/spend/workers.ts finds it there).
  entryPoints: [path.join(root, 'main', 'cli', 'tpw.ts'), path.join(root, 'main', 'spend', 'spendWorker.ts')],
  outdir: fresh,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [externals],
  sourcemap: 'linked',
  logLevel: 'warning',
});
if (fs.existsSync(target)) fs.renameSync(target, old);
fs.renameSync(fresh, target);
fs.rmSync(old, { recursive: true, force: true });
