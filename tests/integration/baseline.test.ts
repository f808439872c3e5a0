/**
 * The top-down baseline (issue 19): HM Treasury's Country and Regional Analysis as published, read
 * for the place's region, scaled to the place, and set against the counted spend. The workbook is
 * synthetic but CRA-shaped (a metadata sheet first, then one row per department × segment ×
 * function × sub-function × region, a column per financial year, figures in £ thousand as the
 * metadata says); every expected figure is worked by hand in the comments.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';
import { tpw } from '../helpers/cli';
import { importFile, writeText, writeXlsx } from '../fixtures/spend/make';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench({ now: () => new Date('2026-11-26T10:00:00Z') });
});
afterEach(async () => {
  await wb.cleanup();
});

const HEADER = ['Department name', 'Segment', 'Function', 'Sub-function', 'Country', 'Region', '2017-18', '2018-19', '2019-20'];
// North West, £ thousand:          2017-18   2018-19   2019-20
const ROWS: (string | number)[][] = [
  ['Department of Health and Social Care', 'Central government', 'Health', 'Medical services', 'England', 'North West', 1000.5, 1100, 1200],
  ['Home Office', 'Local government', 'Public order and safety', 'Police services', 'England', 'North West', 300, 310, 320.25],
  ['Ministry of Housing, Communities and Local Government', 'Local government', 'Social protection', 'Sickness and disability', 'England', 'North West', 200, 210, 220],
  ['Department for Work and Pensions', 'Central government', 'Social protection', 'Old age', 'England', 'North West', 500, 520, 540],
  ['Department for Education', 'Local government', 'Education', 'Primary and secondary education', 'England', 'North West', 400, 410, 420],
  ['Department of Health and Social Care', 'Central government', 'Health', 'Medical services', 'England', 'London', 9999, 9999, 9999],
  ['Home Office', 'Local government', 'Public order and safety', 'Fire-protection services', 'England', 'North West', 50, 55, '-'],
];
// Totals for North West (6 rows):
//   2017-18: 1000.5 + 300 + 200 + 500 + 400 + 50   = 2,450.5 £k = £2,450,500 = 245,050,000p
//   2018-19: 1100 + 310 + 210 + 520 + 410 + 55     = 2,605   £k              = 260,500,000p
//   2019-20: 1200 + 320.25 + 220 + 540 + 420 + 0   = 2,700.25 £k             = 270,025,000p
const YEARS = { '2017-18': 245_050_000, '2018-19': 260_500_000, '2019-20': 270_025_000 };

const craWorkbook = (name = 'CRA_database.xlsx', unitLine = 'All figures are in £ thousand (nominal terms).') =>
  writeXlsx(wb.dir, name, [
    { name: 'Metadata', rows: [['Country and Regional Analysis: database'], [unitLine], ['Source: HM Treasury']] },
    { name: 'CRA data', rows: [HEADER, ...ROWS] },
  ]);

async function importCra(file: string, region: string, extra: Record<string, unknown> = {}) {
  const up = await wb.call('upload.fromPath', { path: file });
  return wb.dispatch('baseline.import', { uploadId: up.uploadId, region, ...extra } as never);
}

describe('importing the Country and Regional Analysis', () => {
  it('reads the unit from the metadata sheet and keeps the region (any case) with its totals before scaling', async () => {
    const file = await craWorkbook();
    const up = await wb.call('upload.fromPath', { path: file });
    expect(await wb.call('baseline.preview', { uploadId: up.uploadId })).toEqual({
      fileName: 'CRA_database.xlsx',
      sheet: 'CRA data',
      unit: '£ thousand',
      years: ['2017-18', '2018-19', '2019-20'],
      regions: [
        { name: 'North West', rows: 6 },
        { name: 'London', rows: 1 },
      ],
    });
    const r = await importCra(file, 'north west');
    expect(r).toMatchObject({ ok: true, value: { region: 'North West', rows: 6, unit: '£ thousand', sheet: 'CRA data', years: YEARS } });
    expect((await wb.call('baseline.files', {}))[0]).toMatchObject({ region: 'North West', rows: 6, current: true, years: YEARS });
    // The same file for the same region again: refused.
    expect(await importCra(file, 'North West')).toMatchObject({ ok: false, error: { code: 'DUPLICATE_IMPORT' } });
  });

  it('refuses a region the file does not have (naming those it has) and a file that states no unit', async () => {
    const file = await craWorkbook();
    expect(await importCra(file, 'Wessex')).toMatchObject({ ok: false, error: { code: 'BAD_FILE', message: expect.stringContaining('Its regions are: North West, London') } });
    const silent = await craWorkbook('no-unit.xlsx', 'Figures for each region.');
    expect(await importCra(silent, 'North West')).toMatchObject({ ok: false, error: { code: 'BAD_FILE', message: expect.stringContaining('does not say what unit') } });
    expect(await wb.call('baseline.files', {})).toEqual([]);
    // Told the unit, it imports.
    expect(await importCra(silent, 'North West', { unit: 'thousands' })).toMatchObject({ ok: true, value: { years: YEARS } });
  });

  it('reads a unit stated in the year headings (£ million)', async () => {
    const file = await writeXlsx(wb.dir, 'millions.xlsx', [
      { name: 'Data', rows: [['Function', 'Region', '2019-20 (£m)'], ['Health', 'North West', 1.5]] },
    ]);
    // 1.5 £m = £1,500,000 = 150,000,000p.
    expect(await importCra(file, 'North West')).toMatchObject({ ok: true, value: { unit: '£ million', years: { '2019-20': 150_000_000 } } });
  });

  it('the command line prints the contract JSON', () => {
    return craWorkbook().then((file) => {
      const db = path.join(wb.dir, 'cli.db');
      const r = tpw(['baseline', 'import', file, '--region', 'NORTH WEST', '--share', '0.1', '--db', db, '--json']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.json()).toMatchObject({ region: 'North West', rows: 6, years: YEARS });
      const bad = tpw(['baseline', 'import', file, '--region', 'Nowhere', '--db', db, '--json']);
      expect(bad.status).toBe(2);
      expect(bad.json()).toMatchObject({ error: { code: 'BAD_FILE' } });
    });
  });
});

describe('counted against the baseline', () => {
  async function setUp() {
    await wb.call('organisation.add', { name: 'Northtown Council', type: 'council' });
    await wb.call('organisation.add', { name: 'Northtown NHS Trust', type: 'nhs' });
    // 2019-20 counted: council 10,000 + 5,000 + 1,000 + 500 = £16,500; NHS £20,000. Total £36,500 = 3,650,000p.
    const council = writeText(
      wb.dir,
      'council.csv',
      'Date,Service Area,Supplier,Amount\n01/05/2019,Adult Social Care,Care Co,10000.00\n02/05/2019,Schools,Books Ltd,5000.00\n03/05/2019,Highways,Roads Ltd,1000.00\n04/05/2019,Mayor\'s Office,Print Ltd,500.00\n',
    );
    const nhs = writeText(wb.dir, 'nhs.csv', 'Date,Expense Area,Supplier,Amount\n01/06/2019,Surgery,MedCo,20000.00\n');
    expect((await importFile(wb, council, 'Northtown Council')).ok).toBe(true);
    expect((await importFile(wb, nhs, 'Northtown NHS Trust')).ok).toBe(true);
    expect((await importCra(await craWorkbook(), 'North West')).ok).toBe(true);
  }

  it('by agency type and function, with coverage, once the share is known', async () => {
    await setUp();
    const before = await wb.call('baseline.view', {});
    // The latest year with both a baseline and counted spend; no share yet, so no coverage.
    expect(before).toMatchObject({ year: '2019-20', share: { value: null, basis: null }, total: { countedPence: 3_650_000, regionPence: 270_025_000, baselinePence: null, coverage: null } });

    await wb.call('baseline.setPlace', { share: 0.1, population: [] });
    const v = await wb.call('baseline.view', { year: '2019-20' });
    // Baseline for the place: 270,025,000 × 0.1 = 27,002,500p; 3,650,000 / 27,002,500 = 0.13517…
    expect(v.total).toMatchObject({ countedPence: 3_650_000, baselinePence: 27_002_500 });
    expect(v.total.coverage).toBeCloseTo(3_650_000 / 27_002_500, 10);
    const agency = Object.fromEntries(v.byAgencyType.map((r) => [r.key, [r.countedPence, r.regionPence, r.baselinePence]]));
    // 2019-20, £k: NHS 1,200; police 320.25; councils 220 + 420 = 640; DWP 540; fire 0 ("-").
    expect(agency).toEqual({
      council: [1_650_000, 64_000_000, 6_400_000],
      nhs: [2_000_000, 120_000_000, 12_000_000],
      police: [0, 32_025_000, 3_202_500],
      dwp: [0, 54_000_000, 5_400_000],
    });
    const fn = Object.fromEntries(v.byFunction.map((r) => [r.label, [r.countedPence, r.regionPence]]));
    // Social protection: counted Adult Social Care £10,000; region 220 + 540 = 760 £k.
    expect(fn).toEqual({
      'Public order and safety': [0, 32_025_000],
      'Economic affairs': [100_000, 0],
      Health: [2_000_000, 120_000_000],
      Education: [500_000, 42_000_000],
      'Social protection': [1_000_000, 76_000_000],
      'Not assigned to a function': [50_000, 0],
    });
    expect(v.byFunction.find((r) => r.label === 'Economic affairs')!.coverage).toBeNull();
  });

  it('scales by population when no share is entered, and gives spend per head', async () => {
    await setUp();
    await wb.call('baseline.setPlace', { share: null, population: [{ year: '2019-20', place: 100_000, region: 1_000_000 }] });
    const v = await wb.call('baseline.view', {});
    expect(v).toMatchObject({ share: { value: 0.1, basis: 'population' }, population: { place: 100_000, region: 1_000_000 } });
    // 3,650,000p / 100,000 = 36.5p → 37p; 27,002,500p / 100,000 = 270.025p → 270p.
    expect(v.perHead).toEqual({ counted: 37, baseline: 270 });
    expect(await wb.call('baseline.place', {})).toMatchObject({ share: null, population: [{ year: '2019-20', place: 100_000, region: 1_000_000 }] });
    // A year given with neither figure is removed.
    await wb.call('baseline.setPlace', { share: null, population: [{ year: '2019-20', place: null, region: null }] });
    expect((await wb.call('baseline.place', {})).population).toEqual([]);
  });
});
