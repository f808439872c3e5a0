/**
 * Synthetic files, one per quirk of published spend data. Every expected figure is worked out by
 * hand from the rows written here (shown in the comments), not by running the importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpendImportResult, SpendPreview } from '../../shared/domain/spend';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { counts, importFile, previewFile, writeText, writeXlsx } from '../fixtures/spend/make';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(async () => {
  await wb.cleanup();
});

async function imported(file: string, org = 'Anytown Borough Council', extra: Record<string, unknown> = {}): Promise<SpendImportResult> {
  const r = await importFile(wb, file, org, extra);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as SpendImportResult;
}
const lineAt = (fileId: string, row: number) =>
  wb.ctx.sqlite.prepare('SELECT l.date, l.financial_year, l.amount_pence, l.supplier, l.service_area, l.expense_type, l.transaction_ref FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no WHERE f.id = ? AND l.row_number = ?').get(fileId, row);
const byYear = async () => Object.fromEntries((await wb.call('spend.summary', {})).map((s) => [s.year, s.totalPence]));

const COUNCIL_CSV = [
  'Expenditure over £500 — Anytown Borough Council', // 1 preamble
  'Published 05/05/2020', // 2 preamble
  '', // 3 blank
  'Date Paid,Supplier,Service Area,Expense Type,Amount £,Transaction No', // 4 header
  '01/04/2020,Acme Ltd,Adult Social Care,Residential care,"£1,200.00",T1', // 5   120000
  '02/04/2020,"Bolt, Nut & Co",Housing,Repairs,(250.50),T2', // 6                  -25050
  '', // 7 blank
  '03/04/2020,Care Homes Ltd,Adult Social Care,Residential care,"£10,000.00",T3', // 8  1000000
  '03/04/2020,Care Homes Ltd,Adult Social Care,Residential care,"£10,000.00",T3', // 9  1000000 (identical: kept)
  '04/04/2020,Acme Ltd,Housing,Repairs,99.99 CR,T4', // 10                           -9999
  'Date Paid,Supplier,Service Area,Expense Type,Amount £,Transaction No', // 11 repeated header
  '31/03/2020,Old Year Ltd,Housing,Repairs,£500.00,T5', // 12                        50000 (FY 2019-20)
  ',,,,"£21,349.51",', // 13 an unlabelled total
  'Total,,,,"£21,349.51",', // 14 labelled total
].join('\r\n');

describe('council ledger quirks', () => {
  it('BOM, preamble, £ in header and values, separators, parentheses and CR negatives, blanks, repeats and totals', async () => {
    const file = writeText(wb.dir, 'anytown.csv', `${COUNCIL_CSV}\r\n`, 'utf-8-bom');
    const r = await imported(file);
    // 120000 - 25050 + 1000000 + 1000000 - 9999 + 50000 = 2134951
    expect(r).toMatchObject({ rows: 6, totalPence: 2_134_951, headerRow: 4, encoding: 'utf-8', delimiter: ',', badRowTotal: 0 });
    expect(r.columns).toMatchObject({ date: 'Date Paid', amount: 'Amount £', supplier: 'Supplier', serviceArea: 'Service Area', expenseType: 'Expense Type', transactionRef: 'Transaction No' });
    expect(r.skipped).toEqual([
      { row: 1, reason: 'report preamble above the header row' },
      { row: 2, reason: 'report preamble above the header row' },
      { row: 3, reason: 'blank row' },
      { row: 7, reason: 'blank row' },
      { row: 11, reason: 'repeated header row' },
      { row: 13, reason: 'looks like a total: an amount with no date or details' },
      { row: 14, reason: 'total row ("Total")' },
    ]);
    expect(lineAt(r.fileId!, 6)).toMatchObject({ supplier: 'Bolt, Nut & Co', amount_pence: -25050, date: '2020-04-02' });
    expect(lineAt(r.fileId!, 9)).toMatchObject({ supplier: 'Care Homes Ltd', amount_pence: 1_000_000, transaction_ref: 'T3' });
    expect(await byYear()).toEqual({ '2019-20': 50_000, '2020-21': 2_084_951 });
  });

  it('Windows-1252 £ and é, semicolons, dd-Mon-yy dates, duplicate and oddly spaced headers', async () => {
    const text = [
      ' Payment  Date ; Supplier   Name ;Amount;Amount;Expense Type',
      '05-Apr-18;Café Nero;£1,234.00;0.00;Refreshments', // 123400, FY 2018-19
      '31-Mar-19;Smith & Sons;£250.00;0.00;Tools', //        25000, FY 2018-19
      '01-Apr-19;Smith & Sons;-£50.00;0.00;Tools', //        -5000, FY 2019-20
    ].join('\r\n');
    const file = writeText(wb.dir, 'semicolon.csv', text, 'windows-1252');
    expect(fs.readFileSync(file).includes(0xa3)).toBe(true);
    const r = await imported(file);
    expect(r).toMatchObject({ rows: 3, totalPence: 143_400, encoding: 'windows-1252', delimiter: ';', headerRow: 1 });
    expect(r.headers).toEqual(['Payment Date', 'Supplier Name', 'Amount', 'Amount (2)', 'Expense Type']);
    expect(r.columns).toMatchObject({ date: 'Payment Date', supplier: 'Supplier Name', amount: 'Amount', expenseType: 'Expense Type' });
    expect(lineAt(r.fileId!, 2)).toMatchObject({ supplier: 'Café Nero', date: '2018-04-05', amount_pence: 123_400 });
    expect(await byYear()).toEqual({ '2018-19': 148_400, '2019-20': -5_000 });
  });

  it('a month-first file is detected from the file as a whole', async () => {
    // 04/13/2020 can only be month-first, so 05/01/2020 is 1 May, not 5 January.
    const file = writeText(wb.dir, 'us.csv', 'Date,Vendor,Amount\n04/13/2020,Acme,100.00\n05/01/2020,Acme,200.00\n12/31/2020,Acme,300.00\n');
    const r = await imported(file);
    expect(r).toMatchObject({ rows: 3, totalPence: 60_000, dateOrder: 'mdy' });
    expect(lineAt(r.fileId!, 3)).toMatchObject({ date: '2020-05-01', financial_year: '2020-21' });
    expect(await byYear()).toEqual({ '2020-21': 60_000 });
  });

  it('a day-first file stays day-first, and a lone month-first date in it is a bad row, not a guess', async () => {
    const file = writeText(wb.dir, 'mixed.csv', 'Date,Vendor,Amount\n13/04/2020,Acme,100.00\n05/01/2020,Acme,200.00\n04/13/2020,Acme,300.00\n');
    const refused = await importFile(wb, file, 'Anytown');
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    if (!refused.ok) expect(refused.error.message).toContain('row 4 (the date "04/13/2020" only makes sense month-first');
    const r = await imported(file, 'Anytown', { skipBadRows: true });
    expect(r).toMatchObject({ rows: 2, totalPence: 30_000, dateOrder: 'dmy', skippedBadRows: 1 });
    expect(lineAt(r.fileId!, 3)).toMatchObject({ date: '2020-01-05', financial_year: '2019-20' });
  });

  it('quoted cells with commas and line breaks, across the reader\'s chunk boundaries', async () => {
    // 3,000 rows of £1.00 (300,000p); every 7th supplier spans two lines inside quotes. The file is
    // well over the 64 KiB read size, so some quoted line breaks fall across chunk boundaries.
    const rows = ['Date,Supplier,Description,Amount'];
    for (let i = 0; i < 3000; i++) rows.push(`01/06/2020,${i % 7 === 0 ? `"Smith,\nJones ${i}"` : `Supplier ${i}`},"${'x'.repeat(40)}, padded",1.00`);
    const file = writeText(wb.dir, 'multiline.csv', rows.join('\r\n'));
    expect(fs.statSync(file).size).toBeGreaterThan(3 * 65536);
    const r = await imported(file);
    expect(r).toMatchObject({ rows: 3000, totalPence: 300_000, skippedTotal: 0, badRowTotal: 0 });
    // Record 2 is the first data row (i = 0); record 2,802 is i = 2,800, a multiple of 7.
    expect(lineAt(r.fileId!, 2)).toMatchObject({ supplier: 'Smith, Jones 0' });
    expect(lineAt(r.fileId!, 2802)).toMatchObject({ supplier: 'Smith, Jones 2800' });
    expect(lineAt(r.fileId!, 3001)).toMatchObject({ supplier: 'Supplier 2999' });
  });

  it('Excel serial dates in a CSV', async () => {
    // 43556 = 2019-04-01 (43101 is 2018-01-01; +365 → 2019-01-01; +90 → 1 April); 43555 = 2019-03-31.
    const file = writeText(wb.dir, 'serials.csv', 'Transaction Date,Payee,Net Amount\n43556,Acme,10.00\n43555,Acme,20.00\n');
    const r = await imported(file);
    expect(r).toMatchObject({ rows: 2, totalPence: 3_000 });
    expect(lineAt(r.fileId!, 2)).toMatchObject({ date: '2019-04-01' });
    expect(await byYear()).toEqual({ '2018-19': 2_000, '2019-20': 1_000 });
  });
});

async function workbook(dir: string) {
  return writeXlsx(dir, 'workbook.xlsx', [
    { name: 'Notes', rows: [['This workbook lists spend over £500'], ['Contact the finance team with questions']] },
    {
      name: ' Spend  ',
      origin: [3, 2], // the table starts at B3, not A1
      rows: [
        ['Anytown Council spend, April 2020', null, null, null], // row 3: preamble
        [null, null, null, null], //                                row 4: empty (not stored in XLSX)
        ['Date', 'Supplier', 'Expense Area', 'Amount'], //          row 5: header
        [new Date(Date.UTC(2020, 3, 1)), 'Acme', 'Parks', 1200.5], //       row 6: 120050
        ['02/04/2020', 'Bolt', 'Roads', -300], //                            row 7: -30000
        [new Date(Date.UTC(2020, 3, 3)), 'Cogs', 'Parks', 0.1 + 0.2], //    row 8: 30 (0.30000000000000004)
      ],
    },
    { name: 'Summary', rows: [['Total', 90_080]] },
  ]);
}

describe('XLSX workbooks', () => {
  it('finds the spend sheet among several, with a stray-spaced name and an offset table', async () => {
    const file = await workbook(wb.dir);
    const r = await imported(file);
    // 120050 - 30000 + 30 = 90080
    expect(r).toMatchObject({ kind: 'xlsx', sheet: ' Spend  ', sheets: ['Notes', ' Spend  ', 'Summary'], rows: 3, totalPence: 90_080, headerRow: 5, encoding: null });
    expect(r.columns).toMatchObject({ date: 'Date', supplier: 'Supplier', serviceArea: 'Expense Area', amount: 'Amount' });
    expect(r.skipped).toEqual([{ row: 3, reason: 'report preamble above the header row' }]);
    expect(lineAt(r.fileId!, 6)).toMatchObject({ date: '2020-04-01', amount_pence: 120_050, supplier: 'Acme', service_area: 'Parks' });
    expect(lineAt(r.fileId!, 8)).toMatchObject({ date: '2020-04-03', amount_pence: 30 });
  });

  it('a sheet named without its stray spaces is found; a missing sheet is named in the refusal', async () => {
    const file = await workbook(wb.dir);
    expect((await imported(file, 'Anytown', { sheet: 'spend' })).sheet).toBe(' Spend  ');
    const r = await importFile(wb, file, 'Elsewhere', { sheet: 'Payments' });
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE', message: expect.stringContaining('has no sheet called "Payments". Its sheets are: "Notes", " Spend  ", "Summary"') } });
  });
});

describe('bad input is refused with a clear message and nothing imported', () => {
  const cases: [string, (dir: string) => Promise<string> | string, RegExp][] = [
    ['an empty file', (d) => writeText(d, 'empty.csv', ''), /is empty \(0 bytes\)/],
    ['a binary file', (d) => {
      const f = path.join(d, 'data.csv');
      fs.writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      return f;
    }, /is a binary file, not a spend file/],
    ['a PDF', (d) => writeText(d, 'report.pdf', '%PDF-1.7\n1 0 obj\n'), /is a PDF document, not a spend file/],
    ['a text file that is not a spend file', (d) => writeText(d, 'notes.csv', 'Minutes of the partnership board\nPresent: the chair, the treasurer\nApologies were received\n'), /does not look like a spend file/],
    ['a file with no amount column', (d) => writeText(d, 'noamount.csv', 'Date,Supplier,Notes\n01/04/2020,Acme,hello\n02/04/2020,Bolt,world\n'), /has no amount column that could be recognised\. Its columns are: Date, Supplier, Notes/],
    ['a truncated XLSX', async (d) => {
      const full = await workbook(d);
      const bytes = fs.readFileSync(full);
      const f = path.join(d, 'truncated.xlsx');
      fs.writeFileSync(f, bytes.subarray(0, Math.floor(bytes.length / 2)));
      return f;
    }, /incomplete XLSX file \(it looks truncated/],
  ];
  it.each(cases)('%s', async (_what, make, message) => {
    const file = await make(wb.dir);
    const before = counts(wb);
    const r = await importFile(wb, file, 'A New Body');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_FILE');
      expect(r.error.message).toMatch(message);
    }
    expect(counts(wb)).toEqual(before);
  });

  it('rows whose amount or date cannot be read refuse the import, naming them, unless the user skips them', async () => {
    const file = writeText(wb.dir, 'bad.csv', 'Date,Supplier,Amount\n01/04/2020,Acme,100.00\n02/04/2020,Bolt,abc\nnot a date,Cogs,50.00\n03/04/2020,Dyes,25.00\n');
    const before = counts(wb);
    const r = await importFile(wb, file, 'A New Body');
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_FILE' } });
    if (!r.ok) {
      expect(r.error.message).toContain('2 transaction rows could not be read');
      expect(r.error.message).toContain('row 3 (the amount "abc" cannot be read as money)');
      expect(r.error.message).toContain('row 4 (the date "not a date" cannot be read)');
    }
    expect(counts(wb)).toEqual(before);
    const ok = await imported(file, 'A New Body', { skipBadRows: true });
    expect(ok).toMatchObject({ rows: 2, totalPence: 12_500, skippedBadRows: 2 });
    const files = await wb.call('spend.files', {});
    expect(files[0]!.skipped).toEqual([
      { row: 3, reason: 'skipped by choice: the amount "abc" cannot be read as money' },
      { row: 4, reason: 'skipped by choice: the date "not a date" cannot be read' },
    ]);
  });
});

describe('preview and saved mappings', () => {
  it('preview shows the guess, sample, totals and problems, and saves nothing', async () => {
    const file = writeText(wb.dir, 'anytown.csv', COUNCIL_CSV);
    const before = counts(wb);
    const { result } = await previewFile(wb, file, 'Anytown Borough Council');
    if (!result.ok) throw new Error(result.error.message);
    const p = result.value as SpendPreview;
    expect(p).toMatchObject({ rows: 6, totalPence: 2_134_951, skippedTotal: 7, badRowTotal: 0, alreadyImported: false, organisationId: null });
    expect(p.mapping.amount).toEqual({ index: 4, header: 'Amount £', confidence: 'high' });
    expect(p.sample[0]).toMatchObject({ row: 5, date: '2020-04-01', amountPence: 120_000, supplier: 'Acme Ltd' });
    expect(counts(wb)).toEqual(before);
  });

  it('a corrected column is used, saved for the source, and next month’s file maps itself', async () => {
    const header = 'Date,Supplier,Gross,Net';
    const april = writeText(wb.dir, 'april.csv', `${header}\n01/04/2020,Acme,120.00,100.00\n02/04/2020,Bolt,60.00,50.00\n`);
    const { result } = await previewFile(wb, april, 'Police');
    if (!result.ok) throw new Error(result.error.message);
    expect((result.value as SpendPreview).mapping.amount).toMatchObject({ header: 'Net', confidence: 'high' });
    // The team wants gross spend: column 2.
    const r = await imported(april, 'Police', { mapping: { amount: 2 } });
    expect(r).toMatchObject({ totalPence: 18_000 });
    expect(r.mapping.amount).toEqual({ index: 2, header: 'Gross', confidence: 'chosen' });

    const may = writeText(wb.dir, 'may.csv', `${header}\n01/05/2020,Cogs,24.00,20.00\n`);
    const next = await previewFile(wb, may, 'police');
    if (!next.result.ok) throw new Error(next.result.error.message);
    expect((next.result.value as SpendPreview).mapping.amount).toEqual({ index: 2, header: 'Gross', confidence: 'saved' });
    expect((await imported(may, 'Police')).totalPence).toBe(2_400);
    expect(counts(wb).mappings).toBe(1);
  });

  it('a column chosen twice is refused with a field message', async () => {
    const file = writeText(wb.dir, 'x.csv', 'Date,Supplier,Amount\n01/04/2020,Acme,1.00\n');
    const r = await importFile(wb, file, 'X', { mapping: { supplier: 2 } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { 'mapping.supplier': 'Already chosen for Amount' } } });
  });
});

describe('progress and cancel', () => {
  it('reports progress while importing, and cancel leaves nothing behind', async () => {
    const rows = ['Date,Supplier,Amount'];
    for (let i = 0; i < 60_000; i++) rows.push(`0${1 + (i % 9)}/04/2020,Supplier ${i % 50},${(i % 1000) + 0.25}`);
    const file = writeText(wb.dir, 'big.csv', rows.join('\n'));
    const before = counts(wb);
    const importId = '01890a5d-ac96-774b-bcce-b302099a8057';
    const up = await wb.call('upload.fromPath', { path: file });
    const running = wb.dispatch('spend.import', { uploadId: up.uploadId, organisation: 'Big Council', importId });
    let seen = null;
    const until = Date.now() + 25_000;
    while (!seen && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 5));
      const p = await wb.call('spend.importProgress', { importId });
      if (p && p.rowsRead > 0) seen = p;
    }
    expect(seen).toMatchObject({ phase: 'reading' });
    expect(await wb.call('spend.cancelImport', { importId })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'REFUSED', message: 'The import was cancelled. Nothing was saved.' } });
    expect(await wb.call('spend.importProgress', { importId })).toMatchObject({ phase: 'cancelled' });
    expect(counts(wb)).toEqual(before);
  });
});
