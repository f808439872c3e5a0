/** Classification rules, the whole-place summary, drill-down, unclassified work list and exports. */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpendImportResult } from '../../shared/domain/spend';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { importFile, writeText } from '../fixtures/spend/make';

let wb: TestWorkbench;
let themes: { older: string; housing: string };
let council: SpendImportResult;

// Hand-worked: Adult Social Care 1000.00 + 250.00 = 125000p; Housing 400.00 - 50.00 = 35000p;
// Parks 75.00 = 7500p (all FY 2020-21). Police: Custody 300.00 on 01/03/2021 (FY 2020-21).
const COUNCIL = [
  'Date,Service Area,Expense Type,Supplier,Amount',
  '01/04/2020,Adult Social Care,Residential care,Sunny Care Homes,1000.00',
  '02/04/2020,Adult Social Care,Home care,Helping Hands,250.00',
  '03/04/2020,Housing,Repairs,Bolt Builders,400.00',
  '04/04/2020,Housing,Repairs,Bolt Builders,-50.00',
  '05/04/2020,Parks,Mowing,Green Ltd,75.00',
].join('\n');

beforeEach(async () => {
  wb = tempWorkbench({ now: () => new Date('2026-11-26T10:00:00Z') });
  themes = {
    older: (await wb.call('theme.add', { name: 'Older people' })).id,
    housing: (await wb.call('theme.add', { name: 'Housing' })).id,
  };
  const r = await importFile(wb, writeText(wb.dir, 'council.csv', COUNCIL), 'Anytown Council');
  if (!r.ok) throw new Error(r.error.message);
  council = r.value as SpendImportResult;
  const p = await importFile(wb, writeText(wb.dir, 'police.csv', 'Date,Service Area,Supplier,Amount\n01/03/2021,Custody,Cells Ltd,300.00\n'), 'Anytown Police');
  if (!p.ok) throw new Error(p.error.message);
});
afterEach(async () => {
  await wb.cleanup();
});

const cells = async () => (await wb.call('spend.summary', {})).map((s) => [s.organisation, s.theme, s.year, s.rows, s.totalPence]);

describe('classification rules', () => {
  it('a new rule classifies the lines already imported; editing and deleting it reclassifies', async () => {
    expect(await cells()).toEqual([
      ['Anytown Council', null, '2020-21', 5, 167_500],
      ['Anytown Police', null, '2020-21', 1, 30_000],
    ]);
    const added = await wb.call('spendRule.add', { field: 'serviceArea', op: 'equals', pattern: 'adult social care', themeId: themes.older, priority: 10 });
    expect(added.reclassified).toBe(2);
    expect(await cells()).toEqual([
      ['Anytown Council', 'Older people', '2020-21', 2, 125_000],
      ['Anytown Council', null, '2020-21', 3, 42_500],
      ['Anytown Police', null, '2020-21', 1, 30_000],
    ]);
    const housing = await wb.call('spendRule.add', { field: 'supplier', op: 'regex', pattern: '^bolt\\b', themeId: themes.housing, priority: 20 });
    expect(housing.reclassified).toBe(2);
    // Narrow the first rule to residential care only: Helping Hands becomes unclassified.
    const edited = await wb.call('spendRule.update', { id: added.rule.id, rev: added.rule.rev, patch: { field: 'expenseType', op: 'contains', pattern: 'residential' } });
    expect(edited.reclassified).toBe(1);
    expect(await cells()).toEqual([
      ['Anytown Council', 'Housing', '2020-21', 2, 35_000],
      ['Anytown Council', 'Older people', '2020-21', 1, 100_000],
      ['Anytown Council', null, '2020-21', 2, 32_500],
      ['Anytown Police', null, '2020-21', 1, 30_000],
    ]);
    const removed = await wb.call('spendRule.delete', { id: housing.rule.id, rev: housing.rule.rev });
    expect(removed.reclassified).toBe(2);
    expect((await wb.call('spendRule.list', {})).map((r) => r.pattern)).toEqual(['residential']);
  });

  it('rules apply to files imported after them, in priority order', async () => {
    await wb.call('spendRule.add', { field: 'supplier', op: 'contains', pattern: 'care', themeId: themes.housing, priority: 50 });
    await wb.call('spendRule.add', { field: 'serviceArea', op: 'contains', pattern: 'social', themeId: themes.older, priority: 5 });
    const r = await importFile(wb, writeText(wb.dir, 'more.csv', 'Date,Service Area,Supplier,Amount\n06/04/2020,Adult Social Care,Care Direct,10.00\n07/04/2020,Leisure,Carefree Pools,20.00\n'), 'Anytown Council');
    expect(r.ok).toBe(true);
    const lines = await wb.call('spend.lines', { fileId: (r as { value: SpendImportResult }).value.fileId! });
    expect(lines.lines.map((l) => [l.supplier, l.theme])).toEqual([
      ['Care Direct', 'Older people'],
      ['Carefree Pools', 'Housing'],
    ]);
  });

  it('refuses an invalid pattern and a theme that does not exist, changing nothing', async () => {
    const bad = await wb.dispatch('spendRule.add', { field: 'supplier', op: 'regex', pattern: '([unclosed', themeId: themes.older });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { pattern: 'That is not a valid pattern (regular expression)' } } });
    const ghost = await wb.dispatch('spendRule.add', { field: 'supplier', op: 'contains', pattern: 'x', themeId: '01890a5d-ac96-774b-bcce-b302099a8057' });
    expect(ghost).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await wb.call('spendRule.list', {})).toEqual([]);
  });
});

