/**
 * Lines travel from the reading thread to the writer dictionary-coded, and are themed and grouped
 * by their codes (main/spend/linePacking.ts, lineInserter.ts, lineGroups.ts). A file with more
 * different values than a dictionary holds, rules on several fields and a file read twice
 * (month-first) must still give every line the theme the rules give its text, and groups that
 * add up to the lines — checked here against figures worked out independently from the rows.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

let wb: TestWorkbench | null = null;
afterEach(async () => {
  await wb?.cleanup();
  wb = null;
  delete process.env.TPW_SPEND_WORKERS;
});

interface Row {
  date: string;
  area: string;
  type: string;
  supplier: string;
  pence: number;
}

/** 26,000 rows: service areas all different for the first 23,000 (past the 20,000 a dictionary keeps), then repeating. */
function rows(monthFirst: boolean): Row[] {
  return Array.from({ length: 26_000 }, (_, i) => {
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    // Month-first files prove it with a day above 12 in the second place.
    const date = monthFirst ? `${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}/2021` : `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2021`;
    return { date, area: i < 23_000 ? `Area ${i}` : `Area ${i % 50}`, type: ['Home care', 'Repairs', 'Agency staff'][i % 3]!, supplier: `Supplier ${i % 97}`, pence: 100 + ((i * 7919) % 100_000) };
  });
}

const csv = (rs: Row[]) => ['Date,Service Area,Expense Type,Supplier,Amount', ...rs.map((r) => `${r.date},${r.area},${r.type},${r.supplier},${(r.pence / 100).toFixed(2)}`)].join('\n');

/** The rules below, applied to a row's text by hand: priority 10 first. */
function expectedTheme(r: Row, t: { a: string; b: string; c: string }): string | null {
  if (/^area 1\d*7$/i.test(r.area)) return t.a; // regex on service area, priority 10
  if (r.type.toLowerCase().includes('home care')) return t.b; // contains on expense type, priority 20
  if (r.supplier.trim().toLowerCase() === 'supplier 5') return t.c; // equals on supplier, priority 30
  return null;
}

describe.each([
  ['on a worker thread', 'always'],
  ['on the calling thread', 'never'],
])('lines coded for the writer, %s', (_label, workers) => {
  it.each([
    ['day-first', false],
    ['month-first (read twice)', true],
  ])('themes and groups every line of a %s file as its text says', async (_kind, monthFirst) => {
    process.env.TPW_SPEND_WORKERS = workers;
    wb = tempWorkbench({ now: () => new Date('2026-11-27T10:00:00Z') });
    const t = {
      a: (await wb.call('theme.add', { name: 'Areas ending 7' })).id,
      b: (await wb.call('theme.add', { name: 'Home care' })).id,
      c: (await wb.call('theme.add', { name: 'Supplier five' })).id,
    };
    await wb.call('spendRule.add', { field: 'serviceArea', op: 'regex', pattern: '^area 1\\d*7$', themeId: t.a, priority: 10 });
    await wb.call('spendRule.add', { field: 'expenseType', op: 'contains', pattern: 'home care', themeId: t.b, priority: 20 });
    await wb.call('spendRule.add', { field: 'supplier', op: 'equals', pattern: 'supplier 5', themeId: t.c, priority: 30 });
    const rs = rows(monthFirst);
    const r = await importFile(wb, writeText(wb.dir, 'ledger.csv', csv(rs)), 'Anytown Council');
    if (!r.ok) throw new Error(r.error.message);

    const db = new BetterSqlite3(wb.dbPath, { readonly: true });
    onTestFinished(() => {
      db.close();
    });
    const lines = db.prepare('SELECT row_number AS row, service_area AS area, theme_id AS theme, amount_pence AS pence, date FROM spend_lines ORDER BY line_key').all() as { row: number; area: string; theme: string | null; pence: number; date: string }[];
    expect(lines).toHaveLength(rs.length);
    const wrong = lines.filter((l, i) => l.theme !== expectedTheme(rs[i]!, t) || l.area !== rs[i]!.area || l.pence !== rs[i]!.pence);
    expect(wrong.slice(0, 3).map((l) => ({ ...l, expected: expectedTheme(rs[l.row - 2]!, t), row: rs[l.row - 2] }))).toEqual([]);
    expect(lines[0]!.date).toBe('2021-01-01');

    // Groups (organisation × year × theme × rule × service area × expense type) add up to the lines.
    const expected = new Map<string, { n: number; p: number }>();
    rs.forEach((row) => {
      const k = `${expectedTheme(row, t) ?? ''}|${row.area}|${row.type}`;
      const g = expected.get(k) ?? { n: 0, p: 0 };
      g.n++;
      g.p += row.pence;
      expected.set(k, g);
    });
    const groups = db.prepare('SELECT theme_key AS theme, service_area AS area, expense_type AS type, sum(row_count) AS n, sum(total_pence) AS p FROM spend_groups GROUP BY 1, 2, 3').all() as { theme: string; area: string; type: string; n: number; p: number }[];
    expect(groups).toHaveLength(expected.size);
    for (const g of groups) expect({ k: `${g.theme}|${g.area}|${g.type}`, n: g.n, p: g.p }).toEqual({ k: `${g.theme}|${g.area}|${g.type}`, ...expected.get(`${g.theme}|${g.area}|${g.type}`) });
  }, 120_000);
});
