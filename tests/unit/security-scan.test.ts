import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportError, classifyFindings, parseFailures, sameShellFile, toFindings } from '../../scripts/lib/electronegativity-report.mjs';
import { checkShellFiles, checkShellRules } from '../../scripts/lib/shell-rules.mjs';
import { REPO_ROOT } from '../helpers/cli';

// Issues as electronegativity's run() returns them (see scripts/lib/run-electronegativity.mjs).
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:";
const issue = (over: Record<string, unknown> = {}) => ({
  id: 'CSP_GLOBAL_CHECK',
  file: 'renderer/index.html',
  location: { line: 5, column: 0 },
  severity: { value: 1, name: 'LOW' },
  confidence: { value: 1, name: 'FIRM' },
  sample: CSP,
  description: 'One or more CSP directives detected seems to be vulnerable',
  manualReview: true,
  ...over,
});
const preload = issue({
  id: 'PRELOAD_JS_CHECK',
  file: 'main/electron/window.ts',
  location: { line: 52, column: 6 },
  severity: { value: 2, name: 'MEDIUM' },
  sample: "preload: path.join(outDir, 'preload', 'index.cjs'),",
  description: 'Review the use of preload scripts',
});
const REVIEWED = [{ check: 'PRELOAD_JS_CHECK', file: 'main/electron/window.ts', why: 'reviewed' }];

