#!/usr/bin/env node
// Static security scan of the Electron shell with @doyensec/electronegativity.
// Fails (exit 1) on any finding of MEDIUM severity or higher that is not in REVIEWED below.
// A reviewed finding names the check, the file, and why it is acceptable; anything new fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = pkg.devDependencies.electron;

const REVIEWED = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/electron/window.ts',
    why: 'The preload exposes only invoke() over one fixed channel and pathForFile(); no Node API reaches the page (tests/unit/security.test.ts).',
  },
];

// Scanned together, so the global checks (navigation limits, permission handler) see the shell
// and the page's CSP at once.
const SOURCES = ['main/electron', 'renderer/index.html'];
const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-egn-src-'));
for (const src of SOURCES) fs.cpSync(path.join(root, src), path.join(scanDir, src), { recursive: true });
const TARGETS = [scanDir];
const SEVERITY = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

let failures = 0;
for (const target of TARGETS) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-egn-')), 'report.csv');
  const bin = path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  const r = spawnSync(process.execPath, [bin, '-i', target, '-e', electronVersion, '-o', out, '-r'], { encoding: 'utf8', timeout: 180_000 });
  if (!fs.existsSync(out)) {
    console.error(`electronegativity did not produce a report for ${target}:\n${r.stdout}\n${r.stderr}`);
    process.exit(1);
  }
  const rows = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  for (const row of rows) {
    const cols = row.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
    const [check, severity, confidence, file, location] = cols;
    const rel = path.isAbsolute(file) ? path.relative(target, file) : file;
    const level = SEVERITY[severity] ?? 3;
    const reviewed = REVIEWED.find((x) => x.check === check && rel.endsWith(x.file));
    const tag = level < SEVERITY.MEDIUM ? 'note    ' : reviewed ? 'reviewed' : 'FAIL    ';
    console.log(`${tag} ${severity.padEnd(6)} ${confidence.padEnd(9)} ${check} ${rel}:${location}${reviewed ? ` — ${reviewed.why}` : ''}`);
    if (level >= SEVERITY.MEDIUM && !reviewed) failures++;
  }
}
if (failures > 0) {
  console.error(`\nSecurity scan: ${failures} finding(s) of medium severity or higher. Fix them, or review and record them in scripts/security-scan.mjs.`);
  process.exit(1);
}
console.log('\nSecurity scan: no unreviewed findings of medium severity or higher.');
