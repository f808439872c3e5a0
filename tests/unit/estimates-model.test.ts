import { describe, expect, it } from 'vitest';
import { formatIssue, parseEstimateModel } from '../../shared/calc/estimateModel';

const ok = {
  name: 'Falls',
  startYear: '2010-11',
  years: 2,
  lines: [
    { kind: 'cost', label: 'Team', organisation: 'Council', category: 'revenue', profile: [{ low: 1, central: 2, high: 3 }] },
    { kind: 'benefit', label: 'Fewer falls', organisation: 'NHS', valueType: 'fiscal', profile: [{ low: 1, central: 2, high: 3 }] },
  ],
};
const firstMessage = (m: unknown) => {
  const r = parseEstimateModel(m);
  if (r.ok) throw new Error('expected a refusal');
  return formatIssue(r.issues[0]!);
};
const withLine = (i: number, patch: Record<string, unknown>) => ({ ...ok, lines: ok.lines.map((l, k) => (k === i ? { ...l, ...patch } : l)) });

describe('the model schema names the field at fault', () => {
  it('accepts a good model and fills the defaults', () => {
    const r = parseEstimateModel(ok);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.model.discount).toEqual({ schedule: 'green-book' });
      expect(r.model.optimismBias).toEqual({ costs: 0, benefits: 0 });
      expect(r.model.simulation).toBeNull();
      expect(r.model.lines[1]).toMatchObject({ deadweight: 0, attributionToOthers: 0, displacement: 0, dropOff: 0, cashable: false });
    }
  });
  it('low above central', () => {
    expect(firstMessage(withLine(1, { profile: [{ low: 0, central: 1, high: 1 }, { low: 5000, central: 4000, high: 6000 }] }))).toBe(
      'lines.1.profile.1.low: low (5000) is greater than central (4000)',
    );
  });
  it('high below central', () => {
    expect(firstMessage(withLine(0, { profile: [{ low: 1, central: 4, high: 3 }] }))).toBe('lines.0.profile.0.high: high (3) is less than central (4)');
  });
  it('missing fields', () => {
    const { name: _n, ...noName } = ok;
    expect(firstMessage(noName)).toBe('name: name is required');
    const { years: _y, ...noYears } = ok;
    expect(firstMessage(noYears)).toMatch(/^years: years is required/);
    expect(firstMessage(withLine(0, { label: undefined }))).toBe('lines.0.label: label is required');
    expect(firstMessage(withLine(0, { profile: [{ low: 1, high: 3 }] }))).toBe('lines.0.profile.0.central: central is required (an amount in pence)');
  });
  it('amounts: whole pence with |v| ≤ 10^12, negative allowed; beyond that refused, not computed inexactly', () => {
    // A residual value on a cost line, a disbenefit on a benefit line: negative, still low ≤ central ≤ high.
    expect(parseEstimateModel(withLine(0, { profile: [{ low: -5, central: 2, high: 3 }] })).ok).toBe(true);
    expect(parseEstimateModel(withLine(0, { profile: [{ low: -1e12, central: 0, high: 1e12 }] })).ok).toBe(true);
    expect(firstMessage(withLine(0, { profile: [{ low: 1, central: 2, high: 1e12 + 1 }] }))).toMatch(/^lines\.0\.profile\.0\.high: high is beyond ±10\^12 pence/);
    expect(firstMessage(withLine(0, { profile: [{ low: -1e12 - 1, central: 2, high: 3 }] }))).toMatch(/^lines\.0\.profile\.0\.low: low is beyond ±10\^12 pence/);
    // 2^53 + 1 cannot even be read exactly (JSON gives 2^53): refused all the same.
    const text = JSON.stringify(withLine(0, { profile: [{ low: 1, central: 2, high: 3 }] })).replace('"high":3', '"high":9007199254740993');
    expect(firstMessage(JSON.parse(text))).toMatch(/^lines\.0\.profile\.0\.high: high is beyond ±10\^12 pence .*\(got 9007199254740992\)/);
    expect(firstMessage(withLine(0, { profile: [{ low: -5, central: -6, high: 3 }] }))).toBe('lines.0.profile.0.low: low (-5) is greater than central (-6)');
  });
  it('fractions outside 0–1', () => {
    expect(firstMessage(withLine(1, { deadweight: 1.2 }))).toBe('lines.1.deadweight: deadweight must be a fraction from 0 to 1 (got 1.2)');
    expect(firstMessage(withLine(1, { dropOff: -0.1 }))).toBe('lines.1.dropOff: dropOff must be a fraction from 0 to 1 (got -0.1)');
    // Costs may be raised by up to 200 % (the Green Book's upper bound); benefits cut by less than 100 %.
    expect(parseEstimateModel({ ...ok, optimismBias: { costs: 2, benefits: 0.99 } }).ok).toBe(true);
    expect(firstMessage({ ...ok, optimismBias: { costs: 2.01, benefits: 0 } })).toBe(
      "optimismBias.costs: optimismBias.costs must be from 0 to 2 (200 %, the Green Book's upper bound) (got 2.01)",
    );
    expect(firstMessage({ ...ok, optimismBias: { costs: 0, benefits: 1 } })).toBe('optimismBias.benefits: optimismBias.benefits must be at least 0 and below 1 (got 1)');
    expect(parseEstimateModel(withLine(0, { optimismBias: 1.5 })).ok).toBe(true);
    expect(firstMessage(withLine(1, { optimismBias: 1 }))).toBe('lines.1.optimismBias: optimismBias must be at least 0 and below 1 (got 1)');
    expect(firstMessage({ ...ok, discount: { rate: 1.5 } })).toMatch(/^discount/);
  });
  it('adjustments on a cost line, unknown kinds and fields', () => {
    expect(firstMessage(withLine(0, { deadweight: 0.1 }))).toBe('lines.0: unknown field "deadweight"');
    expect(firstMessage(withLine(0, { kind: 'saving' }))).toBe('lines.0.kind: kind must be "cost" or "benefit"');
    expect(firstMessage(withLine(1, { valueType: 'cash' }))).toBe('lines.1.valueType: valueType must be one of fiscal, economic, social');
  });
  it('a profile longer than the model, and a bad start year', () => {
    expect(firstMessage(withLine(0, { profile: [{ low: 1, central: 1, high: 1 }, { low: 1, central: 1, high: 1 }, { low: 1, central: 1, high: 1 }] }))).toBe(
      'lines.0.profile: profile has 3 entries but the model runs for 2 years',
    );
    expect(firstMessage({ ...ok, startYear: '2010-12' })).toBe('startYear: startYear must be two consecutive years, like 2026-27');
    expect(firstMessage({ ...ok, startYear: '2010' })).toBe('startYear: startYear must be a financial year like 2026-27');
  });
  it('discounting: the standard or health schedule or a constant rate, for the model or for one line', () => {
    const r = parseEstimateModel({ ...withLine(1, { discount: { schedule: 'health' } }), discount: { rate: 0.035 } });
    expect(r.ok && [r.model.discount, r.model.lines[1]!.discount, r.model.lines[0]!.discount]).toEqual([{ rate: 0.035 }, { schedule: 'health' }, undefined]);
    expect(firstMessage(withLine(1, { discount: { schedule: 'wellbeing' } }))).toMatch(/^lines\.1\.discount: discount must be/);
    expect(firstMessage({ ...ok, parameterSet: 'treasury-2031' })).toBe('parameterSet: unknown parameter set "treasury-2031"; the sets built in are hmt-green-book-2022');
    expect(parseEstimateModel({ ...ok, parameterSet: 'hmt-green-book-2022' }).ok).toBe(true);
  });
  it('fractional pence', () => {
    expect(firstMessage(withLine(0, { profile: [{ low: 1.5, central: 2, high: 3 }] }))).toBe('lines.0.profile.0.low: low must be a whole number of pence (got 1.5)');
  });
});