describe('electronegativity findings', () => {
  it('keeps samples with quotes, commas and semicolons intact and reads every field', () => {
    const tricky = 'content="a, \'b\'; c" , "" ,,';
    const findings = toFindings([issue(), preload, issue({ sample: tricky, description: 'Say "no", then, stop' })]);
    expect(findings).toEqual([
      { check: 'CSP_GLOBAL_CHECK', severity: 'LOW', confidence: 'FIRM', file: 'renderer/index.html', line: 5, column: 0, sample: CSP, description: 'One or more CSP directives detected seems to be vulnerable' },
      { check: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'main/electron/window.ts', line: 52, column: 6, sample: "preload: path.join(outDir, 'preload', 'index.cjs'),", description: 'Review the use of preload scripts' },
      expect.objectContaining({ sample: tricky, description: 'Say "no", then, stop', severity: 'LOW' }),
    ]);
  });

  it('accepts a finding with no sample (electronegativity leaves it out for some checks)', () => {
    expect(toFindings([issue({ sample: undefined })])[0]!.sample).toBeNull();
  });

  it('rejects an unknown severity with a message naming the row, instead of treating it as HIGH', () => {
    const bad = issue({ id: 'PRELOAD_JS_CHECK', file: 'main/electron/window.ts', location: { line: 52, column: 6 }, severity: { name: 'SEVERE' } });
    expect(() => toFindings([issue(), bad])).toThrow(ReportError);
    expect(() => toFindings([issue(), bad])).toThrow(/finding #2 \(PRELOAD_JS_CHECK main\/electron\/window\.ts:52:6\): unknown severity "SEVERE"/);
  });

  it('rejects missing or garbled fields and lists every bad row', () => {
    const garbled = { id: 'ne\'; script-src \'self\'', file: 'renderer/index.html', location: { line: 5 }, description: 'x' };
    let message = '';
    try {
      toFindings([garbled, issue({ severity: undefined }), issue({ confidence: { name: 'SURE' } }), issue({ severity: { name: 'constructor' } })]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/4 malformed finding/);
    expect(message).toMatch(/finding #1 .*is not an electronegativity check name.*unknown severity undefined.*unknown confidence undefined.*location .* is not \{ line, column \}/);
    expect(message).toMatch(/finding #2 .*unknown severity undefined/);
    expect(message).toMatch(/finding #3 .*unknown confidence "SURE"/);
    expect(message).toMatch(/finding #4 .*unknown severity "constructor"/);
    expect(() => toFindings(undefined)).toThrow(ReportError);
  });

  it('fails unreviewed findings of MEDIUM or higher, notes the rest', () => {
    const high = issue({ id: 'NODE_INTEGRATION_JS_CHECK', file: 'main/electron/window.ts', severity: { name: 'HIGH' } });
    const otherPreload = { ...preload, file: 'main/api/window.ts' };
    const statuses = classifyFindings(toFindings([issue(), preload, high, otherPreload]), REVIEWED).map((f) => [f.check, f.file, f.status]);
    expect(statuses).toEqual([
      ['CSP_GLOBAL_CHECK', 'renderer/index.html', 'note'],
      ['PRELOAD_JS_CHECK', 'main/electron/window.ts', 'reviewed'],
      ['NODE_INTEGRATION_JS_CHECK', 'main/electron/window.ts', 'fail'],
      ['PRELOAD_JS_CHECK', 'main/api/window.ts', 'fail'],
    ]);
  });

  it('a review follows its file when it moves within main/electron/, not elsewhere', () => {
    expect(sameShellFile('main/electron/window.ts', 'main/electron/window.ts')).toBe(true);
    expect(sameShellFile('main/electron/shell/window.ts', 'main/electron/window.ts')).toBe(true);
    expect(sameShellFile('main/electron/preload.ts', 'main/electron/window.ts')).toBe(false);
    expect(sameShellFile('renderer/window.ts', 'main/electron/window.ts')).toBe(false);
  });

  it('files electronegativity could not parse fail the scan; tolerable warnings do not', () => {
    expect(parseFailures([{ file: 'a.ts', message: 'Unexpected token', tolerable: false }, { file: 'b.ts', message: 'warn', tolerable: true }])).toEqual([
      'electronegativity could not parse a.ts: Unexpected token',
    ]);
    expect(parseFailures(undefined)).toEqual([]);
  });
});

const SECURITY_TS = `
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
} as const;
`;
const WINDOW_TS = `
export function createMainWindow(indexUrl: string) {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(outDir, 'preload', 'index.cjs'),
    },
  });
  // nodeIntegration: true  (a comment must not count)
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url, indexUrl)) event.preventDefault();
  });
  return win;
}
`;
const rules = (security: string, window: string) =>
  checkShellRules({ security: [{ file: 'main/electron/security.ts', text: security }], window: [{ file: 'main/electron/window.ts', text: window }] }).map((v) => v.rule);

describe('our own shell rules', () => {
  it('pass on a locked-down shell', () => {
    expect(rules(SECURITY_TS, WINDOW_TS)).toEqual([]);
  });

  it.each([
    ['nodeIntegration', 'window', 'nodeIntegration: false', 'nodeIntegration: true'],
    ['nodeIntegration', 'security', 'nodeIntegration: false', 'nodeIntegration: process.env.DEV === "1"'],
    ['nodeIntegration', 'window', '      nodeIntegration: false,\n', ''],
    ['sandbox', 'window', 'sandbox: true', 'sandbox: false'],
    ['sandbox', 'security', 'sandbox: true', 'sandbox: !true'],
    ['contextIsolation', 'window', 'contextIsolation: true', 'contextIsolation: false'],
    ['contextIsolation', 'security', '  contextIsolation: true,\n', ''],
    ['webSecurity', 'window', 'webSecurity: true', 'webSecurity: false'],
    ['webSecurity', 'security', 'webSecurity: true', "'webSecurity': false"],
    ['navigationGuard', 'window', 'event.preventDefault()', 'void event'],
    ['navigationGuard', 'window', "on('will-navigate'", "once('will-navigate'"],
    ['navigationGuard', 'window', "'will-navigate'", "'did-navigate'"],
  ] as const)('%s fails when %s.ts has it changed (%s → %s)', (rule, where, from, to) => {
    const src = where === 'window' ? WINDOW_TS : SECURITY_TS;
    expect(src).toContain(from);
    const changed = src.replace(from, to);
    expect(rules(where === 'security' ? changed : SECURITY_TS, where === 'window' ? changed : WINDOW_TS)).toEqual([rule]);
  });

  it('a second BrowserWindow-style object with unsafe values anywhere in window.ts fails too', () => {
    const extra = `${WINDOW_TS}\nexport const devPrefs = { sandbox: false };\n`;
    expect(rules(SECURITY_TS, extra)).toEqual(['sandbox']);
  });

  it('webPreferences spread from WEB_PREFERENCES is checked through security.ts, and later overrides count', () => {
    const spread = WINDOW_TS.replace(/webPreferences: \{[\s\S]*?\n {4}\},/, "webPreferences: { ...WEB_PREFERENCES, preload: 'p.cjs' },");
    expect(rules(SECURITY_TS, spread)).toEqual([]);
    expect(rules(SECURITY_TS.replace('sandbox: true', 'sandbox: false'), spread)).toEqual(['sandbox', 'sandbox']);
    expect(rules(SECURITY_TS, spread.replace('...WEB_PREFERENCES,', '...WEB_PREFERENCES, nodeIntegration: true,'))).toEqual(['nodeIntegration']);
    expect(rules(SECURITY_TS, spread.replace('...WEB_PREFERENCES', '...devPrefs'))).toEqual(['nodeIntegration', 'sandbox', 'contextIsolation']);
  });

  it('missing files or a non-literal webPreferences fail instead of passing silently', () => {
    expect(checkShellRules({ security: [], window: [] }).map((v) => v.rule)).toEqual(['webPreferences', 'webPreferences']);
    expect(rules(SECURITY_TS, WINDOW_TS.replace(/webPreferences: \{[\s\S]*?\n {4}\},/, 'webPreferences: prefs,'))).toEqual(['webPreferences']);
  });

  it('the checkout itself passes (files looked up anywhere under main/electron/)', () => {
    const dir = path.join(REPO_ROOT, 'main', 'electron');
    const find = (name: string) =>
      fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((p) => path.basename(p) === name)
        .map((p) => ({ file: p, text: fs.readFileSync(path.join(dir, p), 'utf8') }));
    const security = find('security.ts');
    const window = find('window.ts');
    expect(security.length).toBeGreaterThan(0);
    expect(window.length).toBeGreaterThan(0);
    expect(checkShellRules({ security, window })).toEqual([]);
  });
});

// A minimal shell with every file-wide rule satisfied.
const SHELL = {
  'main/electron/appProtocol.ts': `export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false } as const;`,
  'main/electron/index.ts': `
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
ipcMain.handle(IPC_CHANNEL, async (event, method, input) => rendererTransport(pilot.workbench.dispatch)(method, input));`,
  'main/electron/window.ts': `export function createMainWindow(url: string) { void win.loadURL(url); }`,
  'main/electron/security.ts': `export const isAllowedRequest = (url: string) => url.startsWith('app:') || url.startsWith('data:');`,
  'main/electron/preload.ts': `contextBridge.exposeInMainWorld('workbench', { platform: 'desktop', invoke: (m, i) => ipcRenderer.invoke(C, m, i), shell: (a) => ipcRenderer.invoke(S, a) });`,
} as const;
type ShellFile = keyof typeof SHELL;
const fileRules = (change: Partial<Record<ShellFile, string>> = {}) =>
  checkShellFiles(Object.entries({ ...SHELL, ...change }).map(([file, text]) => ({ file, text }))).map((v) => v.rule);

describe('our own rules over every file of the shell', () => {
  it('pass on the locked-down shell', () => {
    expect(fileRules()).toEqual([]);
  });

  it.each([
    ['customScheme', 'main/electron/appProtocol.ts', 'bypassCSP: false', 'bypassCSP: true'],
    ['customScheme', 'main/electron/appProtocol.ts', 'corsEnabled: false', 'corsEnabled: true'],
    ['customScheme', 'main/electron/appProtocol.ts', 'secure: true, ', ''],
    ['customScheme', 'main/electron/index.ts', '{ ...APP_SCHEME_PRIVILEGES }', '{ standard: true, secure: true }'],
    ['fileProtocol', 'main/electron/window.ts', 'void win.loadURL(url);', "void win.loadFile('out/renderer/index.html');"],
    ['fileProtocol', 'main/electron/window.ts', 'void win.loadURL(url);', 'void win.loadURL(pathToFileURL(index).toString());'],
    ['fileProtocol', 'main/electron/security.ts', "url.startsWith('data:')", "url.startsWith('file:')"],
    ['invokeAllowList', 'main/electron/index.ts', 'rendererTransport(pilot.workbench.dispatch)(method, input)', 'pilot.workbench.dispatch(method, input)'],
    ['preloadApi', 'main/electron/preload.ts', "shell: (a) => ipcRenderer.invoke(S, a)", 'pathForFile: (f) => webUtils.getPathForFile(f)'],
  ] as const)('%s fails when %s has it changed (%s → %s)', (rule, file, from, to) => {
    expect(SHELL[file]).toContain(from);
    const got = fileRules({ [file]: SHELL[file].replace(from, to) });
    expect(got.length).toBeGreaterThan(0);
    expect(new Set(got)).toEqual(new Set([rule]));
  });

  it('a missing scheme constant, invoke handler or preload fails instead of passing silently', () => {
    expect(checkShellFiles([]).map((v) => v.rule)).toEqual(['customScheme', 'invokeAllowList', 'preloadApi']);
  });

  it('the checkout itself passes', () => {
    const dir = path.join(REPO_ROOT, 'main', 'electron');
    const files = fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((p) => p.endsWith('.ts'))
      .map((p) => ({ file: `main/electron/${p}`, text: fs.readFileSync(path.join(dir, p), 'utf8') }));
    expect(checkShellFiles(files)).toEqual([]);
  });
});

