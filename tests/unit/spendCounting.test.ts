/** Pure parts of counting the whole place (issue 19): the CSV scanner, money, periods, the CRA helpers, the write queue. */
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { agencyTypeOf, countedFunctionOf, coverage, functionKey, unitIn, unitsToPence } from '../../shared/calc/cra';
import { parseMoney } from '../../shared/calc/spendMoney';
import { guessPeriod, parsePeriod, periodText } from '../../shared/calc/spendPeriod';
import { createWriteQueue } from '../../main/core/writeQueue';
import { CsvScanner } from '../../main/spend/csvRows';
import { LITERAL_CODE, LinePacker, LineUnpacker, TEXT } from '../../main/spend/linePacking';
import { classifyRow } from '../../main/spend/rowKinds';
import { latestCompleteYear } from '../../renderer/features/spend/spendLinks';

const scanAll = (text: string, cuts: number[] = []) => {
  const s = new CsvScanner(',');
  const out: { row: number; cells: string[] }[] = [];
  let at = 0;
  for (const cut of [...cuts, text.length]) {
    s.push(text.slice(at, cut), out);
    at = cut;
  }
  return s.finish(out);
};

describe('the CSV scanner', () => {
  it('reads quoting as spreadsheets write it', () => {
    expect(scanAll('a,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",3\n')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', 'say "hi"'] },
      { row: 3, cells: [] },
      { row: 4, cells: ['two\nlines', '3'] },
    ]);
    // A stray quote inside an unquoted cell is text; trailing line breaks are not blank rows.
    expect(scanAll('12" ruler,5\n\n\n')).toEqual([{ row: 1, cells: ['12" ruler', '5'] }]);
    // Old Mac line ends; no final line break.
    expect(scanAll('a,b\rc,d')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['c', 'd'] },
    ]);
  });

  const cell = fc.oneof(
    fc.stringMatching(/^[a-z0-9 £.-]{0,6}$/),
    fc.stringMatching(/^[a-z ,"\n]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
  );
  const csv = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }).map((rows) => rows.map((r) => r.join(',')).join('\r\n'));

  it('gives the same rows however the text is cut into chunks', () => {
    fc.assert(
      fc.property(csv, fc.array(fc.nat(), { maxLength: 4 }), (text, raw) => {
        // The first chunk holds the first line end (where the scanner learns how lines end).
        const first = text.indexOf('\n') + 1 || text.length;
        const cuts = [...new Set(raw.map((n) => first + (n % (text.length - first + 1))))].sort((a, b) => a - b);
        expect(scanAll(text, cuts)).toEqual(scanAll(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with papaparse on well-formed CSV', () => {
    fc.assert(
      fc.property(csv, (text) => {
        const ours = scanAll(text).filter((r) => r.cells.length > 0).map((r) => r.cells);
        const theirs = Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n' }).data.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('money read by hand', () => {
  // The patterns the hand-written reader replaced, as the reference it must match exactly.
  const SIMPLE = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;
  const POUNDS = /^(-?)£?(-?)(\d{1,3}(?:,\d{3}){0,4})(?:\.(\d{1,2}))?$/;
  const reference = (raw: string): number | undefined => {
    const s = SIMPLE.exec(raw);
    if (s) {
      const p = Number(s[2]) * 100 + Number(((s[3] ?? '') + '00').slice(0, 2));
      return s[1] && p !== 0 ? -p : p;
    }
    const m = POUNDS.exec(raw);
    if (m && !(m[1] && m[2])) {
      const p = Number(m[3]!.replace(/,/g, '')) * 100 + Number(((m[4] ?? '') + '00').slice(0, 2));
      return (m[1] || m[2]) && p !== 0 ? -p : p;
    }
    return undefined;
  };
  it('reads the common forms exactly as the patterns did', () => {
    const ch = fc.constantFrom('0', '1', '5', '9', ',', '.', '-', '£', ' ', 'a');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 18 }).map((a) => a.join('')), (s) => {
        const want = reference(s);
        if (want !== undefined) expect(parseMoney(s)).toEqual({ ok: true, pence: want });
      }),
      { numRuns: 50_000 },
    );
    expect(parseMoney('£1234')).toEqual({ ok: true, pence: 123_400 });
    expect(parseMoney('-£1,234.5')).toEqual({ ok: true, pence: -123_450 });
    expect(parseMoney('£-0.00')).toEqual({ ok: true, pence: 0 });
    expect(parseMoney('1,23.00').ok).toBe(false);
  });
});

describe('lines between threads', () => {
  const line = (row: number, ...rest: (string | number | null)[]) => [row, ...rest];
  it('pack and unpack to the same values over several batches: nulls, repeats, odd characters and empty strings included', () => {
    const packer = new LinePacker();
    const unpacker = new LineUnpacker();
    const first = [
      ...line(2, '2020-04-01', '2020-21', -1250, 'Acme', null, 'Care', 'T1', null, 'a\u0000b'),
      ...line(3, '2020-04-02', '2020-21', 0, null, null, null, null, null, ''),
      ...line(4, '2020-04-01', '2020-21', 99, 'Acme', 'Area', 'Care', 'T2', 'Unit', 'x'),
    ];
    const second = [...line(5, '2020-04-01', '2021-22', 1, 'Acme', 'Area', 'New type', 'T3', null, 'a\u0000b')];
    expect(unpacker.unpack(packer.pack(first))).toEqual(first);
    const packed = packer.pack(second);
    // Values seen in the first batch travel as codes only: just the new ones are sent.
    expect(packed.added.flat().sort()).toEqual(['2021-22', 'New type', 'T3'].sort());
    expect(unpacker.unpack(packed)).toEqual(second);
  });

  it('sends near-unique values as text once a dictionary is full, and still gets them back exactly', () => {
    const packer = new LinePacker();
    const unpacker = new LineUnpacker();
    for (let b = 0; b < 25; b++) {
      const batch = Array.from({ length: 1000 }, (_, i) => line(b * 1000 + i, '2020-04-01', '2020-21', i, 'S', null, null, `REF-${b}-${i}`, null, i % 7 === 0 ? '' : `d${b}-${i}`)).flat();
      expect(unpacker.unpack(packer.pack(batch))).toEqual(batch);
    }
  });

  it('stops looking up a field whose full dictionary nearly always misses (references), and keeps coding one that hits', () => {
    const packer = new LinePacker();
    const unpacker = new LineUnpacker();
    const roundTrip = (batch: (string | number | null)[]) => {
      const packed = packer.pack(batch as never);
      expect(unpacker.unpack(packed)).toEqual(batch);
      return packed;
    };
    // 20,000 different references and suppliers fill both dictionaries.
    roundTrip(Array.from({ length: 20_000 }, (_, i) => line(i, '2020-04-01', '2020-21', i, `S${i}`, null, null, `REF-${i}`, null, null)).flat());
    // 5,000 more lines: every reference is new (misses), every supplier one seen before (hits).
    roundTrip(Array.from({ length: 5000 }, (_, i) => line(20_000 + i, '2020-04-01', '2020-21', i, `S${i}`, null, null, `NEW-${i}`, null, null)).flat());
    // Now a reference the dictionary holds travels as text, not looked up; the supplier still as its code.
    const packed = roundTrip([...line(30_000, '2020-04-01', '2020-21', 1, 'S7', null, null, 'REF-7', null, null)]);
    expect(packed.codes[TEXT.transactionRef]).toBe(LITERAL_CODE);
    expect(packed.codes[TEXT.supplier]).toBe(7);
  });

  it('remembers values without keeping alive the chunks of the file they were cut from', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    // A cell the CSV scanner cuts from a chunk of decoded text is a view into it (V8 slices of 13
    // characters or more). A ledger brings new suppliers and dates all through the file.
    const MB = 1 << 20;
    const cut = (chunk: number, cell: string) => `${String(chunk).repeat(MB)}${cell}`.slice(MB * String(chunk).length);
    const packer = new LinePacker();
    const mapping = { amount: { index: 0, header: 'Amount', confidence: 'high' }, date: { index: 1, header: 'Date', confidence: 'high' }, supplier: { index: 2, header: 'Supplier', confidence: 'high' } } as never;
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let chunk = 0; chunk < 48; chunk++) {
      packer.pack(line(chunk, '2020-04-01', '2020-21', 1, cut(chunk, `Supplier number ${chunk} Limited`), null, null, null, null, null) as never);
      // A date written with its time, read (and remembered) once per distinct text.
      const date = cut(chunk, `${2015 + Math.floor(chunk / 12)}-${String(1 + (chunk % 12)).padStart(2, '0')}-15 00:00:00`);
      expect(classifyRow(chunk, ['12.50', date, 'Acme'], ['amount', 'date', 'supplier'], mapping, 'dmy').kind).toBe('line');
    }
    gc();
    // 48 chunks of a megabyte or more were made; what is remembered is a few kilobytes.
    expect((process.memoryUsage().heapUsed - before) / MB).toBeLessThan(12);
  });
});

describe('periods for files without dates', () => {
  it('reads a month, a financial year and a range; refuses what is not one', () => {
    expect(parsePeriod('2011-04')).toEqual({ ok: true, period: { from: '2011-04-01', to: '2011-04-30', financialYear: '2011-12', label: 'April 2011' } });
    expect(parsePeriod('2011-12')).toEqual({ ok: true, period: { from: '2011-04-01', to: '2012-03-31', financialYear: '2011-12', label: 'financial year 2011-12' } });
    expect(parsePeriod('2012-02')).toMatchObject({ ok: true, period: { from: '2012-02-01', to: '2012-02-29', financialYear: '2011-12' } });
    expect(parsePeriod('2011-04-01..2011-06-30')).toMatchObject({ ok: true, period: { label: '1 April 2011 to 30 June 2011' } });
    expect(parsePeriod('2011-02-30..2011-03-01')).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
    expect(parsePeriod('2011-03-01..2011-04-30')).toMatchObject({ ok: false, message: expect.stringContaining('two financial years') });
    expect(parsePeriod('April')).toMatchObject({ ok: false });
    for (const p of ['2011-04', '2011-12', '2011-04-01..2011-06-30']) {
      const r = parsePeriod(p);
      if (r.ok) expect(periodText(r.period)).toBe(p);
    }
  });

  it('guesses a period from a file name or a title, and nothing from anything else', () => {
    expect(guessPeriod(['supplier-totals-april-2011.csv'])).toBe('2011-04');
    expect(guessPeriod(['spend.csv', 'Payments for Apr 2011'])).toBe('2011-04');
    expect(guessPeriod(['expenditure-over-500-jul-sep-2017.csv'])).toBe('2017-07-01..2017-09-30');
    expect(guessPeriod(['spend_2011-12.csv'])).toBe('2011-12');
    expect(guessPeriod(['spend_201104.csv'])).toBe('2011-04');
    expect(guessPeriod(['suppliers.csv', 'Total paid by supplier'])).toBeNull();
  });
});

describe('the Country and Regional Analysis helpers', () => {
  it('reads the unit the file states', () => {
    expect(unitIn('All figures are in £ thousand')).toEqual({ label: '£ thousand', pencePerUnit: 100_000 });
    expect(unitIn("2017-18 (£'000)")?.pencePerUnit).toBe(100_000);
    expect(unitIn('2019-20 £m')?.pencePerUnit).toBe(100_000_000);
    expect(unitIn('£ billion')?.pencePerUnit).toBe(100_000_000_000);
    expect(unitIn('Nominal terms')).toBeNull();
  });

  it('turns figures into pence exactly, rounding beyond the penny half away from zero', () => {
    expect(unitsToPence('1234.567', 100_000)).toBe(123_456_700);
    expect(unitsToPence('0.004', 100_000)).toBe(400);
    expect(unitsToPence('-12.3456789', 100_000_000)).toBe(-1_234_567_890);
    expect(unitsToPence('1.005', 100)).toBe(101);
    expect(unitsToPence('1,234', 100_000)).toBe(123_400_000);
    expect(unitsToPence('1.2E+3', 100)).toBe(120_000);
    expect(unitsToPence('-', 100_000)).toBeNull();
    expect(unitsToPence('..', 100_000)).toBeNull();
    expect(unitsToPence('n/a', 100_000)).toBeNull();
  });

  it('says which kind of agency spends a CRA row, and which function a counted line serves', () => {
    const row = (department: string, segment: string, subFunction: string) => agencyTypeOf({ department, segment, fn: '', subFunction });
    expect(row('Home Office', 'Local government', 'Police services')).toBe('police');
    expect(row('Home Office', 'Local government', 'Fire-protection services')).toBe('fire');
    expect(row('Department for Work and Pensions', 'Central government', 'Old age')).toBe('dwp');
    expect(row('Department for Education', 'Local government', 'Primary education')).toBe('council');
    expect(row('Department of Health and Social Care', 'Central government', 'Medical services')).toBe('nhs');
    expect(row('Ministry of Justice', 'Central government', 'Prisons')).toBe('other');
    expect(countedFunctionOf('nhs', 'Anything', '')).toBe('Health');
    expect(countedFunctionOf('council', 'Adult Social Care', '')).toBe('Social protection');
    expect(countedFunctionOf('council', 'Highways & Transport', '')).toBe('Economic affairs');
    expect(countedFunctionOf('council', '', 'Refuse collection')).toBe('Environment protection');
    expect(countedFunctionOf('council', "Mayor's Office", '')).toBeNull();
    expect(functionKey('10. Social Protection ')).toBe('social protection');
    expect(coverage(50, 200)).toBe(0.25);
    expect(coverage(50, null)).toBeNull();
  });
});

describe('the write queue', () => {
  it('runs writes one at a time in order, says what runs and how many wait, and outlives a failure', async () => {
    const q = createWriteQueue(() => new Date('2026-11-26T10:00:00Z'));
    const order: string[] = [];
    let release!: () => void;
    const long = q.run('Importing a spend file', () => new Promise<void>((r) => (release = r)).then(() => order.push('import')));
    const failing = q.run('Saving a change', async () => {
      order.push('failing');
      throw new Error('refused');
    });
    const after = q.run('Saving a change', async () => order.push('after'));
    await new Promise((r) => setTimeout(r, 0));
    expect(q.activity()).toEqual({ label: 'Importing a spend file', since: '2026-11-26T10:00:00.000Z', waiting: 2 });
    release();
    await long;
    await expect(failing).rejects.toThrow('refused');
    await after;
    expect(order).toEqual(['import', 'failing', 'after']);
    expect(q.activity()).toBeNull();
  });
});

describe('the year shown first', () => {
  it('is the latest financial year that has ended, else the latest', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    expect(latestCompleteYear(['2017-18', '2020-21', '2026-27'], now)).toBe('2020-21');
    expect(latestCompleteYear(['2026-27'], now)).toBe('2026-27');
    expect(latestCompleteYear([], now)).toBeNull();
  });
});
