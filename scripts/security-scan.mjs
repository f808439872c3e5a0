#!/usr/bin/env node
// Static security scan of the Electron shell. Two parts, both must pass (exit 1 otherwise):
//
// 1. Our own rules (scripts/lib/shell-rules.mjs), read from the source of main/electron/**/security.ts
//    and main/electron/**/window.ts: nodeIntegration false, sandbox true, contextIsolation true,
//    webSecurity not disabled, and a 'will-navigate' guard that calls preventDefault(); and from
//    every file under main/electron/: app:// registered as a standard, secure scheme that never
//    bypasses the CSP, no file:// for the window, the page's invoke only through the allow-list
//    (rendererTransport), and a preload that exposes no file-path API.
// 2. @doyensec/electronegativity: any finding of MEDIUM severity or higher that is not in REVIEWED.
//    A reviewed finding names the check, the file, and why it is acceptable; anything new fails.
//    A finding whose fields are not what we expect (unknown severity, say) stops the scan with a
//    message naming it (scripts/lib/electronegativity-report.mjs).
//
//   node scripts/security-scan.mjs [--root <dir>]
//
// --root scans a copy of the sources instead of this checkout (it needs main/electron/ and
// renderer/index.html); the tests use it to show each rule failing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportError, classifyFindings, parseFailures, toFindings } from './lib/electronegativity-report.mjs';
import { RULES, checkShellFiles, checkShellRules } from './lib/shell-rules.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArgs(argv) {
  let srcRoot = root;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root' && argv[i + 1]) srcRoot = path.resolve(argv[++i]);
    else if (argv[i]?.startsWith('--root=')) srcRoot = path.resolve(argv[i].slice('--root='.length));
    else {
      console.error(`usage: node scripts/security-scan.mjs [--root <dir>]   (unknown argument: ${argv[i]})`);
      process.exit(2);
    }
  }
  return { srcRoot };
}

const { srcRoot } = parseArgs(process.argv.slice(2));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const electronVersion = pkg.devDependencies.electron;

const REVIEWED = [
  {
    check: 'PRELOAD_JS_CHECK',
    file: 'main/electron/window.ts', // also matches window.ts moved elsewhere under main/electron/
    why: 'The preload exposes only invoke() (allow-listed in main) and shell() over two fixed channels; no Node or path API reaches the page (shell rule preloadApi; tests/unit/security.test.ts).',
  },
];

const SHELL_DIR = path.join('main', 'electron');
const rel = (p) => path.relative(srcRoot, p).split(path.sep).join('/');

/** Every file called `name` under main/electron/ (the shell's files may move within it). */
function findShellFiles(name) {
  const dir = path.join(srcRoot, SHELL_DIR);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

const readSources = (name) => findShellFiles(name).map((p) => ({ file: rel(p), text: fs.readFileSync(p, 'utf8') }));

let failures = 0;
const tmpDirs = [];

try {
  // 1. Our own rules.
  const security = readSources('security.ts');
  const windows = readSources('window.ts');
  console.log(`Shell rules: ${[...security, ...windows].map((s) => s.file).join(', ') || `nothing found under ${SHELL_DIR}`}`);
  const shellFiles = fs.existsSync(path.join(srcRoot, SHELL_DIR))
    ? fs
        .readdirSync(path.join(srcRoot, SHELL_DIR), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.ts'))
        .map((e) => path.join(e.parentPath ?? e.path, e.name))
        .sort()
        .map((p) => ({ file: rel(p), text: fs.readFileSync(p, 'utf8') }))
    : [];
  const violations = [...checkShellRules({ security, window: windows }), ...checkShellFiles(shellFiles)];
  for (const v of violations) console.log(`FAIL     rule ${v.rule} (${RULES[v.rule] ?? v.rule}): ${v.message} — ${v.file}${v.line ? `:${v.line}` : ''}`);
  if (violations.length === 0) console.log(`ok       ${Object.values(RULES).join('; ')}`);
  failures += violations.length;

  // 2. electronegativity, on the shell and the page together so the global checks (navigation
  // limits, permission handler) see the shell and the page's CSP at once.
  const SOURCES = [SHELL_DIR, path.join('renderer', 'index.html')];
  const scanDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-egn-src-'));
  tmpDirs.push(scanDir);
  for (const src of SOURCES) {
    if (!fs.existsSync(path.join(srcRoot, src))) throw new ReportError(`${src} is missing under ${srcRoot}; the scan cannot run.`);
    fs.cpSync(path.join(srcRoot, src), path.join(scanDir, src), { recursive: true });
  }
  const resultFile = path.join(scanDir, '..', `${path.basename(scanDir)}.json`);
  tmpDirs.push(resultFile);
  const r = spawnSync(process.execPath, [path.join(here, 'lib', 'run-electronegativity.mjs'), scanDir, electronVersion, resultFile], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0 || !fs.existsSync(resultFile)) {
    throw new ReportError(`electronegativity did not finish (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const msg of parseFailures(result.errors)) {
    console.log(`FAIL     ${msg}`);
    failures++;
  }
  for (const f of classifyFindings(toFindings(result.issues), REVIEWED)) {
    const tag = { note: 'note    ', reviewed: 'reviewed', fail: 'FAIL    ' }[f.status];
    console.log(`${tag} ${f.severity.padEnd(6)} ${f.confidence.padEnd(9)} ${f.check} ${f.file}:${f.line}:${f.column}${f.review ? ` — ${f.review.why}` : ''}`);
    if (f.status === 'fail') failures++;
  }
} catch (err) {
  if (!(err instanceof ReportError)) throw err;
  console.error(`\nSecurity scan: ${err.message}`);
  process.exitCode = 1;
} finally {
  for (const p of tmpDirs) fs.rmSync(p, { recursive: true, force: true });
}

if (process.exitCode === 1) {
  // already explained above
} else if (failures > 0) {
  console.error(`\nSecurity scan: ${failures} failure(s). Fix them; an electronegativity finding may instead be reviewed and recorded in scripts/security-scan.mjs.`);
  process.exitCode = 1;
} else {
  console.log('\nSecurity scan: shell rules hold; no unreviewed electronegativity findings of medium severity or higher.');
}
