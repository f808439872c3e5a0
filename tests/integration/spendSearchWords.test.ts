/**
 * A search is matched against each file's lists of its different values before its lines
 * (migration 0018, main/spend/searchWords.ts), and the characters of the columns too varied to list
 * (migration 0019, columnChars.ts), and finds exactly what six LIKEs on every line find:
 * with listed and unlisted columns, files from before the lists, words that are LIKE's own
 * characters, letters outside ASCII, a file or organisation chosen, and a file imported after the
 * search was worked out. Real SQLite files, the real importer and dispatcher.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/db/migrations';
import { migrate } from '../../main/db/migrate';
import { searchConditions } from '../../main/spend/searchWords';
import { openWorkbench } from '../../main/api/workbench';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

const SUPPLIERS = ['Sunny Care Ltd', 'Bolt Builders', 'Care 100% Ltd', 'A_B Services', 'Back\\slash Co', 'Café Crème', 'CAREWELL', 'Zed'];
const AREAS = ['Adult Social Care', 'Highways', 'Children_Services'];
const TYPES = ['Residential care', 'Repairs', 'Fees 50%'];

/** A ledger of `rows` lines whose text columns repeat (listed), with a reference per line. */
function ledger(rows: number, refPrefix: string, description: (i: number) => string): string {
  const lines = ['Date,Supplier,Service Area,Expense Type,Description,Transaction Number,Amount'];
  for (let i = 0; i < rows; i++) {
    const cells = [`0${1 + (i % 9)}/04/2020`, SUPPLIERS[i % SUPPLIERS.length]!, AREAS[i % AREAS.length]!, TYPES[(i >> 1) % TYPES.length]!, description(i), `${refPrefix}${String(i).padStart(5, '0')}`, `${(i % 97) + 1}.${String(i % 100).padStart(2, '0')}`];
    lines.push(cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * 25,000 lines whose references are ten characters each, all different, beyond U+FFFF: 250,000
 * different characters (more than one call takes arguments), the last 50,000 of them in the values
 * that travel outside the import's 20,000-value dictionary.
 */
function manyCharacters(): string {
  const lines = ['Date,Supplier,Transaction Number,Amount'];
  for (let i = 0; i < 25_000; i++) lines.push(`01/04/2020,Zed,${String.fromCodePoint(...Array.from({ length: 10 }, (_, k) => 0x10000 + i * 10 + k))},1.00`);
  return `${lines.join('\n')}\n`;
}

const COLUMNS = ['supplier', 'service_area', 'expense_type', 'description', 'transaction_ref', 'org_unit'];
const escapeLike = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What six LIKEs on every line find: the independent answer. */
function byLike(sqlite: BetterSqlite3.Database, q: string, fileNos: number[] | null = null): { total: number; totalPence: number; keys: number[] } {
  const words = q.split(/\s+/).filter(Boolean);
  const where = words.map(() => `(${COLUMNS.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
  if (fileNos) where.push(`(line_key >> 32) IN (${fileNos.join(',')})`);
  const rows = sqlite
    .prepare(`SELECT line_key AS k, amount_pence AS p FROM spend_lines ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY line_key`)
    .all(...words.flatMap((w) => Array(COLUMNS.length).fill(escapeLike(w)))) as { k: number; p: number }[];
  return { total: rows.length, totalPence: rows.reduce((s, r) => s + r.p, 0), keys: rows.slice(0, 1000).map((r) => r.k) };
}

const WORDS = ['care', 'CARE', 'Care 100%', '100%', '%', '_', 'a_b', 'A_B services', '\\', 'back\\slash', 'café', 'CAFÉ', 'é', 'crème', 'zz', 'ltd', 'ltd care', '1', 'TX0001', 'tx00017', 'kx', 'fees 50%', 'children_', 'highways repairs', 'note 7', 'NOTE'];

describe('searching spend lines through each file’s lists of values', () => {
  let wb: TestWorkbench;
  beforeEach(() => {
    wb = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
  });
  afterEach(async () => {
    await wb.cleanup();
  });

  const search = async (q: string, input: object = {}) => {
    const page = await wb.call('spend.lines', { q, sort: 'row', limit: 1000, ...input });
    return { total: page.total, totalPence: page.totalPence, keys: page.lines.map((l) => l.lineKey) };
  };
  const fileNoOf = (id: string) => (wb.ctx.sqlite.prepare('SELECT file_no FROM spend_files WHERE id = ?').pluck().get(id) as number);
  const imported = async (name: string, text: string, organisation: string) => {
    const r = await importFile(wb, writeText(wb.dir, name, text), organisation);
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { fileId: string }).fileId;
  };

  it('an import lists every different value of each column it could code, and nothing of one too varied', async () => {
    const id = await imported('a.csv', ledger(60, 'TX', (i) => (i % 5 ? `Note ${i % 7}` : '')), 'Anytown Council');
    const fileNo = fileNoOf(id);
    const listed = wb.ctx.sqlite.prepare('SELECT field FROM spend_file_fields WHERE file_no = ? ORDER BY field').pluck().all(fileNo);
    // Sixty lines with sixty references: more than a quarter of the lines, so matched on the lines.
    expect(listed).toEqual(['description', 'expense_type', 'org_unit', 'service_area', 'supplier']);
    const values = (field: string) => wb.ctx.sqlite.prepare('SELECT value FROM spend_file_values WHERE file_no = ? AND field = ? ORDER BY value').pluck().all(fileNo, field);
    expect(values('supplier')).toEqual([...SUPPLIERS].sort());
    expect(values('service_area')).toEqual([...AREAS].sort());
    expect(values('expense_type')).toEqual([...TYPES].sort());
    expect(values('description')).toEqual(['Note 0', 'Note 1', 'Note 2', 'Note 3', 'Note 4', 'Note 5', 'Note 6']);
    expect(values('transaction_ref')).toEqual([]);
    expect(values('org_unit')).toEqual([]);

    // 20,001 different references: too many to code, so that column is not listed (and is still found);
    // 20,001 lines with 24 descriptions: listed. A small file lists up to 16 values a column.
    const small = fileNoOf(await imported('small.csv', ledger(12, 'SX', (i) => `Note ${i}`), 'Anytown Council'));
    expect(wb.ctx.sqlite.prepare('SELECT count(*) FROM spend_file_fields WHERE file_no = ?').pluck().get(small)).toBe(6);
    const big = await imported('big.csv', ledger(20_001, 'KX', (i) => `Kind ${i % 24}`), 'Kingston Council');
    const bigNo = fileNoOf(big);
    expect(wb.ctx.sqlite.prepare('SELECT field FROM spend_file_fields WHERE file_no = ? ORDER BY field').pluck().all(bigNo)).toEqual(['description', 'expense_type', 'org_unit', 'service_area', 'supplier']);
    expect(wb.ctx.sqlite.prepare("SELECT count(*) FROM spend_file_values WHERE file_no = ? AND field = 'transaction_ref'").pluck().get(bigNo)).toBe(0);
    expect(await search('KX19999')).toEqual(byLike(wb.ctx.sqlite, 'KX19999'));
    expect((await search('KX19999')).total).toBe(1);
    expect(await search('kx1999')).toEqual(byLike(wb.ctx.sqlite, 'kx1999'));
    expect((await search('kx1999')).total).toBe(10); // KX19990 to KX19999

    // Deleting a file takes its lists with it.
    await wb.call('spend.deleteFile', { id: big });
    expect(wb.ctx.sqlite.prepare('SELECT count(*) FROM spend_file_values WHERE file_no = ?').pluck().get(bigNo)).toBe(0);
    expect(wb.ctx.sqlite.prepare('SELECT count(*) FROM spend_file_fields WHERE file_no = ?').pluck().get(bigNo)).toBe(0);
  });

  it('finds exactly what six LIKEs find, over listed, unlisted and unlisted-in-part columns, in every reach', async () => {
    const a = await imported('a.csv', ledger(90, 'TX', (i) => `Note ${i % 11}`), 'Anytown Council');
    const b = await imported('b.csv', ledger(70, 'TY', (i) => `Visit ${i} care`), 'Kingston Council');
    const c = await imported('c.csv', ledger(40, 'TZ', () => 'Repairs to CARE home'), 'Kingston Council');
    // File b's descriptions as if too varied to list, file c as if imported before the lists existed.
    wb.ctx.sqlite.prepare("DELETE FROM spend_file_fields WHERE file_no = ? AND field = 'description'").run(fileNoOf(b));
    wb.ctx.sqlite.prepare('DELETE FROM spend_file_fields WHERE file_no = ?').run(fileNoOf(c));
    wb.ctx.sqlite.prepare('DELETE FROM spend_file_values WHERE file_no = ?').run(fileNoOf(c));
    const kingston = wb.ctx.sqlite.prepare("SELECT id FROM organisations WHERE name = 'Kingston Council'").pluck().get() as string;

    let nonEmpty = 0;
    for (const q of [...WORDS, 'visit 3', 'home', 'note 1 care']) {
      const everywhere = byLike(wb.ctx.sqlite, q);
      expect(await search(q), q).toEqual(everywhere);
      if (everywhere.total > 0) nonEmpty++;
      expect(await search(q, { fileId: b }), `${q} in b`).toEqual(byLike(wb.ctx.sqlite, q, [fileNoOf(b)]));
      expect(await search(q, { fileId: a }), `${q} in a`).toEqual(byLike(wb.ctx.sqlite, q, [fileNoOf(a)]));
      expect(await search(q, { organisationId: kingston }), `${q} at Kingston`).toEqual(byLike(wb.ctx.sqlite, q, [fileNoOf(b), fileNoOf(c)]));
    }
    // The words do find things (the comparison is not of empty answers).
    expect(nonEmpty).toBeGreaterThan(20);
    expect((await search('CARE')).total).toBe(byLike(wb.ctx.sqlite, 'care').total);
    // LIKE folds ASCII letters only: "CAFÉ" finds no "Café".
    expect((await search('CAFÉ')).total).toBe(0);
    expect((await search('café')).total).toBeGreaterThan(0);
  });

  it('a search of a hundred words over files listing and not listing a column in turn: the same answer, no parameter limit hit', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push(await imported(`f${i}.csv`, ledger(40, `T${i}X`, (j) => `Note ${j % 5}`), i % 2 ? 'Anytown Council' : 'Kingston Council'));
    // Every other file as if its descriptions were too varied to list: twelve runs of unlisted files.
    for (const id of ids.filter((_, i) => i % 2)) wb.ctx.sqlite.prepare("DELETE FROM spend_file_fields WHERE file_no = ? AND field = 'description'").run(fileNoOf(id));
    for (const q of [Array(100).fill('e').join(' '), Array(66).fill('no').join(' '), `${Array(49).fill('ca').join(' ')} note`, 'note 3', 'NOTE 4 care']) {
      const expected = byLike(wb.ctx.sqlite, q);
      expect(await search(q), q.slice(0, 20)).toEqual(expected);
      expect(await search(q, { fileId: ids[3] }), q.slice(0, 20)).toEqual(byLike(wb.ctx.sqlite, q, [fileNoOf(ids[3]!)]));
    }
    expect((await search('note')).total).toBe(24 * 40);
  });

  it('of a column too varied to list, the characters its values are made of are noted (migration 0019), folded as LIKE folds, and a search skips a file whose values lack a word’s character', async () => {
    // Sixty references TX00000 to TX00059; twenty descriptions, each different, with letters outside ASCII.
    const a = fileNoOf(await imported('a.csv', ledger(60, 'TX', (i) => (i < 20 ? `Réf ${i} ÉTÉ 🏠` : 'Note')), 'Anytown Council'));
    // 20,000 references fill the import's dictionary; the fifty after it travel as text, with other characters.
    const rows = ['Date,Supplier,Transaction Number,Amount'];
    for (let i = 0; i < 20_050; i++) rows.push(`01/04/2020,Zed,${i < 20_000 ? `KX${String(i).padStart(5, '0')}` : `QZ-${i}`},1.00`);
    const big = fileNoOf(await imported('big.csv', `${rows.join('\n')}\n`, 'Kingston Council'));

    const charsOf = (fileNo: number) => Object.fromEntries(wb.ctx.sqlite.prepare('SELECT field, chars FROM spend_file_chars WHERE file_no = ? ORDER BY field').raw().all(fileNo) as [string, string][]);
    // Each character once, in code point order: ASCII letters as lower case, nothing else folded.
    expect(charsOf(a)).toEqual({ description: ' 0123456789efnortÉé🏠', transaction_ref: '0123456789tx' });
    expect(charsOf(big)).toEqual({ transaction_ref: '-0123456789kqxz' });

    // Every word finds what six LIKEs on every line find.
    let found = 0;
    for (const q of ['réf', 'RÉF', 'été', 'ÉTÉ', 'É', 'é', '🏠', 'qz', 'QZ-2004', 'kx', 'KX1999', 'x', 'tx0005', 'home', '-', 'note', 'zed qz', 'réf 1']) {
      const expected = byLike(wb.ctx.sqlite, q);
      expect(await search(q), q).toEqual(expected);
      if (expected.total) found++;
    }
    expect(found).toBeGreaterThan(12);

    // A word with a character none of a file's references has asks no LIKE of that file's lines.
    const asked = (fileNo: number, word: string) => searchConditions(wb.ctx.sqlite, [fileNo], [word]).where.join(' ');
    expect(asked(a, 'home')).toBe('0');
    expect(asked(big, 'home')).toBe('0');
    expect(asked(a, 'tx0005')).toContain('transaction_ref LIKE');
    expect(asked(big, 'tx0005')).not.toContain('transaction_ref LIKE');
    expect(asked(big, 'qz-')).toContain('transaction_ref LIKE');
    expect(asked(a, 'ÉTÉ')).toContain('description LIKE');
    expect(asked(a, 'ÉTé')).toContain('description LIKE');
    // LIKE folds no letter outside ASCII: descriptions holding É and é hold no ü, nor Ü.
    expect(asked(a, 'ü')).toBe('0');
    expect(asked(a, 'Ü')).toBe('0');
  });

  it('a column of a quarter of a million different characters imports, and is searched by them', async () => {
    const fileNo = fileNoOf(await imported('many.csv', manyCharacters(), 'Anytown Council'));
    const chars = wb.ctx.sqlite.prepare("SELECT chars FROM spend_file_chars WHERE file_no = ? AND field = 'transaction_ref'").pluck().get(fileNo) as string;
    expect([...chars]).toHaveLength(250_000);
    expect(chars.codePointAt(0)).toBe(0x10000);
    for (const q of [String.fromCodePoint(0x10000 + 123_456), String.fromCodePoint(0x10000 + 240_001, 0x10000 + 240_002), 'q']) expect(await search(q)).toEqual(byLike(wb.ctx.sqlite, q));
    expect((await search(String.fromCodePoint(0x10000 + 240_001))).total).toBe(1);
    expect(searchConditions(wb.ctx.sqlite, [fileNo], ['q']).where).toEqual(['0']);
  });

  it('stays right for a file imported after the search was worked out (a read racing an import)', async () => {
    await imported('a.csv', ledger(30, 'TX', () => 'Note'), 'Anytown Council');
    const built = searchConditions(wb.ctx.sqlite, null, ['plumbing']);
    const count = () => wb.ctx.sqlite.prepare(`SELECT count(*) FROM spend_lines l WHERE ${built.where.join(' AND ')}`).pluck().get(...built.params);
    expect(count()).toBe(0);
    await imported('b.csv', 'Date,Supplier,Amount\n01/04/2020,Acme Plumbing,10.00\n02/04/2020,Plumbing Direct,5.00\n03/04/2020,Other,1.00\n', 'Kingston Council');
    expect(count()).toBe(2);
  });
});

describe('migration 0018 lists the files already imported', () => {
  let wb: TestWorkbench;
  afterEach(async () => {
    await wb?.cleanup();
  });

  it('by the importer’s rules: every value of a column with few, nothing of one with more than 20,000 or nearly one a line', async () => {
    wb = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
    const r1 = await importFile(wb, writeText(wb.dir, 'a.csv', ledger(50, 'TX', (i) => `Note ${i % 3}`)), 'Anytown Council');
    const r3 = await importFile(wb, writeText(wb.dir, 'c.csv', ledger(100, 'CX', (i) => `Note ${i % 25}`)), 'Anytown Council');
    const r4 = await importFile(wb, writeText(wb.dir, 'd.csv', ledger(100, 'DX', (i) => `Note ${i % 26}`)), 'Anytown Council');
    const r2 = await importFile(wb, writeText(wb.dir, 'big.csv', ledger(20_001, 'KX', () => 'Same')), 'Kingston Council');
    const r5 = await importFile(wb, writeText(wb.dir, 'many.csv', manyCharacters()), 'Kingston Council');
    if (!r1.ok || !r2.ok || !r3.ok || !r4.ok || !r5.ok) throw new Error('import failed');
    const dump = (db: BetterSqlite3.Database) => ({
      fields: db.prepare('SELECT file_no, field FROM spend_file_fields ORDER BY 1, 2').raw().all(),
      values: db.prepare('SELECT file_no, field, value FROM spend_file_values ORDER BY 1, 2, 3').raw().all(),
      chars: db.prepare('SELECT file_no, field, chars FROM spend_file_chars ORDER BY 1, 2').raw().all(),
    });
    const byImport = dump(wb.ctx.sqlite);
    // Files 1 to 5 are a, c, d, big and many: 25 descriptions in 100 lines are listed (c), 26 are
    // not (d); many has none (an empty list).
    expect((byImport.fields as [number, string][]).filter(([, f]) => f === 'description').map(([n]) => n)).toEqual([1, 2, 4, 5]);
    const dbPath = path.join(wb.dir, 'workbench.db');
    await wb.close();

    // Back to version 17, as a file from before this migration is.
    const raw = new BetterSqlite3(dbPath);
    raw.exec(
      'DROP TRIGGER spend_file_chars_delete; DROP TABLE spend_file_chars; DROP TRIGGER spend_file_values_delete; DROP TABLE spend_file_values; DROP TABLE spend_file_fields; DELETE FROM schema_migrations WHERE version >= 18; PRAGMA user_version = 17;',
    );
    const report = migrate(raw, MIGRATIONS, { snapshotsDir: path.join(wb.dir, 'snapshots') });
    expect(report).toMatchObject({ from: 17, to: MIGRATIONS.length });
    expect(dump(raw)).toEqual(byImport);
    expect((dump(raw).values as unknown[]).length).toBeGreaterThan(50);
    raw.close();

    // And the app opens it and searches it.
    const again = openWorkbench(dbPath, 'cli');
    try {
      const page = await again.dispatch('spend.lines', { q: 'kx20000' } as never);
      expect(page.ok && (page.value as { total: number }).total).toBe(1);
    } finally {
      await again.close();
    }
  });
});
