// Our own rules for the Electron shell, checked on the source text of main/electron/security.ts
// (WEB_PREFERENCES) and main/electron/window.ts (the BrowserWindow's webPreferences literal and
// the navigation guard). electronegativity reports on some of these, but only as findings we
// could review away; these are hard rules and each violation fails the scan.
//
// Parsed with the TypeScript compiler API rather than regular expressions, so comments, strings
// and formatting do not fool the check.
import ts from 'typescript';

export const RULES = Object.freeze({
  nodeIntegration: 'nodeIntegration must be false',
  sandbox: 'sandbox must be true',
  contextIsolation: 'contextIsolation must be true',
  webSecurity: 'webSecurity must not be disabled',
  navigationGuard: "a 'will-navigate' handler that calls preventDefault() must be present",
  webPreferences: 'the window preferences must be written out as object literals the scan can read',
  customScheme: 'app:// must be a standard, secure scheme that never bypasses the CSP, enables CORS or service workers',
  fileProtocol: 'the window must not load pages from file:// nor let file:// requests through',
  invokeAllowList: "the page's invoke must go through the renderer allow-list (rendererTransport), never straight to the dispatcher",
  preloadApi: 'the preload may expose only platform, invoke and shell, and no file-path API (webUtils)',
});

// Keys that must be present with exactly this literal value in every window-preferences object.
const REQUIRED = Object.freeze({ nodeIntegration: false, sandbox: true, contextIsolation: true });
// Keys that may be left out (Electron's default is safe) but, when present, must be this literal.
const OPTIONAL = Object.freeze({ webSecurity: true });
const RULE_KEYS = [...Object.keys(REQUIRED), ...Object.keys(OPTIONAL)];

const PREFS_CONST = 'WEB_PREFERENCES';
const PREFS_PROPERTY = 'webPreferences';

function unwrap(node) {
  let n = node;
  while (n && (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n) || ts.isTypeAssertionExpression(n))) n = n.expression;
  return n;
}

