/**
 * The real published files in /work/shared/fixtures/spend import as published.
 *
 * Expected figures were worked out independently of the importer, with Python's csv module and
 * Decimal on the raw bytes (cp1252 for the NHS file), e.g.
 *   python3 -c "import csv;from decimal import Decimal as D;r=list(csv.reader(open(f,newline='')));
 *               print(len(r)-1, sum(D(x[5].replace(',','')) for x in r[1:]))"
 * and cross-checked against SOURCES.md (record counts, negatives).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { counts, FIXTURES, importFile } from '../fixtures/spend/make';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(async () => {
  await wb.cleanup();
});

const line = (fileId: string, row: number) =>
  wb.ctx.sqlite.prepare('SELECT l.* FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no WHERE f.id = ? AND l.row_number = ?').get(fileId, row) as Record<string, unknown>;
const negatives = (fileId: string) =>
  wb.ctx.sqlite.prepare('SELECT count(*) n, sum(l.amount_pence) p FROM spend_lines l JOIN spend_files f ON f.file_no = l.file_no WHERE f.id = ? AND l.amount_pence < 0').get(fileId) as { n: number; p: number };

describe('real spend files import as published', () => {
  it('Oxford City Council expenditure over £500 (UTF-8, CRLF, no final newline)', async () => {
    const r = await importFile(wb, path.join(FIXTURES, 'oxford_expenditure-over-500-jul-sep-2017.csv'), 'Oxford City Council');
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value;
    expect(v).toMatchObject({ rows: 3259, totalPence: 1_134_400_535, encoding: 'utf-8', headerRow: 1, skippedTotal: 0, badRowTotal: 0, dateOrder: 'dmy' });
    expect(v.columns).toMatchObject({ date: 'Paid Date', amount: 'Amount', supplier: 'Supplier Name', serviceArea: 'Service Area', transactionRef: 'Trans No' });
    // Record 3 of the file: 18/07/2017, trans 46294528 - 1, £6,203.92 to HMRC.
    expect(line(v.fileId!, 3)).toMatchObject({ date: '2017-07-18', financial_year: '2017-18', amount_pence: 620392, supplier: 'HMRC', transaction_ref: '46294528 - 1', service_area: 'General Fund' });
    expect(negatives(v.fileId!)).toEqual({ n: 10, p: -50138 });
    const summary = await wb.call('spend.summary', {});
    expect(summary).toEqual([expect.objectContaining({ organisation: 'Oxford City Council', theme: null, themeId: null, year: '2017-18', rows: 3259, totalPence: 1_134_400_535 })]);
  });

  it('Trafford procurement cards (LGA schema, ISO dates, refunds)', async () => {
    const r = await importFile(wb, path.join(FIXTURES, 'trafford_procurement_card_2026-27.csv'), 'Trafford Council');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows: 2024, totalPence: 49_490_666, encoding: 'utf-8', headerRow: 1, skippedTotal: 0, badRowTotal: 0 });
    // PaymentDate, not the month-end EffectiveDate; the beneficiary, not the VAT column.
    expect(r.value.columns).toMatchObject({ date: 'PaymentDate', amount: 'Amount', supplier: 'BeneficiaryName', orgUnit: 'OrganisationalUnit' });
    expect(negatives(r.value.fileId!)).toEqual({ n: 114, p: -563135 });
    expect((await wb.call('spend.summary', {}))[0]).toMatchObject({ year: '2026-27', rows: 2024, totalPence: 49_490_666 });
  });

  it('Chelsea & Westminster NHS FT (Windows-1252, quoted amounts with separators)', async () => {
    const r = await importFile(wb, path.join(FIXTURES, 'nhs_chelsea_westminster_2020-04.csv'), 'Chelsea and Westminster NHS FT');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ rows: 141, totalPence: 2_196_360_556, encoding: 'windows-1252', headerRow: 1, skippedTotal: 0, badRowTotal: 0 });
    expect(r.value.columns).toMatchObject({ date: 'Date Paid', amount: 'amount', supplier: 'Supplier Name', serviceArea: 'Expense Area', expenseType: 'Expense Type', transactionRef: 'Transaction Reference' });
    // The en dash is byte 0x96 in Windows-1252 and must arrive as U+2013.
    expect(line(r.value.fileId!, 19)).toMatchObject({ expense_type: 'Recharges – Pay and non-pay costs', amount_pence: 18_689_082 });
    expect(line(r.value.fileId!, 141)).toMatchObject({ amount_pence: -13_287_652 });
    expect(negatives(r.value.fileId!)).toEqual({ n: 2, p: -44_766_920 });
    expect((await wb.call('spend.summary', {}))[0]).toMatchObject({ year: '2020-21', rows: 141, totalPence: 2_196_360_556 });
  });

  it('all three together give the whole place, one row per body and year', async () => {
    for (const [f, org] of [
      ['oxford_expenditure-over-500-jul-sep-2017.csv', 'Oxford City Council'],
      ['trafford_procurement_card_2026-27.csv', 'Trafford Council'],
      ['nhs_chelsea_westminster_2020-04.csv', 'Chelsea and Westminster NHS FT'],
    ] as const) {
      const r = await importFile(wb, path.join(FIXTURES, f), org);
      expect(r.ok).toBe(true);
    }
    const summary = await wb.call('spend.summary', {});
    expect(summary.map((s) => [s.organisation, s.year, s.rows, s.totalPence])).toEqual([
      ['Chelsea and Westminster NHS FT', '2020-21', 141, 2_196_360_556],
      ['Oxford City Council', '2017-18', 3259, 1_134_400_535],
      ['Trafford Council', '2026-27', 2024, 49_490_666],
    ]);
    expect(counts(wb).lines).toBe(3259 + 2024 + 141);
  });

  it('the same file again is refused and adds nothing, for the same body and (unless allowed) for another', async () => {
    const file = path.join(FIXTURES, 'oxford_expenditure-over-500-jul-sep-2017.csv');
    expect((await importFile(wb, file, 'Oxford City Council')).ok).toBe(true);
    const before = counts(wb);
    const again = await importFile(wb, file, 'oxford city council');
    expect(again).toMatchObject({ ok: false, error: { code: 'DUPLICATE_IMPORT' } });
    expect(counts(wb)).toEqual(before);
    // Another body: double counting, refused naming the first import, unless the user allows it.
    const other = await importFile(wb, file, 'Oxfordshire County Council');
    expect(other).toMatchObject({ ok: false, error: { code: 'DUPLICATE_IMPORT', message: expect.stringContaining('already been imported for Oxford City Council') } });
    expect(counts(wb)).toEqual(before);
    expect((await importFile(wb, file, 'Oxfordshire County Council', { allowDuplicateFile: true })).ok).toBe(true);
    expect(counts(wb).lines).toBe(2 * 3259);
  });

  it('results and the files page give the date range and the totals per financial year', async () => {
    const r = await importFile(wb, path.join(FIXTURES, 'oxford_expenditure-over-500-jul-sep-2017.csv'), 'Oxford City Council');
    if (!r.ok) throw new Error(r.error.message);
    // SOURCES.md: paid dates run from 04/07/2017 to 29/09/2017, all in 2017-18.
    expect(r.value).toMatchObject({ dateFrom: '2017-07-04', dateTo: '2017-09-29', dateStyle: 'dmy', years: [{ year: '2017-18', rows: 3259, totalPence: 1_134_400_535 }] });
    const t = await importFile(wb, path.join(FIXTURES, 'trafford_procurement_card_2026-27.csv'), 'Trafford Council');
    if (!t.ok) throw new Error(t.error.message);
    // ISO dates: the preview says so rather than "day first".
    expect(t.value.dateStyle).toBe('iso');
    const files = await wb.call('spend.files', {});
    expect(files.find((f) => f.organisation === 'Oxford City Council')).toMatchObject({ dateFrom: '2017-07-04', dateTo: '2017-09-29', years: [{ year: '2017-18', rows: 3259, totalPence: 1_134_400_535 }] });
  });
});
