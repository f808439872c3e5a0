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

// zod's `z` is a namespace of everything zod has — its 60-odd locales, JSON-Schema conversion —
// and esbuild cannot leave out what a namespace object holds: that made zod 750 kB of the bundle,
// parsed by every verb that checks input (tpw check among them; about 40 ms). The sources' `z` is
// instead an object of just the members they name (`z.string`, `z.object`, …: every `z.<name>` in
// main/ and shared/, found when building, so a new use is picked up by the next build, which
// bin/tpw.js runs before any changed source). Code never passes `z` around whole or indexes it
// (`z[name]`): that would need the full namespace back.
const sourceFiles = (dir) =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
const zodMembers = async () => {
  const { z } = await import('zod');
  const named = new Set(['main', 'shared'].flatMap((d) => sourceFiles(path.join(root, d))).flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\bz\s*\.\s*([A-Za-z_$][\w$]*)/g)].map((m) => m[1])));
  return [...named].filter((n) => n in z).sort();
};
const slimZod = {
  name: 'slim-zod',
  setup(b) {
    b.onResolve({ filter: /^zod$/ }, (a) => (a.namespace === 'slim-zod' ? undefined : { path: 'zod', namespace: 'slim-zod' }));
    b.onLoad({ filter: /.*/, namespace: 'slim-zod' }, async () => {
      const names = await zodMembers();
      return {
        contents: `import { ${names.map((n, i) => `${n} as m${i}`).join(', ')} } from 'zod';\nexport const z = Object.freeze({ ${names.map((n, i) => `${JSON.stringify(n)}: m${i}`).join(', ')} });\n`,
        resolveDir: root,
        loader: 'js',
      };
    });
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
  plugins: [slimZod, externals],
  sourcemap: 'linked',
  logLevel: 'warning',
});
if (fs.existsSync(target)) fs.renameSync(target, old);
fs.renameSync(fresh, target);
fs.rmSync(old, { recursive: true, force: true });
