/**
 * A large file imported into a small pilot drops the lines' date index and builds it again at the
 * end of the import's transaction (main/spend/importRun.ts), with a small page cache so SQLite
 * sorts in short runs. The index that comes back is the schema's own, whole and used: the lines of
 * a theme by date are the same read through it as read without it. Real SQLite file, real importer.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

const ROWS = 220_000; // about 26 MB: past the size at which the index is rebuilt (200,000 lines guessed at 110 bytes each)

function bigLedger(): string {
  const lines = ['Payment Date,Supplier Name,Service Area,Expense Type,Description,Transaction Number,Amount'];
  for (let i = 0; i < ROWS; i++) {
    const date = `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + ((i >> 5) % 12)).padStart(2, '0')}/${2019 + (i % 3)}`;
    lines.push(`${date},Supplier Number ${i % 300} Limited,${i % 7 ? 'Highways' : 'Adult Social Care'},Repairs and maintenance,Work order ${i % 1000} for the depot,TX${String(i).padStart(8, '0')},${(i % 5000) + 1}.${String(i % 100).padStart(2, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('the date index after a large import', () => {
  let wb: TestWorkbench;
  beforeEach(() => {
    wb = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
  });
  afterEach(async () => {
    await wb.cleanup();
  });

  it('is the schema’s own index again, whole, and reads the same lines as a scan', async () => {
    const before = wb.ctx.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spend_lines' AND sql IS NOT NULL ORDER BY name").all();
    expect(before.length).toBeGreaterThan(0);
    const theme = await wb.call('theme.add', { name: 'Older people' });
    await wb.call('spendRule.add', { field: 'serviceArea', op: 'equals', pattern: 'Adult Social Care', themeId: theme.id });
    const file = writeText(wb.dir, 'big.csv', bigLedger());
    expect(fs.statSync(file).size / 110).toBeGreaterThan(200_000);
    const r = await importFile(wb, file, 'Anytown Council');
    if (!r.ok) throw new Error(r.error.message);
    expect((r.value as { rows: number }).rows).toBe(ROWS);

    const sqlite = wb.ctx.sqlite;
    expect(sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spend_lines' AND sql IS NOT NULL ORDER BY name").all()).toEqual(before);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const q = 'SELECT line_key FROM spend_lines INDEXED BY spend_lines_dated WHERE theme_id = ? AND date >= ? ORDER BY date, line_key LIMIT 500';
    const scan = q.replace('INDEXED BY spend_lines_dated', 'NOT INDEXED');
    const viaIndex = sqlite.prepare(q).pluck().all(theme.id, '2020-06-01');
    expect(viaIndex).toHaveLength(500);
    expect(viaIndex).toEqual(sqlite.prepare(scan).pluck().all(theme.id, '2020-06-01'));
    // Every line is in the index: as many entries as lines.
    expect(sqlite.prepare('SELECT count(*) FROM spend_lines INDEXED BY spend_lines_dated WHERE date > ?').pluck().get('')).toBe(ROWS);
  });
});
