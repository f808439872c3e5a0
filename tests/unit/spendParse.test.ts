import { describe, expect, it } from 'vitest';
import { excelSerialToIso, financialYear, parseSpendDate } from '../../shared/calc/spendDates';
import { formatPounds, parseMoney } from '../../shared/calc/spendMoney';
import { detectHeaderRow, displayHeaders, guessMapping, normaliseHeader } from '../../main/spend/headers';
import { compileRules } from '../../main/spend/classify';

const pence = (s: string) => {
  const r = parseMoney(s);
  return r.ok ? r.pence : r.blank ? 'blank' : 'unreadable';
};

describe('parseMoney', () => {
  it.each([
    ['6203.92', 620392],
    ['500', 50000],
    ['-71.58', -7158],
    ['"2,906,752.80"'.replace(/"/g, ''), 290675280],
    ['-132,876.52', -13287652],
    ['£1,234.56', 123456],
    ['£ 1,234.5', 123450],
    ['(1,234.00)', -123400],
    ['(£12.34)', -1234],
    ['£-12.00', -1200],
    ['1,234.56 CR', -123456],
    ['99.99Cr', -9999],
    ['100.00 DR', 10000],
    ['1234.56-', -123456],
    ['GBP 12', 1200],
    ['1\u00a0234.00', 123400],
    ['12.345', 1235], // half away from zero on the third decimal
    ['-12.345', -1235],
    ['1234.5600000000002', 123456], // spreadsheet float noise
    ['.5', 50],
    ['0', 0],
  ])('%s → %s pence', (raw, expected) => expect(pence(raw)).toBe(expected));

  it.each([[''], ['  '], ['-'], ['—']])('"%s" is blank', (raw) => expect(pence(raw)).toBe('blank'));
  it.each([['abc'], ['12,34'], ['1.2.3'], ['N/A'], ['1e5'], ['12/05/2020']])('"%s" is unreadable', (raw) => expect(pence(raw)).toBe('unreadable'));

  it('formats pence as pounds', () => {
    expect(formatPounds(1134400535)).toBe('£11,344,005.35');
    expect(formatPounds(-7158)).toBe('-£71.58');
    expect(formatPounds(5)).toBe('£0.05');
  });
});

describe('parseSpendDate', () => {
  it('reads the published formats', () => {
    expect(parseSpendDate('04/07/2017').iso).toBe('2017-07-04');
    expect(parseSpendDate('4/7/17').iso).toBe('2017-07-04');
    expect(parseSpendDate('2026-05-29').iso).toBe('2026-05-29');
    expect(parseSpendDate('2017-07-04T00:00:00Z').iso).toBe('2017-07-04');
    expect(parseSpendDate('04/07/2017 00:00:00').iso).toBe('2017-07-04');
    expect(parseSpendDate('05-Apr-18').iso).toBe('2018-04-05');
    expect(parseSpendDate('5 April 2018').iso).toBe('2018-04-05');
    expect(parseSpendDate('31-Dec-2019').iso).toBe('2019-12-31');
    // Excel serial 43101 is 1 January 2018 (Excel shows it so; counted from 1899-12-30).
    expect(parseSpendDate('43101').iso).toBe('2018-01-01');
    expect(excelSerialToIso(45000)).toBe('2023-03-15');
  });

  it('uses the order it is told, and reports what a value proves', () => {
    expect(parseSpendDate('07/04/2017', 'mdy').iso).toBe('2017-07-04');
    expect(parseSpendDate('13/04/2017').proves).toBe('dmy');
    expect(parseSpendDate('04/13/2017', 'mdy')).toEqual({ iso: '2017-04-13', proves: 'mdy' });
    expect(parseSpendDate('04/13/2017', 'dmy').iso).toBeNull();
    expect(parseSpendDate('04/07/2017').proves).toBeNull();
  });

  it('refuses days that do not exist and text', () => {
    expect(parseSpendDate('31/02/2020').iso).toBeNull();
    expect(parseSpendDate('00:00:00').iso).toBeNull();
    expect(parseSpendDate('Total').iso).toBeNull();
    expect(parseSpendDate('').iso).toBeNull();
  });

  it('gives the UK financial year (April to March)', () => {
    expect(financialYear('2017-07-04')).toBe('2017-18');
    expect(financialYear('2018-03-31')).toBe('2017-18');
    expect(financialYear('2018-04-01')).toBe('2018-19');
    expect(financialYear('1999-04-01')).toBe('1999-00');
  });
});

describe('headers and mapping', () => {
  it('normalises and de-duplicates header names', () => {
    expect(normaliseHeader('  PaymentDate ')).toBe('payment date');
    expect(normaliseHeader('Amount (£)')).toBe('amount');
    expect(normaliseHeader('supplier_name')).toBe('supplier name');
    expect(displayHeaders(['Amount', ' Service   Area ', 'amount', ''])).toEqual(['Amount', 'Service Area', 'amount (2)', 'Column D']);
  });

  it('finds the header row below a preamble', () => {
    const rows = [
      ['Expenditure over £500', '', ''],
      ['Period: April 2020', '', ''],
      [],
      ['Date', 'Supplier', 'Amount'],
      ['01/04/2020', 'Acme Ltd', '£500.00'],
    ];
    expect(detectHeaderRow(rows)).toBe(3);
    expect(detectHeaderRow([['the quick brown fox'], ['jumps over']])).toBeNull();
  });

  it('guesses roles from headers checked against the data', () => {
    const headers = ['Supplier ID', 'Supplier Name', 'Irrecoverable VAT Amount', 'Net Amount', 'EffectiveDate', 'Payment Date', 'Card Transaction'];
    const sample = [
      ['123', 'Acme', '0', '10.00', '2020-04-30', '2020-04-02', 'GPC'],
      ['124', 'Bolt', '1.00', '12.50', '2020-04-30', '2020-04-03', 'GPC'],
      ['125', 'Cogs', '0', '9.99', '2020-04-30', '2020-04-04', 'GPC'],
      ['126', 'Dyes', '0', '7.00', '2020-04-30', '2020-04-05', 'GPC'],
      ['127', 'Eggs', '0', '8.00', '2020-04-30', '2020-04-06', 'GPC'],
    ];
    const m = guessMapping(headers, sample);
    expect(m.amount).toMatchObject({ header: 'Net Amount', confidence: 'high' });
    expect(m.date).toMatchObject({ header: 'Payment Date', confidence: 'high' });
    expect(m.supplier?.header).toBe('Supplier Name');
    // "Card Transaction" is always GPC: not a transaction reference.
    expect(m.transactionRef).toBeUndefined();
  });
});

describe('classification rules', () => {
  it('tries rules by priority, first match wins, ignoring case', () => {
    const c = compileRules([
      { id: 'r1', field: 'supplier', op: 'contains', pattern: 'care', themeId: 'older', priority: 50, createdAt: '2026-01-02', organisationId: null },
      { id: 'r2', field: 'serviceArea', op: 'equals', pattern: 'Adult Social Care ', themeId: 'adults', priority: 10, createdAt: '2026-01-03', organisationId: null },
      { id: 'r3', field: 'expenseType', op: 'regex', pattern: '^drug|alcohol', themeId: 'drugs', priority: 100, createdAt: '2026-01-01', organisationId: null },
    ]);
    const theme = (sa: string | null, et: string | null, sup: string | null) => c('org', sa, et, sup, null, null)?.themeId ?? null;
    expect(theme('adult social care', null, 'Care Homes Ltd')).toBe('adults');
    expect(c('org', 'adult social care', null, 'Care Homes Ltd', null, null)).toEqual({ themeId: 'adults', ruleId: 'r2' });
    expect(theme('Housing', null, 'Homecare Ltd')).toBe('older');
    expect(theme(null, 'Drug treatment', null)).toBe('drugs');
    expect(theme(null, 'Drugs', 'Acme')).toBe('drugs');
    expect(theme('Parks', 'Mowing', 'Acme')).toBeNull();
  });

  it('a rule limited to one organisation classifies only its lines; units and descriptions can be matched', () => {
    const c = compileRules([
      { id: 'police', field: 'orgUnit', op: 'equals', pattern: 'Custody', themeId: 'offenders', priority: 10, createdAt: '2026-01-01', organisationId: 'police-org' },
      { id: 'any', field: 'description', op: 'contains', pattern: 'taxi', themeId: 'transport', priority: 20, createdAt: '2026-01-01', organisationId: null },
    ]);
    expect(c('police-org', null, null, 'Acme', 'Custody', null)).toEqual({ themeId: 'offenders', ruleId: 'police' });
    expect(c('council-org', null, null, 'Acme', 'Custody', null)).toBeNull();
    expect(c('council-org', null, null, 'Acme', 'Custody', 'Taxi to court')).toEqual({ themeId: 'transport', ruleId: 'any' });
  });
});
