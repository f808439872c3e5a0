/**
 * The shape of the code is checked, not just described: import cycles (madge) and the layering
 * rules of eslint.layers.js. Each rule is shown to fire on a violating import, so a rule that
 * stopped matching would fail here rather than pass silently.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs helper shared with scripts/check-architecture.mjs
import { importCycles } from '../../scripts/lib/import-cycles.mjs';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import cycles', () => {
  it('finds a cycle, including one closed by a type-only import', async () => {
    const dir = path.join(root, 'tests/fixtures/architecture/cycle');
    const cycles: string[][] = await importCycles(dir, [dir], path.join(root, 'tsconfig.node.json'));
    expect(cycles).toHaveLength(1);
    expect([...cycles[0]!].sort()).toEqual(['a.ts', 'b.ts']);
  });

  it('main/ and shared/ have none', async () => {
    const cycles = await importCycles(root, [path.join(root, 'main'), path.join(root, 'shared')], path.join(root, 'tsconfig.node.json'));
    expect(cycles).toEqual([]);
  }, 60_000);
});

describe('layering', () => {
  const cases: [string, string, RegExp][] = [
    ['main/db/records.ts', "import { x } from '../core/context';", /lowest layer/],
    ['main/db/migrations/0009_x.ts', "import { x } from '../../evidence/tables';", /lowest layer/],
    ['main/core/context.ts', "import { x } from '../evidence/service';", /tables.ts and records.ts/],
    ['main/core/context.ts', "import { x } from '../api/dispatcher';", /sits below/],
    ['main/bundle/pack.ts', "import { x } from '../exchange/service';", /machinery/],
    ['main/evidence/service.ts', "import { x } from '../api/dispatcher';", /dispatcher/],
    ['main/evidence/service.ts', "import { x } from '../host/server';", /HTTP host/],
    ['main/evidence/verbs.ts', "import { x } from '../cli/tpw';", /CLI root/],
    ['main/report/sections/spend.ts', "import { x } from '../../spend/import';", /queries\.ts/],
    ['main/api/dispatcher.ts', "import { x } from '../cli/tpw';", /transports/],
    ['main/host/server.ts', "import { x } from '../electron/window';", /HTTP host/],
    ['shared/calc/x.ts', "import fs from 'node:fs';", /Node-only/],
    ['shared/calc/x.ts', "import ExcelJS from 'exceljs';", /Node-only/],
    ['shared/calc/x.ts', "import { x } from '../../main/db/ids';", /must not import main/],
    ['renderer/app/x.ts', "import Papa from 'papaparse';", /Node-only/],
    ['renderer/app/x.ts', "import { x } from '../../main/api/dispatcher';", /must not import main/],
  ];
  it.each(cases)('%s: %s is refused', async (file, source, message) => {
    const messages = await restrictedImports(file, source);
    expect(messages.join('\n')).toMatch(message);
  });

  const allowed: [string, string][] = [
    ['main/report/sections/spend.ts', "import { x } from '../../spend/queries';"],
    ['main/evidence/verbs.ts', "import { x } from '../cli/io';"],
    ['main/core/database.ts', "import type { x } from '../evidence/tables';"],
    ['main/db/records.ts', "import { x } from '../../shared/errors';"],
    ['renderer/app/x.ts', "import { x } from '../../shared/contract';"],
  ];
  it.each(allowed)('%s: %s is allowed', async (file, source) => {
    expect(await restrictedImports(file, source)).toEqual([]);
  });
});
