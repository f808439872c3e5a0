#!/usr/bin/env node
// Child process of scripts/security-scan.mjs: runs @doyensec/electronegativity through its
// programmatic API and writes the result as JSON.
//
//   node scripts/lib/run-electronegativity.mjs <input dir> <electron version> <result.json>
//
// Why not the CLI's `-o report.csv`: electronegativity 1.10.3 writes the CSV header and the rows
// with two concurrent fs.writeFile calls ('w' and 'a' flags), so the header sometimes lands on
// top of the first row (or truncates the rows away). No CSV parser can recover that file. The API
// returns the findings as objects, and the parent validates every field (electronegativity-report.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');

const [input, electronVersion, out] = process.argv.slice(2);
if (!input || !electronVersion || !out) {
  console.error('usage: run-electronegativity.mjs <input dir> <electron version> <result.json>');
  process.exit(2);
}

try {
  // forCli=false: no progress bar or table, and run() returns { issues, errors, ... } instead of printing.
  const result = await run({ input, electronVersionOverride: electronVersion, isRelative: true }, false);
  fs.writeFileSync(out, JSON.stringify(result));
  process.exit(0);
} catch (err) {
  console.error(err instanceof Error ? err.stack : String(err));
  process.exit(1);
}
