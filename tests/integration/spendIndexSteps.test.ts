/**
 * The app's background indexer files a spend file's suppliers and descriptions for search a step
 * at a time on the read connection (main/search/spendIndex.ts), so the window's thread serves pages
 * in between; grouping a million lines in one go held it for a second after each large import.
 * In steps it must file exactly what one pass files, skip a file deleted meanwhile, and the app
 * must still do it by itself after an import. Real SQLite files, the real importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { indexSpendFiles, indexSpendFilesInSteps } from '../../main/search/spendIndex';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

const ROWS = 3000;

/**
 * Suppliers spelt several ways (case, spaces, letters outside ASCII, which lower() leaves alone),
 * the spelling that names each group (the first in SQLite's order) only appearing late in the file.
 */
function ledger(): string {
  const lines = ['Date,Supplier,Description,Amount'];
  for (let i = 0; i < ROWS; i++) {
    const late = i > 2000;
    // Beyond U+FFFF and just below it (🏠, Ａ): JavaScript and SQLite order them differently.
    const supplier = [late ? 'ACME LTD' : 'acme ltd', ' Acme Ltd ', late ? 'Émile & Co' : 'émile & co', `Supplier ${i % 37}`, i % 2 ? '🏠 Homes' : 'Ａ Homes'][i % 5]!;
    const description = i % 5 === 0 ? '' : [`Works order ${i % 11}`, late ? 'HOME CARE' : 'Home care'][i % 2]!;
    lines.push(`${String(1 + (i % 28)).padStart(2, '0')}/04/2020,"${supplier}",${description},${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}`);
  }
  return `${lines.join('\n')}\n`;
}

const dump = (db: BetterSqlite3.Database) => ({
  names: db.prepare('SELECT kind, organisation_id, name_key, name, n, pence FROM search_spend_names ORDER BY kind, name_key').raw().all(),
  parts: db
    .prepare('SELECT s.kind, s.name_key, f.file_no, f.n, f.pence FROM search_spend_name_files f JOIN search_spend_names s ON s.id = f.name_id ORDER BY 1, 2, 3')
    .raw()
    .all(),
  files: db.prepare('SELECT file_no FROM search_spend_files ORDER BY 1').pluck().all(),
});

describe('filing spend lines for search a step at a time', () => {
  let wb: TestWorkbench;
  let read: BetterSqlite3.Database;
  beforeEach(() => {
    wb = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
    read = new BetterSqlite3(wb.dbPath, { readonly: true });
  });
  afterEach(async () => {
    read.close();
    await wb.cleanup();
  });

  const queued = <T,>(write: () => T) => Promise.resolve(write());

  it('files exactly what one pass files, in as many steps as the file has runs of lines', async () => {
    const r = await importFile(wb, writeText(wb.dir, 'a.csv', ledger()), 'Anytown Council');
    if (!r.ok) throw new Error(r.error.message);
    expect(dump(wb.ctx.sqlite).files).toEqual([]);

    let steps = 0;
    const result = await indexSpendFilesInSteps(wb.ctx, read, 5, queued, { linesPerStep: 700, between: async () => void steps++ });
    expect(result).toEqual({ files: 1, remaining: 0 });
    // Rows 2 to 3001 (the header is row 1): keys 0 to 3001 of the file, in runs of 700.
    expect(steps).toBe(Math.ceil(3002 / 700));
    const inSteps = dump(wb.ctx.sqlite);

    wb.ctx.sqlite.exec('DELETE FROM search_spend_name_files; DELETE FROM search_spend_names; DELETE FROM search_spend_files;');
    expect(indexSpendFiles(wb.ctx)).toEqual({ files: 1, remaining: 0 });
    expect(inSteps).toEqual(dump(wb.ctx.sqlite));

    // What the comparison holds: three spellings of Acme are one entry named by the upper-case one
    // (first in SQLite's order, seen only after step three); É is not folded by lower().
    const names = (inSteps.names as [string, string, string, string, number, number][]).filter(([kind]) => kind === 'supplier').map(([, , key, name, n]) => [key, name, n]);
    expect(names).toContainEqual(['acme ltd', 'ACME LTD', 1200]);
    expect(names).toContainEqual(['Émile & co', 'Émile & Co', 200]);
    expect(names).toContainEqual(['émile & co', 'émile & co', 400]);
    expect(names).toContainEqual(['🏠 homes', '🏠 Homes', 300]);
    expect((inSteps.names as unknown[][]).find((n) => n[0] === 'spend' && n[2] === 'home care')).toEqual(['spend', expect.any(String), 'home care', 'HOME CARE', expect.any(Number), expect.any(Number)]);
  });

  it('leaves out a file deleted while it was being grouped, and files the others', async () => {
    const a = await importFile(wb, writeText(wb.dir, 'a.csv', ledger()), 'Anytown Council');
    const b = await importFile(wb, writeText(wb.dir, 'b.csv', ledger().replace(/Supplier /g, 'Other ')), 'Kingston Council');
    if (!a.ok || !b.ok) throw new Error('import failed');
    let deleted = false;
    const between = async () => {
      if (deleted) return;
      deleted = true;
      await wb.call('spend.deleteFile', { id: (a.value as { fileId: string }).fileId });
    };
    expect(await indexSpendFilesInSteps(wb.ctx, read, 5, queued, { linesPerStep: 1000, between })).toEqual({ files: 1, remaining: 0 });
    const after = dump(wb.ctx.sqlite);
    expect(after.files).toEqual([2]);
    expect((after.parts as [string, string, number][]).every(([, , fileNo]) => fileNo === 2)).toBe(true);
    expect((after.names as [string, string, string][]).some(([kind, , key]) => kind === 'supplier' && key === 'other 1')).toBe(true);
    expect((after.names as [string, string, string][]).some(([kind, , key]) => kind === 'supplier' && key === 'supplier 1')).toBe(false);
  });
});

describe('the app files an import for search by itself', () => {
  it('in the background, on its read connection, and the search finds the supplier', async () => {
    const dir = tempDir('tpw-index-steps-');
    const app = openWorkbench(path.join(dir, 'workbench.db'), 'desktop');
    try {
      const file = writeText(dir, 'a.csv', ledger());
      const up = await app.dispatch('upload.fromPath', { path: file });
      if (!up.ok) throw new Error(up.error.message);
      const r = await app.dispatch('spend.import', { uploadId: up.value.uploadId, organisation: 'Anytown Council' });
      if (!r.ok) throw new Error(r.error.message);
      const deadline = Date.now() + 20_000;
      while (!app.ctx.sqlite.prepare('SELECT 1 FROM search_spend_files').get() && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
      expect(app.ctx.sqlite.prepare('SELECT count(*) FROM search_spend_files').pluck().get()).toBe(1);
      const found = await app.dispatch('search.all', { query: 'acme', kinds: ['supplier'] });
      if (!found.ok) throw new Error(found.error.message);
      expect(JSON.stringify(found.value)).toContain('ACME LTD');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
