// Which folder may import which: the layering of ARCHITECTURE.md, enforced by eslint's
// no-restricted-imports (regexes over the import specifier). Checked by tests/unit/architecture.test.ts.
//
//   shared/  ←  db/  ←  core/  ←  bundle/  ←  <capability>/  ←  api/  ←  host/, cli/ root, electron/
//
// A capability reads another only through that one's queries.ts (records.ts and tables.ts are
// declarations core/ assembles). renderer/ knows only shared/ and the browser.

const CAPABILITIES = ['pilot', 'hypotheses', 'evidence', 'spend', 'estimates', 'learning', 'momentum', 'dashboard', 'report', 'exchange', 'records', 'system', 'search', 'team', 'baseline', 'demo', 'privacy'];
const caps = CAPABILITIES.join('|');
// Packages that only run in Node (native, file system, or too heavy for a page).
const NODE_ONLY = ['better-sqlite3', 'exceljs', 'papaparse', 'age-encryption', 'tar-stream', 'secure-json-parse', 'chardet', 'iconv-lite', 'kysely', 'electron', 'madge'];

const up = String.raw`^(\.\./)+`;
const rule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const p = (regex, message) => ({ regex, message });

const nodeOnly = p(`^(node:|(${['fs', 'path', 'os', 'child_process', 'crypto', 'stream', 'url', 'util', 'worker_threads'].join('|')})$|(${NODE_ONLY.join('|')})(/|$))`, 'Node-only module: it cannot run in this layer.');
const mainFrom = (what) => p(`${up}main/`, `${what} must not import main/: go through the contract.`);

export const layers = [
  {
    files: ['shared/**/*.ts'],
    rules: rule(nodeOnly, mainFrom('shared/'), p(`${up}renderer/`, 'shared/ must not import renderer/.')),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: rule(nodeOnly, mainFrom('The renderer')),
  },
  {
    files: ['main/db/**/*.ts'],
    rules: rule(p(`${up}(core|api|host|cli|electron|bundle|${caps})(/|$)`, 'main/db is the lowest layer of main/: it imports only shared/ and itself.')),
  },
  {
    files: ['main/core/**/*.ts'],
    rules: rule(
      p(`${up}(api|host|cli|electron|bundle)(/|$)`, 'main/core sits below bundle/, the capabilities and the transports.'),
      p(`${up}(${caps})/(?!(tables|records)$)`, 'main/core may only assemble the capabilities’ tables.ts and records.ts.'),
    ),
  },
  {
    files: ['main/bundle/**/*.ts'],
    rules: rule(p(`${up}(api|host|cli|electron|${caps})(/|$)`, 'main/bundle is format and crypto machinery: it imports no capability or transport.')),
  },
  {
    files: CAPABILITIES.map((c) => `main/${c}/**/*.ts`),
    rules: rule(
      p(`${up}(api|host|electron)(/|$)`, 'A capability must not import the dispatcher, the HTTP host or the Electron shell.'),
      p(`${up}cli/(?!(io|lookups)$)`, 'A capability may use cli/io and cli/lookups for its verbs, not the CLI root.'),
      p(`${up}(${caps})/(?!queries$)`, 'Read another capability only through its queries.ts.'),
    ),
  },
  {
    files: ['main/api/**/*.ts'],
    rules: rule(p(`${up}(host|cli|electron)(/|$)`, 'main/api is called by the transports; it does not import them.')),
  },
  {
    files: ['main/host/**/*.ts'],
    rules: rule(p(`${up}(cli|electron)(/|$)`, 'The HTTP host must not import the CLI or the Electron shell.')),
  },
];
