/**
 * A search counted on several threads at once (issue 19: a search reads six columns of every line).
 * The lines are cut into ranges of keys, one per thread; the ranges must hold every line exactly
 * once, and the figures added up must be exactly what one pass finds. Expected figures are worked
 * out here from the rows written, not by the importer.
 */
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SpendImportResult } from '../../shared/domain/spend';
import { addUp, splitStats, keyRanges } from '../../main/spend/splitReads';
import { readyCounters } from '../../main/spend/countHost';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

interface Row {
  date: string;
  supplier: string;
  pence: number;
}
/** n rows: dates through 2020-21, amounts 1.00–10.00 in pennies' steps, suppliers from `supplier(i)`. */
const rows = (n: number, supplier: (i: number) => string): Row[] =>
  Array.from({ length: n }, (_, i) => ({ date: `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/2020`, supplier: supplier(i), pence: 100 + ((i * 37) % 901) }));
const csv = (rs: Row[]) => `Date,Supplier,Amount\n${rs.map((r) => `${r.date},${r.supplier},${(r.pence / 100).toFixed(2)}`).join('\n')}\n`;

const A = rows(3000, (i) => (i % 3 === 0 ? 'Sunny Care' : 'Bolt Roofing'));
const B = rows(7000, (i) => (i % 7 === 0 ? 'Home Care Direct' : 'Bolt Builders'));
const C = rows(500, (i) => (i % 2 ? 'Care & Repair' : 'Parks Ltd'));

let wb: TestWorkbench;
const files: Record<string, SpendImportResult> = {};
beforeAll(async () => {
  process.env.TPW_SPEND_WORKERS = 'always';
  wb = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
  for (const [name, rs, org] of [['a.csv', A, 'Anytown Council'], ['b.csv', B, 'Kingston Council'], ['c.csv', C, 'Anytown Council']] as const) {
    const r = await importFile(wb, writeText(wb.dir, name, csv(rs)), org);
    if (!r.ok) throw new Error(r.error.message);
    files[name] = r.value as SpendImportResult;
  }
});
afterAll(async () => {
  delete process.env.TPW_SPEND_WORKERS;
  await wb.cleanup();
});

