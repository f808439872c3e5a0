#!/usr/bin/env node
// Fails (exit 1) on any import cycle in main/, renderer/ or shared/. Layering (which folder may
// import which) is checked by eslint's no-restricted-imports rules in eslint.config.js.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCycles } from './lib/import-cycles.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checks = [
  { dirs: ['main', 'shared'], tsConfig: path.join(root, 'tsconfig.node.json') },
  { dirs: ['renderer'], tsConfig: path.join(root, 'tsconfig.renderer.json') },
];
let failed = 0;
for (const c of checks) {
  const cycles = await importCycles(root, c.dirs.map((d) => path.join(root, d)), c.tsConfig);
  for (const cycle of cycles) console.error(`Import cycle: ${[...cycle, cycle[0]].join(' → ')}`);
  failed += cycles.length;
}
if (failed) {
  console.error(`\n${failed} import cycle(s). Break each by moving what both sides need into a lower layer (see README, Architecture).`);
  process.exit(1);
}
console.log('Architecture: no import cycles in main/, shared/ or renderer/.');