describe('drill-down and the unclassified work list', () => {
  it('every figure traces back to its file and row', async () => {
    await wb.call('spendRule.add', { field: 'serviceArea', op: 'contains', pattern: 'housing', themeId: themes.housing });
    const page = await wb.call('spend.lines', { organisationId: council.organisationId!, theme: themes.housing, year: '2020-21' });
    expect(page.total).toBe(2);
    expect(page.totalPence).toBe(35_000);
    expect(page.lines.map((l) => [l.fileName, l.row, l.amountPence, l.theme])).toEqual([
      ['council.csv', 4, 40_000, 'Housing'],
      ['council.csv', 5, -5_000, 'Housing'],
    ]);
    const un = await wb.call('spend.lines', { theme: 'unclassified' });
    expect([un.total, un.totalPence]).toEqual([4, 162_500]);
    const police = (await wb.call('organisation.list', {})).find((o) => o.name === 'Anytown Police')!.id;
    const c = council.organisationId!;
    expect(await wb.call('spend.unclassified', {})).toEqual({
      totalGroups: 4,
      totalRows: 4,
      totalPence: 162_500,
      groups: [
        { organisationId: c, organisation: 'Anytown Council', serviceArea: 'Adult Social Care', expenseType: 'Residential care', rows: 1, totalPence: 100_000 },
        { organisationId: police, organisation: 'Anytown Police', serviceArea: 'Custody', expenseType: null, rows: 1, totalPence: 30_000 },
        { organisationId: c, organisation: 'Anytown Council', serviceArea: 'Adult Social Care', expenseType: 'Home care', rows: 1, totalPence: 25_000 },
        { organisationId: c, organisation: 'Anytown Council', serviceArea: 'Parks', expenseType: 'Mowing', rows: 1, totalPence: 7_500 },
      ],
    });
  });

  it('deleting an imported file removes its lines and its share of the totals', async () => {
    expect(await wb.call('spend.deleteFile', { id: council.fileId! })).toEqual({ id: council.fileId, rows: 5 });
    expect(await cells()).toEqual([['Anytown Police', null, '2020-21', 1, 30_000]]);
    // …and it can then be imported again.
    expect((await importFile(wb, writeText(wb.dir, 'council2.csv', COUNCIL), 'Anytown Council')).ok).toBe(true);
  });
});

describe('exports of the whole-place table', () => {
  it('CSV and XLSX hold the same figures as the summary', async () => {
    await wb.call('spendRule.add', { field: 'serviceArea', op: 'contains', pattern: 'housing', themeId: themes.housing });
    const csv = await wb.call('spend.exportSummary', { format: 'csv' });
    expect(csv.name).toBe('whole-place-spend-2026-11-26.csv');
    expect(csv.urlPath).toMatch(/^\/files\/download\/[0-9a-f-]{36}$/);
    expect(fs.readFileSync(csv.path, 'utf8')).toBe(
      '\ufeffOrganisation,Theme,Financial year,Lines,Total (£),Total (pence)\r\n' +
        'Anytown Council,Housing,2020-21,2,350.00,35000\r\n' +
        'Anytown Council,Unclassified,2020-21,3,1325.00,132500\r\n' +
        'Anytown Police,Unclassified,2020-21,1,300.00,30000\r\n',
    );
    const xlsx = await wb.call('spend.exportSummary', { format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    const ws = book.getWorksheet('Whole place spend')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'Organisation', 'Theme', 'Financial year', 'Lines', 'Total (£)', 'Total (pence)']);
    expect(ws.getRow(3).values).toEqual([undefined, 'Anytown Council', 'Unclassified', '2020-21', 3, 1325, 132_500]);
    expect(ws.rowCount).toBe(4);
  });
});