function nameOf(node) {
  if (!node) return undefined;
  if (ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

function literalValue(node) {
  const n = unwrap(node);
  if (n.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (n.kind === ts.SyntaxKind.FalseKeyword) return false;
  return { text: n.getText() };
}

function walk(node, visit) {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

function parse(source) {
  return ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const lineOf = (sf, node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

/**
 * The properties of an object literal in order, each { key, value (true | false | { text }), line },
 * with spreads of WEB_PREFERENCES expanded from `known`, and any other spread recorded as unknown.
 */
function readObject(sf, obj, known) {
  const props = new Map();
  const unknownSpreads = [];
  for (const p of obj.properties) {
    if (ts.isSpreadAssignment(p)) {
      const from = unwrap(p.expression);
      if (ts.isIdentifier(from) && from.text === PREFS_CONST && known) {
        for (const [k, v] of known.props) props.set(k, v);
      } else {
        unknownSpreads.push(p.expression.getText(sf));
      }
      continue;
    }
    const key = nameOf(p.name);
    if (key === undefined) continue;
    const line = lineOf(sf, p);
    if (ts.isPropertyAssignment(p)) props.set(key, { value: literalValue(p.initializer), line });
    else props.set(key, { value: { text: p.getText(sf) }, line }); // shorthand, method, accessor: not a literal
  }
  return { props, unknownSpreads };
}

const shown = (v) => (typeof v === 'boolean' ? String(v) : v.text);

/** Checks one object's rule keys. `complete` objects must state every REQUIRED key themselves. */
function checkObject(file, line, what, obj, complete) {
  const out = [];
  for (const [key, want] of Object.entries(REQUIRED)) {
    const got = obj.props.get(key);
    if (got === undefined) {
      if (!complete) continue;
      const why = obj.unknownSpreads.length > 0 ? ` (it may come from ...${obj.unknownSpreads.join(', ...')}, which the scan cannot read)` : '';
      out.push({ rule: key, file, line, message: `${what} does not set ${key}: ${want} literally${why}` });
    } else if (got.value !== want) {
      out.push({ rule: key, file, line: got.line, message: `${what} has ${key}: ${shown(got.value)}; it must be the literal ${want}` });
    }
  }
  for (const [key, want] of Object.entries(OPTIONAL)) {
    const got = obj.props.get(key);
    if (got !== undefined && got.value !== want) out.push({ rule: key, file, line: got.line, message: `${what} has ${key}: ${shown(got.value)}; leave it out or set it to ${want}` });
  }
  return out;
}

/** Object literals (other than the named preference objects) that mention any rule key. */
function otherObjectsWithRuleKeys(sf, named) {
  const found = [];
  walk(sf, (n) => {
    if (!ts.isObjectLiteralExpression(n) || named.has(n)) return;
    if (n.properties.some((p) => RULE_KEYS.includes(nameOf(p.name)))) found.push(n);
  });
  return found;
}

/** `<x>.on('will-navigate', (event, ...) => { ... event.preventDefault() ... })` */
function hasNavigationGuard(sf) {
  let found = false;
  walk(sf, (n) => {
    if (found || !ts.isCallExpression(n)) return;
    const callee = n.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'on') return;
    const [event, handler] = n.arguments;
    if (!event || nameOf(event) !== 'will-navigate' || !handler) return;
    const fn = unwrap(handler);
    if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return;
    const param = fn.parameters[0];
    if (!param || !ts.isIdentifier(param.name)) return;
    const eventName = param.name.text;
    walk(fn.body, (m) => {
      if (
        ts.isCallExpression(m) &&
        ts.isPropertyAccessExpression(m.expression) &&
        m.expression.name.text === 'preventDefault' &&
        ts.isIdentifier(m.expression.expression) &&
        m.expression.expression.text === eventName
      ) {
        found = true;
      }
    });
  });
  return found;
}

/**
 * sources.security / sources.window: [{ file, text }] — every copy found (normally one each).
 * Returns the violations, each { rule, file, line, message }; an empty list means the shell passes.
 */
export function checkShellRules(sources) {
  const violations = [];
  const security = sources.security ?? [];
  const windows = sources.window ?? [];
  if (security.length === 0) violations.push({ rule: 'webPreferences', file: 'main/electron/**/security.ts', line: 0, message: 'security.ts was not found, so WEB_PREFERENCES cannot be checked' });
  if (windows.length === 0) violations.push({ rule: 'webPreferences', file: 'main/electron/**/window.ts', line: 0, message: 'window.ts was not found, so the window preferences and the navigation guard cannot be checked' });

  // security.ts: `export const WEB_PREFERENCES = { ... } as const;`
  let known = null;
  const parsed = [];
  for (const src of security) {
    const sf = parse(src);
    parsed.push({ src, sf });
    const named = new Set();
    let declared = 0;
    walk(sf, (n) => {
      if (!ts.isVariableDeclaration(n) || nameOf(n.name) !== PREFS_CONST) return;
      declared++;
      const init = unwrap(n.initializer);
      const line = lineOf(sf, n);
      if (!init || !ts.isObjectLiteralExpression(init)) {
        violations.push({ rule: 'webPreferences', file: src.file, line, message: `${PREFS_CONST} is not an object literal` });
        return;
      }
      named.add(init);
      const obj = readObject(sf, init, null);
      known ??= obj;
      violations.push(...checkObject(src.file, line, PREFS_CONST, obj, true));
    });
    if (declared === 0) violations.push({ rule: 'webPreferences', file: src.file, line: 0, message: `no ${PREFS_CONST} object literal found` });
    for (const o of otherObjectsWithRuleKeys(sf, named)) violations.push(...checkObject(src.file, lineOf(sf, o), 'an object literal', readObject(sf, o, null), false));
  }

  // window.ts: `new BrowserWindow({ ..., webPreferences: { ... } })`
  for (const src of windows) {
    const sf = parse(src);
    parsed.push({ src, sf });
    const named = new Set();
    let declared = 0;
    walk(sf, (n) => {
      if (!ts.isPropertyAssignment(n) || nameOf(n.name) !== PREFS_PROPERTY) return;
      declared++;
      const init = unwrap(n.initializer);
      const line = lineOf(sf, n);
      if (!ts.isObjectLiteralExpression(init)) {
        violations.push({ rule: 'webPreferences', file: src.file, line, message: `${PREFS_PROPERTY} is ${init.getText(sf)}, not an object literal the scan can read` });
        return;
      }
      named.add(init);
      violations.push(...checkObject(src.file, line, PREFS_PROPERTY, readObject(sf, init, known), true));
    });
    if (declared === 0) violations.push({ rule: 'webPreferences', file: src.file, line: 0, message: `no ${PREFS_PROPERTY} object literal found` });
    for (const o of otherObjectsWithRuleKeys(sf, named)) violations.push(...checkObject(src.file, lineOf(sf, o), 'an object literal', readObject(sf, o, known), false));
  }

  if (windows.length > 0 && !parsed.some(({ sf }) => hasNavigationGuard(sf))) {
    violations.push({ rule: 'navigationGuard', file: windows.map((w) => w.file).join(', '), line: 0, message: "no .on('will-navigate', (event, url) => { ... event.preventDefault() ... }) handler found" });
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Rules over every file of the shell (main/electron/**/*.ts): the custom scheme, no file://, the
// invoke allow-list and the preload's surface.

const SCHEME_CONST = 'APP_SCHEME_PRIVILEGES';
const SCHEME_REQUIRED = Object.freeze({ standard: true, secure: true });
const SCHEME_FORBIDDEN = Object.freeze({ bypassCSP: true, corsEnabled: true, allowServiceWorkers: true });
const PRELOAD_KEYS = new Set(['platform', 'invoke', 'shell']);

const isCall = (n, name) => ts.isCallExpression(n) && ((ts.isIdentifier(n.expression) && n.expression.text === name) || (ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === name));
const isStringish = (n) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n);

/** Scheme privileges: the named constant must be a literal with the required keys; no literal anywhere may set a forbidden one. */
function checkScheme(parsed, violations) {
  let declared = 0;
  for (const { src, sf } of parsed) {
    walk(sf, (n) => {
      if (ts.isVariableDeclaration(n) && nameOf(n.name) === SCHEME_CONST) {
        declared++;
        const init = unwrap(n.initializer);
        if (!init || !ts.isObjectLiteralExpression(init)) {
          violations.push({ rule: 'customScheme', file: src.file, line: lineOf(sf, n), message: `${SCHEME_CONST} is not an object literal` });
          return;
        }
        const obj = readObject(sf, init, null);
        for (const [key, want] of Object.entries(SCHEME_REQUIRED)) {
          if (obj.props.get(key)?.value !== want) violations.push({ rule: 'customScheme', file: src.file, line: lineOf(sf, n), message: `${SCHEME_CONST} must set ${key}: ${want}` });
        }
      }
      if (ts.isObjectLiteralExpression(n)) {
        const obj = readObject(sf, n, null);
        for (const [key, bad] of Object.entries(SCHEME_FORBIDDEN)) {
          const got = obj.props.get(key);
          if (got && got.value !== !bad) violations.push({ rule: 'customScheme', file: src.file, line: got.line, message: `${key}: ${shown(got.value)}; it must be left out or false` });
        }
      }
      // registerSchemesAsPrivileged([{ scheme, privileges: <must come from APP_SCHEME_PRIVILEGES> }])
      if (isCall(n, 'registerSchemesAsPrivileged')) {
        walk(n, (m) => {
          if (!ts.isPropertyAssignment(m) || nameOf(m.name) !== 'privileges') return;
          const v = unwrap(m.initializer);
          const fromConst = (ts.isIdentifier(v) && v.text === SCHEME_CONST) || (ts.isObjectLiteralExpression(v) && v.properties.length === 1 && ts.isSpreadAssignment(v.properties[0]) && unwrap(v.properties[0].expression).getText(sf) === SCHEME_CONST);
          if (!fromConst) violations.push({ rule: 'customScheme', file: src.file, line: lineOf(sf, m), message: `privileges must be ${SCHEME_CONST} (so the scan can check them), not ${v.getText(sf)}` });
        });
      }
    });
  }
  if (declared === 0) violations.push({ rule: 'customScheme', file: 'main/electron/**', line: 0, message: `no ${SCHEME_CONST} object literal found` });
}

/** No loadFile, no file: URLs in the window's own files (the hidden print window in platform.ts has a session of its own). */
function checkNoFileProtocol(parsed, violations) {
  for (const { src, sf } of parsed) {
    const base = src.file.split('/').pop();
    if (base !== 'window.ts' && base !== 'security.ts' && base !== 'index.ts') continue;
    walk(sf, (n) => {
      if (isCall(n, 'loadFile') || isCall(n, 'pathToFileURL')) violations.push({ rule: 'fileProtocol', file: src.file, line: lineOf(sf, n), message: `${n.expression.getText(sf)}(…): the window loads app:// pages only` });
      if (isStringish(n) && /^file:/i.test(n.text)) violations.push({ rule: 'fileProtocol', file: src.file, line: lineOf(sf, n), message: `"${n.text}": file:// must not be loaded or let through` });
    });
  }
}

/** The file that answers the page's invoke channel must wrap the dispatcher in rendererTransport and call no .dispatch() itself. */
function checkInvokeAllowList(parsed, violations) {
  let handled = 0;
  for (const { src, sf } of parsed) {
    let registers = null;
    let wraps = false;
    const direct = [];
    walk(sf, (n) => {
      if (isCall(n, 'handle') && ts.isPropertyAccessExpression(n.expression) && n.expression.expression.getText(sf) === 'ipcMain' && n.arguments[0]?.getText(sf) === 'IPC_CHANNEL') registers ??= n;
      if (isCall(n, 'rendererTransport')) wraps = true;
      if (isCall(n, 'dispatch') && ts.isPropertyAccessExpression(n.expression)) direct.push(n);
    });
    if (!registers) continue;
    handled++;
    if (!wraps) violations.push({ rule: 'invokeAllowList', file: src.file, line: lineOf(sf, registers), message: 'ipcMain.handle(IPC_CHANNEL, …) is registered here but rendererTransport(…) is never called' });
    for (const d of direct) violations.push({ rule: 'invokeAllowList', file: src.file, line: lineOf(sf, d), message: `${d.getText(sf).slice(0, 60)}: the page's calls must not reach the dispatcher directly` });
  }
  if (handled === 0) violations.push({ rule: 'invokeAllowList', file: 'main/electron/**', line: 0, message: 'no ipcMain.handle(IPC_CHANNEL, …) found, so the allow-list cannot be checked' });
}

/** preload.ts: exposeInMainWorld('workbench', { platform, invoke, shell }) and no webUtils. */
function checkPreload(parsed, violations) {
  const preloads = parsed.filter(({ src }) => src.file.split('/').pop() === 'preload.ts');
  if (preloads.length === 0) violations.push({ rule: 'preloadApi', file: 'main/electron/**/preload.ts', line: 0, message: 'preload.ts was not found' });
  for (const { src, sf } of preloads) {
    walk(sf, (n) => {
      if (ts.isIdentifier(n) && (n.text === 'webUtils' || n.text === 'getPathForFile')) violations.push({ rule: 'preloadApi', file: src.file, line: lineOf(sf, n), message: `${n.text}: the page must never learn or name file paths` });
      if (isCall(n, 'exposeInMainWorld')) {
        const api = n.arguments[1] && unwrap(n.arguments[1]);
        if (!api || !ts.isObjectLiteralExpression(api)) {
          violations.push({ rule: 'preloadApi', file: src.file, line: lineOf(sf, n), message: 'exposeInMainWorld must be given an object literal the scan can read' });
          return;
        }
        for (const p of api.properties) {
          const key = nameOf(p.name);
          if (!key || !PRELOAD_KEYS.has(key)) violations.push({ rule: 'preloadApi', file: src.file, line: lineOf(sf, p), message: `exposes ${key ?? p.getText(sf)}; only ${[...PRELOAD_KEYS].join(', ')} may reach the page` });
        }
      }
    });
  }
}

/** sources: every .ts file under main/electron/ as { file, text }. Returns the violations (empty = pass). */
export function checkShellFiles(sources) {
  const parsed = sources.map((src) => ({ src, sf: parse(src) }));
  const violations = [];
  checkScheme(parsed, violations);
  checkNoFileProtocol(parsed, violations);
  checkInvokeAllowList(parsed, violations);
  checkPreload(parsed, violations);
  return violations;
}
