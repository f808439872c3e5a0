/** `tpw spend import` and `tpw spend summary` exactly as CLI.md specifies them. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';
import { FIXTURES, writeText } from '../fixtures/spend/make';

let dir: string;
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = path.join(dir, 'w.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const lineCount = () => {
  const r = tpw(['spend', 'files', '--db', db, '--json']);
  return (r.json() as { rows: number }[]).reduce((n, f) => n + f.rows, 0);
};

describe('tpw spend', { timeout: 180_000 }, () => {
  it('imports a published file and prints the contract JSON; the summary follows', () => {
    const r = tpw(['spend', 'import', path.join(FIXTURES, 'nhs_chelsea_westminster_2020-04.csv'), '--org', 'Chelsea and Westminster NHS FT', '--db', db, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = r.json<Record<string, unknown>>();
    // Figures worked out with Python's csv + Decimal on the cp1252 file (see spendFixtures.test.ts).
    expect(out).toMatchObject({ rows: 141, totalPence: 2_196_360_556, skipped: [], encoding: 'windows-1252', headerRow: 1 });
    expect(out.columns).toMatchObject({ date: 'Date Paid', amount: 'amount', supplier: 'Supplier Name' });

    // Global options before the verb work too.
    const s = tpw(['--db', db, '--json', 'spend', 'summary']);
    expect(s.status).toBe(0);
    expect(s.json()).toEqual([
      expect.objectContaining({ organisation: 'Chelsea and Westminster NHS FT', theme: null, year: '2020-21', rows: 141, totalPence: 2_196_360_556 }),
    ]);
    const orgs = tpw(['org', 'list', '--db', db, '--json']).json<{ name: string }[]>();
    expect(orgs.map((o) => o.name)).toEqual(['Chelsea and Westminster NHS FT']);
  });

  it('the same file again for the same org: exit 2, DUPLICATE_IMPORT, nothing added', () => {
    const file = path.join(FIXTURES, 'oxford_expenditure-over-500-jul-sep-2017.csv');
    expect(tpw(['spend', 'import', file, '--org', 'Oxford City Council', '--db', db, '--json']).status).toBe(0);
    const again = tpw(['spend', 'import', file, '--org', 'Oxford City Council', '--db', db, '--json']);
    expect(again.status).toBe(2);
    expect(again.json()).toMatchObject({ error: { code: 'DUPLICATE_IMPORT' } });
    expect(lineCount()).toBe(3259);
  });

  it('bad rows: exit 2 naming the rows, nothing changed; --skip-bad-rows imports the rest', () => {
    const file = writeText(dir, 'bad.csv', 'Date,Supplier,Amount\n01/04/2020,Acme,100.00\n02/04/2020,Bolt,twelve pounds\n03/04/2020,Dyes,25.00\n');
    const refused = tpw(['spend', 'import', file, '--org', 'Anytown', '--db', db]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('row 3 (the amount "twelve pounds" cannot be read as money)');
    expect(refused.stdout).toBe('');
    expect(tpw(['org', 'list', '--db', db, '--json']).json()).toEqual([]);
    const ok = tpw(['spend', 'import', file, '--org', 'Anytown', '--skip-bad-rows', '--db', db, '--json']);
    expect(ok.status).toBe(0);
    expect(ok.json()).toMatchObject({ rows: 2, totalPence: 12_500, skippedBadRows: 1 });
  });

  it('--dry-run reports without saving; usage errors exit 1', () => {
    const file = path.join(FIXTURES, 'trafford_procurement_card_2026-27.csv');
    const dry = tpw(['spend', 'import', file, '--org', 'Trafford Council', '--dry-run', '--db', db, '--json']);
    expect(dry.status).toBe(0);
    expect(dry.json()).toMatchObject({ rows: 2024, totalPence: 49_490_666, dryRun: true, fileId: null });
    expect(tpw(['spend', 'summary', '--db', db, '--json']).json()).toEqual([]);
    expect(tpw(['spend', 'import', file, '--db', db]).status).toBe(1);
    expect(tpw(['spend', 'import', '--org', 'X', '--db', db]).status).toBe(1);
    const missing = tpw(['spend', 'import', path.join(dir, 'nope.csv'), '--org', 'X', '--db', db, '--json']);
    expect(missing.status).toBe(2);
    expect(missing.json()).toMatchObject({ error: { code: 'BAD_FILE' } });
  });

  it('rules from the command line classify the imported lines', () => {
    const file = writeText(dir, 'c.csv', 'Date,Service Area,Supplier,Amount\n01/04/2020,Adult Social Care,Sunny Care,100.00\n02/04/2020,Parks,Green Ltd,5.00\n');
    expect(tpw(['spend', 'import', file, '--org', 'Anytown', '--db', db]).status).toBe(0);
    const add = tpw(['spend', 'rules', 'add', '--field', 'serviceArea', '--op', 'contains', '--pattern', 'social care', '--theme', 'Older people', '--db', db, '--json']);
    expect(add.status, add.stderr).toBe(0);
    expect(add.json()).toMatchObject({ reclassified: 1 });
    expect(tpw(['spend', 'summary', '--db', db, '--json']).json()).toEqual([
      expect.objectContaining({ theme: 'Older people', rows: 1, totalPence: 10_000 }),
      expect.objectContaining({ theme: null, rows: 1, totalPence: 500 }),
    ]);
    const bad = tpw(['spend', 'rules', 'add', '--field', 'colour', '--pattern', 'x', '--theme', 'Older people', '--db', db, '--json']);
    expect(bad.status).toBe(2);
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
