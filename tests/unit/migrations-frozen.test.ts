import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';

/**
 * A migration is frozen the day it ships: the rows it seeds must be the rows it seeded then, so it
 * may not read a live list (seed data, domain enums) that will be edited later. Only main/db and
 * kysely are allowed; anything else must be copied into the migration as literals.
 */
const DB_DIR = path.join(REPO_ROOT, 'main', 'db');
const MIGRATIONS_DIR = path.join(DB_DIR, 'migrations');
const ALLOWED_PACKAGES = new Set(['kysely']);

/** Every module specifier a file refers to: import/export … from, import(), require(), import('x').T. */
function specifiersOf(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteralLike(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      const arg = node.arguments[0];
      found.push(arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed specifier>');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteralLike(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The imports of one migration file that reach outside main/db (or are not kysely). */
function forbiddenImports(file: string, text: string): string[] {
  return specifiersOf(file, text).filter((spec) => {
    if (spec.startsWith('.')) {
      const target = path.resolve(path.dirname(file), spec);
      return !(target + path.sep).startsWith(DB_DIR + path.sep);
    }
    return !ALLOWED_PACKAGES.has(spec);
  });
}

function migrationFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return migrationFiles(full);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

describe('frozen migrations are self-contained', () => {
  it('no file in main/db/migrations imports anything outside main/db except kysely', () => {
    const files = migrationFiles(MIGRATIONS_DIR);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((f) => forbiddenImports(f, fs.readFileSync(f, 'utf8')).map((spec) => `${path.relative(REPO_ROOT, f)} imports ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('the check catches each way of reaching outside (so the test above can fail)', () => {
    const file = path.join(MIGRATIONS_DIR, '0099_example.ts');
    const bad = [
      `import { SEED } from '../../estimates/seeds';`,
      `import type { Sensitivity } from '../../../shared/domain/estimates';`,
      `export { LIST } from '../../learning/queries';`,
      `import fs from 'node:fs';`,
      `import type BetterSqlite3 from 'better-sqlite3';`,
      `const m = await import('../../spend/rules');`,
      `const r = require('zod');`,
      `type T = import('../../pilot/tables').PilotTables;`,
    ];
    for (const line of bad) expect(forbiddenImports(file, line), line).toHaveLength(1);
    const good = [`import type { Migration } from '../migrate';`, `import { sql } from 'kysely';`, `import type { Kysely } from 'kysely';`, `import { m0001_init } from './0001_init';`];
    for (const line of good) expect(forbiddenImports(file, line), line).toEqual([]);
  });
});
