import { describe, expect, it } from 'vitest';
import { normaliseFinancialYear, parseMoney } from '../../main/estimates/unitCostFile';
import { profileFromUnitCost, uprateFactor } from '../../shared/calc/uprating';
import { applyPaste, parseLine, type LineDraft } from '../../renderer/features/estimates/drafts';
import { parsePounds } from '../../renderer/kit/format/money';
import { parsePercent } from '../../renderer/kit/format/number';

const draft = (patch: Partial<LineDraft> = {}): LineDraft => ({
  id: 'x',
  kind: 'benefit',
  position: 0,
  label: 'Fewer admissions',
  organisationId: '',
  category: 'revenue',
  valueType: 'fiscal',
  cashable: false,
  deadweight: '25',
  attributionToOthers: '',
  displacement: '0',
  dropOff: '0',
  optimismBias: '',
  confidenceGrade: '',
  discountMode: '',
  discountRate: '3.5',
  source: 'amounts',
  profile: [],
  unitCostId: '',
  parameterValue: '',
  volumes: [],
  notes: '',
  ...patch,
});

describe('typing and pasting figures', () => {
  it('reads pounds and percentages as people type them', () => {
    expect(parsePounds('£1,234.56')).toBe(123456);
    expect(parsePounds('')).toBe(0);
    expect(parsePounds('12.345')).toBeNull();
    expect(parsePounds('-5')).toBeNull();
    expect(parsePercent('12.5%')).toBe(0.125);
    expect(parsePercent('101')).toBe('invalid');
    expect(parsePercent('', null)).toBeNull();
  });

  it('fills the grid from tab-separated rows pasted into a cell, leaving out rows past the last year', () => {
    const { triples, dropped } = applyPaste([], 3, 1, 1, '2000\t2500\n3000\t3500\n4000\t4500\n');
    expect(triples).toEqual([
      { low: '', central: '', high: '' },
      { low: '', central: '2000', high: '2500' },
      { low: '', central: '3000', high: '3500' },
    ]);
    expect(dropped).toBe(1);
  });

  it('turns a draft into the stored line: pence, fractions, blank low/high meaning "same as central"', () => {
    const p = parseLine(draft({ profile: [{ low: '', central: '10', high: '12.50' }] }), 2, null);
    expect(p.errors).toEqual({});
    expect(p.patch.profile).toEqual([
      { low: 1000, central: 1000, high: 1250 },
      { low: 0, central: 0, high: 0 },
    ]);
    expect(p.patch.deadweight).toBe(0.25);
    expect(p.patch.attributionToOthers).toBe(0);
    const bad = parseLine(draft({ deadweight: '120', profile: [{ low: '20', central: '10', high: '' }] }), 1, null);
    expect(bad.errors).toEqual({ deadweight: 'Enter a percentage from 0 to 100', 'profile.0.low': 'Low is more than central' });
  });

  it('builds a unit-cost line: unit cost × volume', () => {
    const p = parseLine(draft({ source: 'unit-cost', unitCostId: 'u', volumes: [{ low: '1', central: '2', high: '3.5' }] }), 1, 1100000);
    expect(p.patch.profile).toEqual([{ low: 1100000, central: 2200000, high: 3850000 }]);
    expect(p.patch.volumes).toEqual([{ low: 1, central: 2, high: 3.5 }]);
  });
});

describe('uprating and unit-cost files', () => {
  it('uprates by the ratio of deflators: £100 at index 80 is £125 at index 100', () => {
    const f = uprateFactor(
      [
        { year: '2019-20', index: 80 },
        { year: '2024-25', index: 100 },
      ],
      '2019-20',
      '2024-25',
    );
    expect(f).toEqual({ ok: true, factor: 1.25 });
    expect(profileFromUnitCost(10000, 1.25, [{ low: 1, central: 2, high: 3 }])).toEqual([{ low: 12500, central: 25000, high: 37500 }]);
    expect(uprateFactor([], '2019-20', '2024-25')).toMatchObject({ ok: false, message: expect.stringContaining('no deflator for 2019-20') });
  });

  it('reads price years and money as unit-cost tables write them', () => {
    expect(normaliseFinancialYear('2019/20')).toBe('2019-20');
    expect(normaliseFinancialYear('2019-2020')).toBe('2019-20');
    expect(normaliseFinancialYear('2019 – 20')).toBe('2019-20');
    expect(normaliseFinancialYear('2019-21')).toBeNull();
    expect(parseMoney('£12,250.50', false)).toBe(1225050);
    expect(parseMoney('41250', true)).toBe(41250);
    expect(parseMoney('n/a', false)).toBeNull();
  });
});
