/**
 * Counting the whole place (issue 19): the published files that stopped an analyst, and the work
 * list around them. Every file is synthetic, one per case, and every expected figure is worked
 * out by hand from the rows written here (shown in the comments), not by running the importer.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpendImportResult, SpendPreview } from '../../shared/domain/spend';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { tpw } from '../helpers/cli';
import { counts, importFile, previewFile, writeText, writeXlsx } from '../fixtures/spend/make';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench({ now: () => new Date('2026-11-26T10:00:00Z') });
});
afterEach(async () => {
  await wb.cleanup();
});

async function imported(file: string, org: string, extra: Record<string, unknown> = {}): Promise<SpendImportResult> {
  const r = await importFile(wb, file, org, extra);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as SpendImportResult;
}
async function previewed(file: string, org: string, extra: Record<string, unknown> = {}): Promise<SpendPreview> {
  const { result } = await previewFile(wb, file, org, extra);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as SpendPreview;
}

/** The maintained aggregates agree with the lines themselves (what every page now reads instead of them). */
function expectAggregatesMatchLines() {
  const q = (sql: string) => wb.ctx.sqlite.prepare(sql).all();
  expect(q('SELECT organisation_id, theme_key, financial_year, row_count, total_pence FROM spend_totals WHERE row_count > 0 ORDER BY 1, 2, 3')).toEqual(
    q(`SELECT f.organisation_id, ifnull(l.theme_id, '') AS theme_key, l.financial_year, count(*) AS row_count, sum(l.amount_pence) AS total_pence
       FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`),
  );
  expect(q('SELECT organisation_id, financial_year, theme_key, rule_key, service_area, expense_type, row_count, total_pence FROM spend_groups ORDER BY 1, 2, 3, 4, 5, 6')).toEqual(
    q(`SELECT f.organisation_id, l.financial_year, ifnull(l.theme_id, '') AS theme_key,
         CASE WHEN m.line_key IS NOT NULL THEN 'manual' ELSE ifnull(l.rule_id, '') END AS rule_key,
         ifnull(l.service_area, '') AS service_area, ifnull(l.expense_type, '') AS expense_type, count(*) AS row_count, sum(l.amount_pence) AS total_pence
       FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no LEFT JOIN spend_line_themes m ON m.line_key = l.line_key
       GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`),
  );
}

// A supplier-totals pivot for one month: no date column at all.
// 1,200.00 + 350.50 - 20.00 = 1,530.50 (153050p); the grand total row is not a line.
const PIVOT = [
  'Supplier payments summary - April 2011', // 1 preamble: names the period
  '', // 2
  'Supplier,Service Area,Total Paid', // 3 header
  'Acme Care Ltd,Adult Social Care,"1,200.00"', // 4
  'Bolt Builders,Housing,350.50', // 5
  'Cogs & Co,Highways,-20.00', // 6
  'Grand Total,,"1,530.50"', // 7 total
].join('\r\n');

