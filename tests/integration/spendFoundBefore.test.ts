/**
 * A search's count is remembered on the read connection until the data changes (issue 19: the
 * next page of a search at a million lines no longer reads every line again). Real SQLite files:
 * one connection writing, one reading, as the workbench has them.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foundBefore, type Found } from '../../main/spend/foundBefore';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

describe('a count remembered on the read connection', () => {
  let dir: string;
  let writer: BetterSqlite3.Database;
  let reader: BetterSqlite3.Database;
  beforeEach(() => {
    dir = tempDir('tpw-found-');
    writer = new BetterSqlite3(path.join(dir, 'w.db'));
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE t (v TEXT); INSERT INTO t VALUES (\'care\'), (\'roof\')');
    reader = new BetterSqlite3(path.join(dir, 'w.db'), { readonly: true });
  });
  afterEach(() => {
    reader.close();
    writer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const counter = (db: BetterSqlite3.Database) => {
    const calls: string[] = [];
    return {
      calls,
      count: (word: string) => () => {
        calls.push(word);
        return { n: (db.prepare('SELECT count(*) AS n FROM t WHERE v LIKE ?').get(`%${word}%`) as { n: number }).n, p: 0, keys: null } satisfies Found;
      },
    };
  };

  it('counts a selection once, until another connection commits', async () => {
    const c = counter(reader);
    expect((await foundBefore(reader, 'care', c.count('care'))).n).toBe(1);
    expect((await foundBefore(reader, 'care', c.count('care'))).n).toBe(1);
    expect((await foundBefore(reader, 'roof', c.count('roof'))).n).toBe(1);
    expect(c.calls).toEqual(['care', 'roof']);
    writer.exec("INSERT INTO t VALUES ('home care')");
    expect((await foundBefore(reader, 'care', c.count('care'))).n).toBe(2);
    expect((await foundBefore(reader, 'roof', c.count('roof'))).n).toBe(1);
    expect(c.calls).toEqual(['care', 'roof', 'care', 'roof']);
  });

  it('never remembers on a connection that writes (its own commits would not show)', async () => {
    const c = counter(writer);
    expect((await foundBefore(writer, 'care', c.count('care'))).n).toBe(1);
    writer.exec("INSERT INTO t VALUES ('home care')");
    expect((await foundBefore(writer, 'care', c.count('care'))).n).toBe(2);
    expect(c.calls).toEqual(['care', 'care']);
  });

  it('keeps the sixteen most recently used selections', async () => {
    const c = counter(reader);
    for (let i = 0; i < 17; i++) await foundBefore(reader, `s${i}`, c.count(`s${i}`));
    await foundBefore(reader, 's16', c.count('s16')); // remembered
    await foundBefore(reader, 's0', c.count('s0')); // the oldest, forgotten when the seventeenth came
    expect(c.calls.slice(17)).toEqual(['s0']);
  });
});

describe('a search through the workbench', () => {
  let wb: TestWorkbench;
  beforeEach(() => {
    wb = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
  });
  afterEach(async () => {
    await wb.cleanup();
  });

  it('counts again after an import, a manual theme and a file removed', async () => {
    const first = await importFile(wb, writeText(wb.dir, 'a.csv', 'Date,Supplier,Amount\n01/04/2020,Sunny Care,10.00\n02/04/2020,Bolt Builders,250.00\n'), 'Anytown Council');
    if (!first.ok) throw new Error(first.error.message);
    const found = async (input: object = {}) => {
      const page = await wb.call('spend.lines', { q: 'care', ...input });
      return [page.total, page.totalPence, page.lines.map((l) => l.supplier)];
    };
    expect(await found()).toEqual([1, 1_000, ['Sunny Care']]);
    expect(await found({ offset: 1 })).toEqual([1, 1_000, []]);

    const second = await importFile(wb, writeText(wb.dir, 'b.csv', 'Date,Supplier,Amount\n03/04/2020,Care Direct,99.50\n'), 'Kingston Council');
    if (!second.ok) throw new Error(second.error.message);
    expect(await found()).toEqual([2, 10_950, ['Sunny Care', 'Care Direct']]);

    const theme = await wb.call('theme.add', { name: 'Adult social care' });
    const line = (await wb.call('spend.lines', { q: 'direct' })).lines[0]!;
    expect(await found({ theme: 'unclassified' })).toEqual([2, 10_950, ['Sunny Care', 'Care Direct']]);
    await wb.call('spend.setLineTheme', { lineKeys: [line.lineKey], themeId: theme.id });
    expect(await found({ theme: 'unclassified' })).toEqual([1, 1_000, ['Sunny Care']]);

    await wb.call('spend.deleteFile', { id: (second.value as { fileId: string }).fileId });
    expect(await found()).toEqual([1, 1_000, ['Sunny Care']]);
  });
});
