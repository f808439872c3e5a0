import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layers } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Globals per process. Nothing by default: shared/ (imported by both sides) gets only the ES
  // globals that come with ecmaVersion, so it cannot lean on window, document, process or Buffer.
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // The renderer is a sandboxed web page: browser globals only.
  { files: ['renderer/**'], languageOptions: { globals: { ...globals.browser } } },
  // Node: main process, CLI, scripts, tests and the tool configs at the root.
  { files: ['main/**', 'scripts/**', 'bin/**', 'tests/**', '*.{js,mjs,cjs,ts,mts,cts}'], languageOptions: { globals: { ...globals.node } } },
  // e2e tests also hand callbacks to the page (page.evaluate), which run in the browser.
  { files: ['tests/e2e/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // Layering, process boundaries and node-only packages: see eslint.layers.js.
  ...layers,
);