const lineCount = (from: number, to: number) => (wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM spend_lines WHERE line_key >= ? AND line_key < ?').get(from, to) as { n: number }).n;

describe('a search counted on several threads', () => {
  it('cuts the lines into ranges of keys that hold every line once, about as many in each', async () => {
    for (const parts of [2, 3, 4]) {
      const ranges = await keyRanges(wb.ctx, null, parts, 0);
      expect(ranges).toHaveLength(parts);
      expect(ranges[0]![0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(Number.MAX_SAFE_INTEGER);
      for (let i = 1; i < parts; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
      const sizes = ranges.map(([from, to]) => lineCount(from, to));
      expect(sizes.reduce((a, b) => a + b)).toBe(10_500);
      // 10,500 lines: 5,250 / 3,500 / 2,625 a range, give or take a few rows.
      for (const size of sizes) expect(Math.abs(size - 10_500 / parts)).toBeLessThan(10);
    }
    // One file's lines (B's 7,000) cut in two inside it.
    const b = (wb.ctx.sqlite.prepare('SELECT file_no AS n FROM spend_files WHERE id = ?').get(files['b.csv']!.fileId) as { n: number }).n;
    const inB = await keyRanges(wb.ctx, [b], 2, 0);
    const [bFrom, bTo] = [b * 2 ** 32, (b + 1) * 2 ** 32];
    expect(inB.map(([from, to]) => lineCount(Math.max(from, bFrom), Math.min(to, bTo)))).toEqual([3500, 3500]);
    // Too few lines to be worth it, or none in reach: no ranges (one pass instead).
    expect(await keyRanges(wb.ctx, null, 2, 200_000)).toEqual([]);
    expect(await keyRanges(wb.ctx, [], 2, 0)).toEqual([]);
  });

  it('finds exactly what one pass finds: the count, the total, the lines of each page', async () => {
    if ((typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length) > 1) expect((await readyCounters(true)).length).toBeGreaterThan(0);
    const split = splitStats.split;
    const expected = (...sets: Row[][]) => {
      const found = sets.flat();
      return { total: found.length, totalPence: found.reduce((s, r) => s + r.pence, 0) };
    };
    const care = (rs: Row[]) => rs.filter((r) => /care/i.test(r.supplier));
    const roof = (rs: Row[]) => rs.filter((r) => /roof/i.test(r.supplier));
    // 1,000 + 1,000 + 250 found: their keys come back with the counts, joined from every range.
    const found = await wb.call('spend.lines', { q: 'care', sort: 'amount', dir: 'desc', limit: 500 });
    expect({ total: found.total, totalPence: found.totalPence }).toEqual(expected(care(A), care(B), care(C)));
    const top = [...care(A), ...care(B), ...care(C)].map((r) => r.pence).sort((x, y) => y - x).slice(0, 500);
    expect(found.lines.map((l) => l.amountPence)).toEqual(top);
    // 9,000 found (every supplier with an "o"): too many for keys; counted, and paged off the date index.
    const withO = (rs: Row[]) => rs.filter((r) => /o/i.test(r.supplier));
    const many = await wb.call('spend.lines', { q: 'o', offset: 8_950 });
    expect({ total: many.total, totalPence: many.totalPence }).toEqual(expected(withO(A), withO(B), withO(C)));
    expect(many.total).toBe(9_000);
    expect(many.lines).toHaveLength(50);
    // One organisation's two files; nothing found.
    const anytown = await wb.call('spend.lines', { q: 'roof', organisationId: files['a.csv']!.organisationId! });
    expect({ total: anytown.total, totalPence: anytown.totalPence }).toEqual(expected(roof(A), roof(C)));
    const none = await wb.call('spend.lines', { q: 'nowhere' });
    expect([none.total, none.totalPence, none.lines]).toEqual([0, 0, []]);
    // Every one of them was counted in ranges on the threads, not in one pass.
    expect(splitStats.split - split).toBe(4);
  });

  it('pages in any order hold exactly the lines one pass puts there', async () => {
    const split = splitStats.split;
    const anytown = files['a.csv']!.organisationId!;
    // The oracle: the same order in one pass on the writing connection (never split).
    const onePass = (where: string, params: unknown[], order: string, limit: number, offset: number) =>
      wb.ctx.sqlite
        .prepare(`SELECT l.line_key FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...params, limit, offset);
    const bySupplier = (dir: string) => `l.supplier IS NULL, l.supplier COLLATE NOCASE ${dir}, l.line_key ${dir}`;
    const byAmount = (dir: string) => `l.amount_pence ${dir}, l.line_key ${dir}`;
    const cases: [object, string, unknown[], string][] = [
      [{ sort: 'amount', dir: 'desc' }, '1', [], byAmount('DESC')],
      [{ sort: 'amount', offset: 4_900 }, '1', [], byAmount('ASC')],
      [{ sort: 'supplier', offset: 250 }, '1', [], bySupplier('ASC')],
      [{ sort: 'supplier', dir: 'desc', organisationId: anytown }, 'f.organisation_id = ?', [anytown], bySupplier('DESC')],
      // A search finding more than its keys can carry (9,000 lines), by amount.
      [{ q: 'o', sort: 'amount', dir: 'desc', offset: 100 }, "l.supplier LIKE '%o%'", [], byAmount('DESC')],
      // Past the middle: read from the other end, also in parts.
      [{ sort: 'amount', offset: 9_000 }, '1', [], byAmount('ASC')],
    ];
    for (const [input, where, params, order] of cases) {
      const page = await wb.call('spend.lines', { limit: 100, ...input });
      const offset = (input as { offset?: number }).offset ?? 0;
      expect([input, page.lines.map((l) => l.lineKey)]).toEqual([input, onePass(where, params, order, 100, offset)]);
    }
    // Six pages read in parts (and the search for "o" counted in parts, unless remembered from before).
    expect(splitStats.split - split).toBeGreaterThanOrEqual(6);
  });

  it('adds up the ranges: counts and totals, and the keys of what they found while few', () => {
    expect(addUp([{ n: 2, p: 300, keys: '[1,2]' }, { n: 0, p: 0, keys: '[]' }, { n: 1, p: -50, keys: '[9]' }])).toEqual({ n: 3, p: 250, keys: '[1,2,9]' });
    expect(addUp([{ n: 4000, p: 1, keys: '[1]' }, { n: 2000, p: 2, keys: '[2]' }])).toEqual({ n: 6000, p: 3, keys: null });
    expect(addUp([{ n: 0, p: 0, keys: '[]' }, { n: 0, p: 0, keys: '[]' }])).toEqual({ n: 0, p: 0, keys: '[]' });
  });
});

describe('a page deep into the lines by amount, read in parts', () => {
  let deep: TestWorkbench;
  // 48,000 lines over two organisations; amounts repeat (901 of them), so ties are broken by the key.
  const D1 = rows(26_000, (i) => (i % 5 === 0 ? 'Sunny Care' : 'Bolt Roofing'));
  const D2 = rows(22_000, (i) => (i % 4 === 0 ? 'Care & Repair' : 'Parks Ltd'));
  beforeAll(async () => {
    deep = tempWorkbench({ now: () => new Date('2026-11-28T10:00:00Z') });
    for (const [name, rs, org] of [['d1.csv', D1, 'Anytown Council'], ['d2.csv', D2, 'Kingston Council']] as const) {
      const r = await importFile(deep, writeText(deep.dir, name, csv(rs)), org);
      if (!r.ok) throw new Error(r.error.message);
    }
  });
  afterAll(async () => {
    await deep.cleanup();
  });

  it('holds exactly the lines one pass puts there, each way, with a search and an organisation', async () => {
    const kingston = deep.ctx.sqlite.prepare("SELECT id FROM organisations WHERE name = 'Kingston Council'").pluck().get() as string;
    const onePass = (where: string, params: unknown[], dir: string, limit: number, offset: number) =>
      deep.ctx.sqlite
        .prepare(`SELECT l.line_key FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no WHERE ${where} ORDER BY l.amount_pence ${dir}, l.line_key ${dir} LIMIT ? OFFSET ?`)
        .pluck()
        .all(...params, limit, offset);
    const split = splitStats.split;
    const cases: [object, string, unknown[], string, number][] = [
      // 11,000 lines in (past the 10,000 a part keeps in SQLite's sorter), before the middle.
      [{ sort: 'amount', offset: 11_000 }, '1', [], 'ASC', 100],
      [{ sort: 'amount', dir: 'desc', offset: 23_800, limit: 200 }, '1', [], 'DESC', 200],
      // Past the middle: read from the other end, deep too (17,900 lines from it).
      [{ sort: 'amount', offset: 30_000 }, '1', [], 'ASC', 100],
      // A search (20,800 lines) and an organisation (22,000 lines).
      [{ q: 'o', sort: 'amount', dir: 'desc', offset: 10_000, limit: 400 }, "(l.supplier LIKE '%o%')", [], 'DESC', 400],
      [{ organisationId: kingston, sort: 'amount', offset: 10_500, limit: 1000 }, 'f.organisation_id = ?', [kingston], 'ASC', 1000],
    ];
    for (const [input, where, params, dir, limit] of cases) {
      const page = await deep.call('spend.lines', input);
      const offset = (input as { offset: number }).offset;
      const expected = onePass(where, params, dir, limit, offset);
      expect(expected).toHaveLength(limit);
      expect([input, page.lines.map((l) => l.lineKey)]).toEqual([input, expected]);
    }
    // Each page read in parts (and the search counted in parts too).
    expect(splitStats.split - split).toBeGreaterThanOrEqual(cases.length);
  });
});