describe('a file with no dates imports once its period is given', () => {
  it('preview says what is missing and guesses the period; with it, every line carries the period', async () => {
    const file = writeText(wb.dir, 'supplier-totals.csv', PIVOT);
    const before = await previewed(file, 'Anytown Council');
    expect(before).toMatchObject({ rows: 0, periodGuess: '2011-04', period: null, dateStyle: 'none' });
    expect(before.mappingProblems.period).toMatch(/has no date column.*give that period/);
    expect(before.mapping).toMatchObject({ supplier: { header: 'Supplier' }, amount: { header: 'Total Paid' } });
    // The import refuses, naming the way out.
    expect(await importFile(wb, file, 'Anytown Council')).toMatchObject({ ok: false, error: { code: 'BAD_FILE', fields: { period: expect.any(String) } } });
    expect(counts(wb).lines).toBe(0);

    const p = await previewed(file, 'Anytown Council', { period: '2011-04' });
    expect(p).toMatchObject({ rows: 3, totalPence: 153_050, dateStyle: 'period', dateFrom: '2011-04-01', dateTo: '2011-04-30', mappingProblems: {} });
    expect(p.period).toEqual({ from: '2011-04-01', to: '2011-04-30', financialYear: '2011-12', label: 'April 2011' });
    const r = await imported(file, 'Anytown Council', { period: '2011-04' });
    expect(r).toMatchObject({ rows: 3, totalPence: 153_050, years: [{ year: '2011-12', rows: 3, totalPence: 153_050 }] });
    expect(r.skipped).toContainEqual({ row: 7, reason: 'total row ("Grand Total")' });
    const lines = await wb.call('spend.lines', { fileId: r.fileId! });
    expect(lines.lines.map((l) => [l.supplier, l.date, l.periodEnd, l.financialYear, l.amountPence])).toEqual([
      ['Acme Care Ltd', '2011-04-01', '2011-04-30', '2011-12', 120_000],
      ['Bolt Builders', '2011-04-01', '2011-04-30', '2011-12', 35_050],
      ['Cogs & Co', '2011-04-01', '2011-04-30', '2011-12', -2_000],
    ]);
    expect(await wb.call('spend.summary', {})).toEqual([expect.objectContaining({ year: '2011-12', rows: 3, totalPence: 153_050 })]);
    expect((await wb.call('spend.files', {}))[0]).toMatchObject({ period: { from: '2011-04-01', to: '2011-04-30', label: 'April 2011' }, dateFrom: '2011-04-01', dateTo: '2011-04-30' });
    expectAggregatesMatchLines();
  });

  it('a period must read as one and lie within one financial year', async () => {
    const file = writeText(wb.dir, 'supplier-totals.csv', PIVOT);
    expect(await importFile(wb, file, 'X', { period: '2011-13' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { period: expect.stringContaining('is not a month') } } });
    expect(await importFile(wb, file, 'X', { period: '2011-01-01..2011-06-30' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('runs across two financial years (2010-11 and 2011-12)') } });
    // A quarter, and a whole financial year ("2011-12" is the year April 2011 to March 2012).
    expect(await imported(file, 'X', { period: '2011-04-01..2011-06-30' })).toMatchObject({ dateFrom: '2011-04-01', dateTo: '2011-06-30', years: [{ year: '2011-12' }] });
    expect(counts(wb).files).toBe(1);
  });

  it('the command line takes --period, and without it says so', () => {
    const file = writeText(wb.dir, 'supplier-totals.csv', PIVOT);
    const db = path.join(wb.dir, 'cli.db');
    const refused = tpw(['spend', 'import', file, '--org', 'Anytown Council', '--db', db, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/no date column.*a month such as 2011-04/);
    const ok = tpw(['spend', 'import', file, '--org', 'Anytown Council', '--period', '2011-04', '--db', db, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ rows: 3, totalPence: 153_050, period: { from: '2011-04-01', to: '2011-04-30' }, years: [{ year: '2011-12', totalPence: 153_050 }] });
  });
});

describe('workbooks: every sheet listed with a guess, picked before the columns', () => {
  // Sheet "Data": 10.00 + 20.00 + 30.50 = 60.50 (6050p), 2020-21.
  const notesFirst = () =>
    writeXlsx(wb.dir, 'notes-first.xlsx', [
      { name: 'Notes', rows: [['About this file'], ['Date', 'The date the payment was made'], ['Amount', 'The amount paid, in pounds'], ['Supplier', 'Who was paid']] },
      {
        name: 'Data',
        rows: [
          ['Date', 'Supplier', 'Amount'],
          [new Date(Date.UTC(2020, 3, 1)), 'Acme', 10],
          [new Date(Date.UTC(2020, 3, 2)), 'Bolt', 20],
          [new Date(Date.UTC(2020, 3, 3)), 'Cogs', 30.5],
        ],
      },
    ]);

  it('a notes sheet in front is passed over, and the sheets can be listed before any mapping', async () => {
    const file = await notesFirst();
    const up = await wb.call('upload.fromPath', { path: file });
    const sheets = await wb.call('spend.sheets', { uploadId: up.uploadId });
    expect(sheets).toMatchObject({ kind: 'xlsx', sheets: [{ name: 'Notes', chosen: false, transactions: false }, { name: 'Data', chosen: true, transactions: true }] });
    const r = await imported(file, 'Anytown Council');
    expect(r).toMatchObject({ sheet: 'Data', rows: 3, totalPence: 6_050, dateStyle: 'excel' });
    // The user may still choose the notes sheet, and is told plainly why it is not a ledger.
    expect(await importFile(wb, file, 'Elsewhere', { sheet: 'Notes', allowDuplicateFile: true })).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
  });

  it('a workbook written by openpyxl keeps its real sheet names, in the guess, in --sheet and in the provenance', async () => {
    const file = path.join(import.meta.dirname, '../fixtures/spend/openpyxl/openpyxl-payments.xlsx');
    const up = await wb.call('upload.fromPath', { path: file });
    expect((await wb.call('spend.sheets', { uploadId: up.uploadId })).sheets.map((s) => [s.name, s.chosen])).toEqual([
      ['Field definitions', false],
      ['Payments Apr 2020', true],
      ['Pivot', false],
    ]);
    // 120.00 + 35.50 - 10.25 + 1,000.00 = 1,145.25 (see make_workbook.py).
    const r = await imported(file, 'Anytown Council', { sheet: 'payments apr 2020' });
    expect(r).toMatchObject({ sheet: 'Payments Apr 2020', rows: 4, totalPence: 114_525, sheets: ['Field definitions', 'Payments Apr 2020', 'Pivot'] });
    const line = (await wb.call('spend.lines', { fileId: r.fileId! })).lines[0]!;
    expect(line).toMatchObject({ sheet: 'Payments Apr 2020', row: 2, supplier: 'Acme Care Ltd', amountPence: 12_000, date: '2020-04-01' });
    expect((await wb.call('spend.files', {}))[0]!.sheet).toBe('Payments Apr 2020');
  });
});

describe('column guessing', () => {
  it('service area and expense type under headings with "code" in them hold names, not codes (Craven)', async () => {
    // 250.00 + 99.99 = 349.99 (34999p).
    const file = writeText(
      wb.dir,
      'craven-style.csv',
      ['Paid Date,Cost Centre Code,Service Code,Expense Code,Creditor Name,Net Amount', '01/05/2020,CC1001,Refuse Collection,Vehicle Fuel,Fuel Co,250.00', '02/05/2020,CC2002,Leisure Centres,Cleaning Materials,Shine Ltd,99.99'].join('\n'),
    );
    const p = await previewed(file, 'Craven District Council');
    expect(p.columns).toEqual({ date: 'Paid Date', amount: 'Net Amount', supplier: 'Creditor Name', serviceArea: 'Service Code', expenseType: 'Expense Code' });
    expect(p).toMatchObject({ rows: 2, totalPence: 34_999 });
  });

  it('"Subj Description" is the expense type, not the description (Lambeth)', async () => {
    const file = writeText(wb.dir, 'lambeth-style.csv', ['Date Paid,Supplier Name,Service Area,Subj Description,Amount', '03/06/2020,Acme,Adults,Residential Care,500.00'].join('\n'));
    const p = await previewed(file, 'Lambeth');
    expect(p.columns).toMatchObject({ expenseType: 'Subj Description' });
    expect(p.columns.description).toBeUndefined();
  });

  it('a column chosen for two roles is shown as a problem beside the mapping, and fixed in place', async () => {
    const file = writeText(wb.dir, 'x.csv', 'Date,Supplier,Amount\n01/04/2020,Acme,1.00\n');
    const clash = await previewed(file, 'X', { mapping: { supplier: 2 } });
    expect(clash.mappingProblems.supplier).toMatch(/"Amount" is also chosen for Amount/);
    expect(clash.mapping).toMatchObject({ amount: { index: 2 }, supplier: { index: 2 } });
    const fixed = await previewed(file, 'X', { mapping: { supplier: 1 } });
    expect(fixed.mappingProblems).toEqual({});
    expect(fixed).toMatchObject({ rows: 1, totalPence: 100 });
  });

  it('the preview says how the dates are written', async () => {
    expect((await previewed(writeText(wb.dir, 'iso.csv', 'Date,Supplier,Amount\n2017-07-04,A,1.00\n'), 'X')).dateStyle).toBe('iso');
    expect((await previewed(writeText(wb.dir, 'dmy.csv', 'Date,Supplier,Amount\n04/07/2017,A,1.00\n'), 'X')).dateStyle).toBe('dmy');
    expect((await previewed(writeText(wb.dir, 'mdy.csv', 'Date,Supplier,Amount\n07/24/2017,A,1.00\n'), 'X')).dateStyle).toBe('mdy');
  });
});

describe('the same file under two organisations', () => {
  it('is refused as double counting unless allowed, and the allowed duplicate is recorded', async () => {
    // 100.00 + 50.00 = 150.00.
    const file = writeText(wb.dir, 'shared-service.csv', 'Date,Supplier,Amount\n01/04/2020,Acme,100.00\n02/04/2020,Bolt,50.00\n');
    const first = await imported(file, 'Anytown Council');
    const p = await previewed(file, 'Anytown Police');
    expect(p.duplicates).toEqual([{ fileId: first.fileId, fileName: 'shared-service.csv', organisation: 'Anytown Council', importedAt: '2026-11-26T10:00:00.000Z' }]);
    const before = counts(wb);
    expect(await importFile(wb, file, 'Anytown Police')).toMatchObject({ ok: false, error: { code: 'DUPLICATE_IMPORT', message: expect.stringContaining('would count the same spend twice') } });
    expect(counts(wb)).toEqual(before);
    const second = await imported(file, 'Anytown Police', { allowDuplicateFile: true });
    expect(second).toMatchObject({ rows: 2, totalPence: 15_000 });
    expect((await wb.call('spend.files', {})).find((f) => f.id === second.fileId)).toMatchObject({ duplicateOf: { fileId: first.fileId, organisation: 'Anytown Council' } });
  });

  it('a large file under another name is still the same file: hashed as it is read, refused with nothing changed, recorded when allowed', async () => {
    // Past the first 64 KB an import hashes a CSV as it reads it rather than before. 3,000 lines of
    // 1.00 = 3,000.00 (300,000p).
    const text = `Date,Supplier,Amount\n${Array.from({ length: 3000 }, (_, i) => `01/04/2020,Supplier number ${i},1.00`).join('\n')}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(65_536);
    const file = writeText(wb.dir, 'ledger-april.csv', text);
    const sha256 = crypto.createHash('sha256').update(text).digest('hex');
    const first = await imported(file, 'Anytown Council');
    expect(first).toMatchObject({ rows: 3000, totalPence: 300_000, duplicates: [] });
    expect((await wb.call('spend.files', {})).find((f) => f.id === first.fileId)).toMatchObject({ sha256 });
    const copy = path.join(wb.dir, 'copy of ledger.csv');
    fs.copyFileSync(file, copy);
    const before = counts(wb);
    expect(await importFile(wb, copy, 'Anytown Council')).toMatchObject({ ok: false, error: { code: 'DUPLICATE_IMPORT' } });
    expect(await importFile(wb, copy, 'Anytown Police')).toMatchObject({ ok: false, error: { code: 'DUPLICATE_IMPORT', message: expect.stringContaining('would count the same spend twice') } });
    expect(counts(wb)).toEqual(before);
    const second = await imported(copy, 'Anytown Police', { allowDuplicateFile: true });
    expect(second).toMatchObject({ rows: 3000, totalPence: 300_000, duplicates: [{ organisation: 'Anytown Council' }] });
    expect((await wb.call('spend.files', {})).find((f) => f.id === second.fileId)).toMatchObject({ sha256, duplicateOf: { fileId: first.fileId } });
    expectAggregatesMatchLines();
  });

  it('the command line refuses it (exit 2) and takes --allow-duplicate-file', () => {
    const file = writeText(wb.dir, 'shared-service.csv', 'Date,Supplier,Amount\n01/04/2020,Acme,100.00\n');
    const db = path.join(wb.dir, 'cli.db');
    expect(tpw(['spend', 'import', file, '--org', 'A', '--db', db]).status).toBe(0);
    const refused = tpw(['spend', 'import', file, '--org', 'B', '--db', db, '--json']);
    expect(refused.status).toBe(2);
    expect(refused.json()).toMatchObject({ error: { code: 'DUPLICATE_IMPORT' } });
    const allowed = tpw(['spend', 'import', file, '--org', 'B', '--allow-duplicate-file', '--db', db, '--json']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(allowed.json()).toMatchObject({ rows: 1, duplicates: [{ organisation: 'A' }] });
  });
});

describe('an encoding settled by reading the whole file', () => {
  it('a large file that is UTF-8 at the start and Windows-1252 further on is read as Windows-1252, £ and é intact', async () => {
    // 3,000 lines of 1.00 in plain ASCII, then "Café £ Ltd" in Windows-1252 (é = E9, £ = A3) for
    // 2.50: 3,002.50 (300,250p). Only the scan, not the first look at the file, meets those bytes.
    const text = `Date,Supplier,Amount\r\n${Array.from({ length: 3000 }, (_, i) => `01/04/2020,Supplier number ${i},1.00`).join('\r\n')}\r\n02/04/2020,Café £ Ltd,2.50\r\n`;
    const file = writeText(wb.dir, 'late-accent.csv', text, 'windows-1252');
    expect(fs.statSync(file).size).toBeGreaterThan(65_536 + 100);
    const r = await imported(file, 'Anytown Council');
    expect(r).toMatchObject({ rows: 3001, totalPence: 300_250, encoding: 'windows-1252' });
    const files = await wb.call('spend.files', {});
    expect(files[0]).toMatchObject({ encoding: 'windows-1252', sha256: crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') });
    expect(wb.ctx.sqlite.prepare("SELECT supplier, amount_pence FROM spend_lines WHERE supplier LIKE 'Caf%'").all()).toEqual([{ supplier: 'Café £ Ltd', amount_pence: 250 }]);
    expectAggregatesMatchLines();
  });
});

describe('classification: rules for one organisation, themes set by hand, hit counts', () => {
  // Council: Adult Social Care 100.00 + 40.00; Custody 10.00. Police: Custody 300.00 + 25.00.
  async function setUp() {
    const older = (await wb.call('theme.add', { name: 'Older people' })).id;
    const offenders = (await wb.call('theme.add', { name: 'Offenders' })).id;
    const council = await imported(
      writeText(wb.dir, 'council.csv', 'Date,Service Area,Supplier,Amount\n01/04/2020,Adult Social Care,Sunny Care,100.00\n02/04/2020,Adult Social Care,Helping Hands,40.00\n03/04/2020,Custody,Locks Ltd,10.00\n'),
      'Anytown Council',
    );
    const police = await imported(writeText(wb.dir, 'police.csv', 'Date,Service Area,Supplier,Amount\n01/05/2020,Custody,Cells Ltd,300.00\n02/05/2020,Custody,Keys Ltd,25.00\n'), 'Anytown Police');
    return { older, offenders, council, police };
  }

  it('a rule limited to one organisation leaves the others alone; hits are counted per rule', async () => {
    const s = await setUp();
    const custody = await wb.call('spendRule.add', { field: 'serviceArea', op: 'equals', pattern: 'Custody', themeId: s.offenders, organisationId: s.police.organisationId });
    expect(custody.reclassified).toBe(2);
    expect(custody.rule.organisationId).toBe(s.police.organisationId);
    const adults = await wb.call('spendRule.add', { field: 'serviceArea', op: 'contains', pattern: 'adult', themeId: s.older });
    const hits = await wb.call('spendRule.hits', {});
    expect(hits.byRule).toEqual({ [custody.rule.id]: { rows: 2, totalPence: 32_500 }, [adults.rule.id]: { rows: 2, totalPence: 14_000 } });
    // The council's Custody line stays unclassified.
    const un = await wb.call('spend.unclassified', {});
    expect(un.groups).toEqual([expect.objectContaining({ organisation: 'Anytown Council', serviceArea: 'Custody', rows: 1, totalPence: 1_000 })]);
    expectAggregatesMatchLines();
  });

  it('a theme set by hand is kept when the rules are re-applied, shown as by hand, and can be handed back', async () => {
    const s = await setUp();
    const adults = await wb.call('spendRule.add', { field: 'serviceArea', op: 'contains', pattern: 'adult', themeId: s.older });
    const councilLines = (await wb.call('spend.lines', { fileId: s.council.fileId! })).lines;
    const helping = councilLines.find((l) => l.supplier === 'Helping Hands')!;
    expect(helping.classifiedBy).toEqual({ kind: 'rule', ruleId: adults.rule.id });
    // Helping Hands was really a payment for a young offender's placement.
    expect(await wb.call('spend.setLineTheme', { lineKeys: [helping.lineKey], themeId: s.offenders })).toEqual({ changed: 1 });
    expect(await wb.call('spend.reclassify', {})).toEqual({ reclassified: 0 });
    await wb.call('spendRule.add', { field: 'supplier', op: 'contains', pattern: 'helping', themeId: s.older, priority: 1 });
    const after = (await wb.call('spend.lines', { fileId: s.council.fileId! })).lines.find((l) => l.lineKey === helping.lineKey)!;
    expect(after).toMatchObject({ theme: 'Offenders', classifiedBy: { kind: 'manual', setBy: expect.any(String), setAt: '2026-11-26T10:00:00.000Z' } });
    expect((await wb.call('spendRule.hits', {})).manual).toEqual({ rows: 1, totalPence: 4_000 });
    expect((await wb.call('spend.lines', { classifiedBy: 'manual' })).lines.map((l) => l.supplier)).toEqual(['Helping Hands']);
    expectAggregatesMatchLines();
    // Back to the rules: the new priority-1 supplier rule now decides it.
    expect(await wb.call('spend.clearLineTheme', { lineKeys: [helping.lineKey] })).toEqual({ changed: 1 });
    const back = (await wb.call('spend.lines', { fileId: s.council.fileId! })).lines.find((l) => l.lineKey === helping.lineKey)!;
    expect(back).toMatchObject({ theme: 'Older people', classifiedBy: { kind: 'rule' } });
    expectAggregatesMatchLines();
    // A line that does not exist: refused, nothing changed.
    expect(await wb.dispatch('spend.setLineTheme', { lineKeys: [999_999], themeId: s.older })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('deleting a file takes exactly its share out of every aggregate', async () => {
    const s = await setUp();
    await wb.call('spendRule.add', { field: 'serviceArea', op: 'contains', pattern: 'adult', themeId: s.older });
    const line = (await wb.call('spend.lines', { fileId: s.council.fileId! })).lines[0]!;
    await wb.call('spend.setLineTheme', { lineKeys: [line.lineKey], themeId: null });
    await wb.call('spend.deleteFile', { id: s.council.fileId! });
    expectAggregatesMatchLines();
    expect((await wb.call('spend.summary', {})).map((r) => [r.organisation, r.rows, r.totalPence])).toEqual([['Anytown Police', 2, 32_500]]);
    expect(wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM spend_line_themes').get()).toEqual({ n: 0 });
  });
});

describe('the unclassified work list and the lines behind a figure', () => {
  it('pages through every group with the true count, per organisation', async () => {
    // 250 service areas; area i is paid i pence + 1 pound, so the biggest is area 249.
    const rows = ['Date,Service Area,Supplier,Amount'];
    for (let i = 0; i < 250; i++) rows.push(`01/04/2020,Area ${String(i).padStart(3, '0')},Acme,${(100 + i / 100).toFixed(2)}`);
    const r = await imported(writeText(wb.dir, 'many.csv', rows.join('\n')), 'Big Council');
    await imported(writeText(wb.dir, 'small.csv', 'Date,Service Area,Supplier,Amount\n01/04/2020,Parks,Acme,1.00\n'), 'Small Council');
    const first = await wb.call('spend.unclassified', { limit: 100 });
    expect(first).toMatchObject({ totalGroups: 251, totalRows: 251 });
    expect(first.groups).toHaveLength(100);
    expect(first.groups[0]).toMatchObject({ organisation: 'Big Council', serviceArea: 'Area 249', totalPence: 10_249 });
    const last = await wb.call('spend.unclassified', { offset: 200, limit: 100 });
    expect(last.groups).toHaveLength(51);
    expect(last.groups.at(-1)).toMatchObject({ organisation: 'Small Council', serviceArea: 'Parks' });
    expect((await wb.call('spend.unclassified', { organisationId: r.organisationId! })).totalGroups).toBe(250);
  });

  it('is sorted by the server in any column, blanks last, and refuses an order it does not know', async () => {
    // Three groups: Parks (2 lines, £3.00), no service area (1 line, −£50.00), adult care (1 line, £7.00).
    await imported(writeText(wb.dir, 'sorts.csv', 'Date,Service Area,Supplier,Amount\n01/04/2020,Parks,A,1.00\n02/04/2020,Parks,B,2.00\n03/04/2020,,C,-50.00\n04/04/2020,adult care,D,7.00\n'), 'Council');
    const order = async (input: object) => (await wb.call('spend.unclassified', input)).groups.map((g) => g.serviceArea);
    expect(await order({})).toEqual([null, 'adult care', 'Parks']);
    expect(await order({ sort: 'serviceArea' })).toEqual(['adult care', 'Parks', null]);
    expect(await order({ sort: 'serviceArea', dir: 'desc' })).toEqual(['Parks', 'adult care', null]);
    expect(await order({ sort: 'lines' })).toEqual(['Parks', null, 'adult care']);
    expect(await order({ sort: 'total', dir: 'asc' })).toEqual(['Parks', 'adult care', null]);
    const refused = await wb.dispatch('spend.unclassified', { sort: 'supplier' });
    expect(refused.ok ? null : refused.error.message).toContain('Sort by one of total, organisation, serviceArea, expenseType, lines');
  });

  it('lines can be sorted, searched and exported with their provenance', async () => {
    // 10.00, 250.00, -5.00 and 99.50, two of them to "Care" suppliers.
    const r = await imported(
      writeText(wb.dir, 'lines.csv', 'Date,Supplier,Description,Amount\n01/04/2020,Sunny Care,Respite,10.00\n02/04/2020,Bolt Builders,Roof,250.00\n03/04/2020,Bolt Builders,Refund,-5.00\n04/04/2020,Care Direct,Home visit,99.50\n'),
      'Anytown Council',
    );
    const byAmount = await wb.call('spend.lines', { fileId: r.fileId!, sort: 'amount', dir: 'desc' });
    expect(byAmount.lines.map((l) => l.amountPence)).toEqual([25_000, 9_950, 1_000, -500]);
    const care = await wb.call('spend.lines', { fileId: r.fileId!, q: 'care' });
    expect([care.total, care.totalPence, care.lines.map((l) => l.supplier)]).toEqual([2, 10_950, ['Sunny Care', 'Care Direct']]);
    // More found than one page holds: the count is still of everything found.
    const firstOfTwo = await wb.call('spend.lines', { fileId: r.fileId!, q: 'care', limit: 1 });
    expect([firstOfTwo.total, firstOfTwo.totalPence, firstOfTwo.lines.map((l) => l.supplier)]).toEqual([2, 10_950, ['Sunny Care']]);
    const none = await wb.call('spend.lines', { fileId: r.fileId!, q: 'nowhere' });
    expect([none.total, none.totalPence, none.lines]).toEqual([0, 0, []]);
    const bySupplier = await wb.call('spend.lines', { organisationId: r.organisationId!, sort: 'supplier' });
    expect(bySupplier.lines.map((l) => l.supplier)).toEqual(['Bolt Builders', 'Bolt Builders', 'Care Direct', 'Sunny Care']);
    const csv = await wb.call('spend.exportLines', { fileId: r.fileId!, q: 'care', sort: 'amount', dir: 'desc', format: 'csv' });
    const text = fs.readFileSync(csv.path, 'utf8');
    expect(text.split('\r\n').slice(0, 3)).toEqual([
      '\ufeffDate,Period end,Financial year,Amount (£),Supplier,Service area,Expense type,Transaction id,Organisation unit,Description,Theme,Classified,Organisation,Source file,Sheet,Row',
      '2020-04-04,,2020-21,99.50,Care Direct,,,,,Home visit,Unclassified,,Anytown Council,lines.csv,,5',
      '2020-04-01,,2020-21,10.00,Sunny Care,,,,,Respite,Unclassified,,Anytown Council,lines.csv,,2',
    ]);
  });

  it('a financial year is its lines from 1 April to 31 March in every order; a name that is no year finds nothing', async () => {
    const r = await imported(
      writeText(wb.dir, 'years.csv', 'Date,Supplier,Amount\n31/03/2020,S1,1.00\n01/04/2020,S2,2.00\n31/03/2021,S3,3.00\n01/04/2021,S4,4.00\n'),
      'Anytown Council',
    );
    for (const sort of ['date', 'amount', 'supplier'] as const) {
      for (const q of [undefined, 's']) {
        const page = await wb.call('spend.lines', { fileId: r.fileId!, year: '2020-21', sort, q });
        expect([sort, q, page.total, page.lines.map((l) => l.supplier).sort()]).toEqual([sort, q, 2, ['S2', 'S3']]);
      }
    }
    for (const year of ['2020-99', '2020-04']) {
      const page = await wb.call('spend.lines', { fileId: r.fileId!, year, q: 's' });
      expect([year, page.total, page.lines]).toEqual([year, 0, []]);
    }
  });

  it('a page past the middle (read from the other end) holds exactly the lines of that place in the order', async () => {
    // Dates that repeat, suppliers that differ only in case or are missing, amounts that tie.
    const body = Array.from({ length: 23 }, (_, i) => `${String(1 + (i % 4)).padStart(2, '0')}/0${4 + (i % 3)}/202${i % 2},${['Acme', 'acme', '', 'Zed'][i % 4]},${(i % 5) * 10}.00`);
    const r = await imported(writeText(wb.dir, 'pages.csv', `Date,Supplier,Amount\n${body.join('\n')}\n`), 'Anytown Council');
    for (const place of [{ fileId: r.fileId! }, { organisationId: r.organisationId! }, { fileId: r.fileId!, q: 'acme' }]) {
      for (const sort of ['date', 'row', 'amount', 'supplier'] as const) {
        for (const dir of ['asc', 'desc'] as const) {
          const all = (await wb.call('spend.lines', { ...place, sort, dir, limit: 1000 })).lines.map((l) => l.row);
          for (let offset = 0; offset <= all.length; offset += 1) {
            const page = await wb.call('spend.lines', { ...place, sort, dir, offset, limit: 5 });
            expect([sort, dir, offset, page.lines.map((l) => l.row)]).toEqual([sort, dir, offset, all.slice(offset, offset + 5)]);
          }
        }
      }
    }
  });
});

describe('the dashboard counts spend per financial year', () => {
  it('shows the latest complete year, with every year on its own', async () => {
    // 2017-18: 10.00; 2020-21: 20.00 + 5.00; 2026-27 (not over on 26 Nov 2026): 40.00.
    await imported(writeText(wb.dir, 'a.csv', 'Date,Supplier,Amount\n01/06/2017,A,10.00\n01/06/2020,B,20.00\n'), 'Council');
    await imported(writeText(wb.dir, 'b.csv', 'Date,Supplier,Amount\n02/06/2020,C,5.00\n01/06/2026,D,40.00\n'), 'Police');
    const spend = (await wb.call('dashboard.summary', {})).spend!;
    expect(spend).toMatchObject({ year: '2020-21', years: ['2017-18', '2020-21', '2026-27'], totalPence: 2_500 });
    expect(spend.byAgency).toEqual([
      { organisation: 'Council', totalPence: 2_000 },
      { organisation: 'Police', totalPence: 500 },
    ]);
    expect(spend.byYear.map((y) => [y.year, y.complete, y.totalPence])).toEqual([
      ['2017-18', true, 1_000],
      ['2020-21', true, 2_500],
      ['2026-27', false, 4_000],
    ]);
  });
});
