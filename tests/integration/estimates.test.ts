import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench | null = null;
afterEach(async () => {
  await wb?.cleanup();
  wb = null;
});
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/estimates');
const flat = (...v: number[]) => v.map((c) => ({ low: c, central: c, high: c }));

async function setup() {
  wb = tempWorkbench();
  const council = await wb.call('organisation.add', { name: 'Borough Council', type: 'council' });
  const nhs = await wb.call('organisation.add', { name: 'NHS Trust', type: 'nhs' });
  const intervention = await wb.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3, discount: { rate: 0.25 } });
  return { wb, council, nhs, intervention };
}

describe('interventions and their lines', () => {
  it('stores an intervention with lines and returns its hand-worked result', async () => {
    const { wb, council, nhs, intervention } = await setup();
    expect(intervention).toMatchObject({ status: 'draft', priceYear: '2024-25', sensitivity: 'partners', simulation: { iterations: 10000, seed: 1 } });
    await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'Falls team', organisationId: council.id, profile: flat(100000, 100000, 100000) });
    await wb.call('estimateLine.add', {
      interventionId: intervention.id,
      kind: 'benefit',
      label: 'Fewer admissions',
      organisationId: nhs.id,
      deadweight: 0.25,
      cashable: true,
      profile: flat(0, 200000, 300000),
    });
    const d = await wb.call('intervention.get', { id: intervention.id });
    // Costs: 100,000 × (1 + 0.8 + 0.64) = 244,000. Benefits: 0.75 × (200,000 × 0.8 + 300,000 × 0.64) = 0.75 × 352,000 = 264,000.
    expect(d.result.scenarios.central).toMatchObject({ pvCosts: 244000, pvBenefits: 264000, npv: 20000, paybackYear: 2, cashablePvBenefits: 264000 });
    expect(d.result.scenarios.central.byOrganisation).toEqual([
      { organisation: 'Borough Council', pvCosts: 244000, pvBenefits: 0, net: -244000 },
      { organisation: 'NHS Trust', pvCosts: 0, pvBenefits: 264000, net: 264000 },
    ]);
    expect(d.result.simulation).toEqual({ iterations: 10000, p10: 20000, p50: 20000, p90: 20000, mean: 20000 });
    expect(d.lines.map((l) => [l.position, l.category, l.valueType])).toEqual([
      [0, 'revenue', null],
      [1, null, 'fiscal'],
    ]);
    expect(d.switching[1]!.change).toBeCloseTo(-20000 / 264000, 10);
    const list = await wb.call('intervention.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ lineCount: 2, central: { npv: 20000, paybackYear: 2 } });
  });

  it('refuses bad lines and stale edits, and changes nothing', async () => {
    const { wb, intervention } = await setup();
    const bad = await wb.dispatch('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'X', profile: [{ low: 5000, central: 4000, high: 6000 }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatchObject({ code: 'INVALID_INPUT', message: 'profile.0.low: low (5000) is greater than central (4000)' });
    const frac = await wb.dispatch('estimateLine.add', { interventionId: intervention.id, kind: 'benefit', label: 'X', deadweight: 1.5 });
    expect(frac.ok || frac.error.fields).toEqual({ deadweight: 'Deadweight cannot be above 100 %' });
    expect((await wb.call('intervention.get', { id: intervention.id })).lines).toEqual([]);
    // A profile longer than the intervention is kept, but only the intervention's years count: 1 + 0.8 + 0.64 = 2.44.
    await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'X', profile: flat(100, 100, 100, 100) });
    expect((await wb.call('intervention.get', { id: intervention.id })).result.scenarios.central.pvCosts).toBe(244);

    await wb.call('intervention.update', { id: intervention.id, rev: intervention.rev, patch: { name: 'Renamed' } });
    const stale = await wb.dispatch('intervention.update', { id: intervention.id, rev: intervention.rev, patch: { name: 'Again' } });
    expect(stale.ok || stale.error.code).toBe('CONFLICT');
    expect((await wb.call('intervention.get', { id: intervention.id })).intervention.name).toBe('Renamed');
  });

  it('keeps lines and links at their intervention’s sensitivity, and keeps history', async () => {
    const { wb, intervention } = await setup();
    const h = await wb.call('hypothesis.add', { statement: 'A falls team saves admissions' });
    const line = await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'benefit', label: 'B', profile: flat(1) });
    await wb.call('interventionLink.add', { interventionId: intervention.id, hypothesisId: h.id });
    const again = await wb.dispatch('interventionLink.add', { interventionId: intervention.id, hypothesisId: h.id });
    expect(again.ok || again.error.code).toBe('CONFLICT');
    await wb.call('intervention.update', { id: intervention.id, rev: intervention.rev, patch: { sensitivity: 'team' } });
    const d = await wb.call('intervention.get', { id: intervention.id });
    expect(d.lines[0]!.sensitivity).toBe('team');
    expect(d.links).toMatchObject([{ kind: 'hypothesis', title: 'A falls team saves admissions', sensitivity: 'team' }]);
    const history = await wb.call('record.history', { table: 'estimateLines', id: line.id });
    expect(history.map((r) => r.op)).toEqual(['create', 'update']);
    expect(history[1]!.changed).toContain('sensitivity');
  });

  it('builds a line from a unit cost × volume, uprated by the deflator table', async () => {
    const { wb, intervention } = await setup();
    const uc = await wb.call('unitCost.add', { code: 'HE5', description: 'Hip fracture', unit: 'per episode', agency: 'NHS', valuePence: 1000000, priceYear: '2022-23' });
    // Seeded deflators: 2022-23 = 100.0, 2024-25 = 110.0, so £10,000 becomes £11,000.
    const line = await wb.call('estimateLine.add', {
      interventionId: intervention.id,
      kind: 'benefit',
      label: 'Hip fractures avoided',
      unitCostId: uc.id,
      volumes: [
        { low: 0, central: 0, high: 0 },
        { low: 1, central: 2, high: 3 },
        { low: 2, central: 2.5, high: 4 },
      ],
    });
    expect(line.profile).toEqual([
      { low: 0, central: 0, high: 0 },
      { low: 1100000, central: 2200000, high: 3300000 },
      { low: 2200000, central: 2750000, high: 4400000 },
    ]);
    // Moving the price year re-uprates: 2023-24 = 106.6 → £10,660 per episode.
    const d = await wb.call('intervention.get', { id: intervention.id });
    await wb.call('intervention.update', { id: intervention.id, rev: d.intervention.rev, patch: { priceYear: '2023-24' } });
    const after = await wb.call('intervention.get', { id: intervention.id });
    expect(after.lines[0]!.profile[1]).toEqual({ low: 1066000, central: 2132000, high: 3198000 });
    const missing = await wb.dispatch('intervention.update', { id: intervention.id, rev: after.intervention.rev, patch: { priceYear: '1990-91' } });
    expect(missing.ok || missing.error.message).toMatch(/no deflator for 1990-91/);
  });
});

describe('the portfolio', () => {
  it('totals the interventions and builds the wrong-pocket matrix', async () => {
    const { wb, council, nhs, intervention } = await setup();
    await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'Team', organisationId: council.id, profile: flat(300) });
    await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'benefit', label: 'Admissions', organisationId: nhs.id, profile: flat(900) });
    const second = await wb.call('intervention.add', { name: 'Gone', startYear: '2024-25', years: 1 });
    await wb.call('intervention.delete', { id: second.id, rev: second.rev });
    const p = await wb.call('estimate.portfolio', {});
    expect(Object.keys(p).sort()).toEqual(['deal', 'interventionCount', 'interventions', 'scenarios', 'simulation', 'wrongPocket']);
    expect(p.interventionCount).toBe(1);
    expect(p.scenarios.central).toEqual({ pvCosts: 300, pvBenefits: 900, npv: 600, bcr: 3 });
    expect(p.wrongPocket).toEqual({ payers: ['Borough Council'], beneficiaries: ['NHS Trust'], cells: [[900]] });
    expect(p.simulation).toEqual({ iterations: 10000, p10: 600, p50: 600, p90: 600, mean: 600 });
    expect(p.interventions).toEqual([{ id: intervention.id, name: 'Falls prevention', centralNpv: 600, p10: 600, p90: 600 }]);
    // The council pays 300 for the NHS's 900: the NHS pays the council back its 300 (gain-share).
    expect(p.deal).toMatchObject({ rule: 'gain-share', possible: true, transfers: [{ from: 'NHS Trust', to: 'Borough Council', amount: 300 }] });
    expect(p.deal.positions.map((x) => [x.organisation, x.before, x.after])).toEqual([
      ['Borough Council', -300, 0],
      ['NHS Trust', 900, 600],
    ]);
  });

  it('exports an estimate and the portfolio to CSV and XLSX', async () => {
    const { wb, council, intervention } = await setup();
    await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: '=HYPERLINK("x")', organisationId: council.id, profile: flat(12345) });
    const csv = await wb.call('estimate.export', { interventionId: intervention.id, format: 'csv' });
    const text = fs.readFileSync(csv.path, 'utf8');
    expect(text).toContain('Results');
    expect(text).toContain('central,123.45,0.00,-123.45');
    expect(text).toContain('Parameter set,HM Treasury Green Book (2022) (hmt-green-book-2022)');
    expect(text).toContain('Appraisal summary');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    const xlsx = await wb.call('estimate.export', { format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.path);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Portfolio totals',
      'Simulation',
      'Interventions',
      'Wrong pocket (PV £; rows pay, c',
      'By organisation (central)',
      'Appraisal summary',
      'Impacts not valued in money',
      'Wrong-pocket deal',
      'Positions before and after the',
    ]);
    expect(book.getWorksheet('Portfolio totals')!.getRow(3).values).toEqual([undefined, 'central', 123.45, 0, -123.45, 0]);
  });
});

describe('the unit-cost library', () => {
  const upload = async (wb: TestWorkbench, name: string) => (await wb.call('upload.fromPath', { path: path.join(FIXTURES, name) })).uploadId;

  it('previews then imports a CSV (pounds, £ signs, 2022/23 years), and re-importing changes nothing', async () => {
    wb = tempWorkbench();
    const preview = await wb.call('unitCost.preview', { uploadId: await upload(wb, 'unit-costs.csv') });
    expect(preview.errors).toEqual([]);
    expect(preview.rows.map((r) => [r.code, r.valuePence, r.priceYear, r.action])).toEqual([
      ['HE1.0', 14800, '2022-23', 'add'],
      ['HE5.0', 1225050, '2022-23', 'add'],
      ['CR2.0', 25300, '2020-21', 'add'],
    ]);
    expect(await wb.call('unitCost.list', {})).toEqual([]);
    expect(await wb.call('unitCost.import', { uploadId: await upload(wb, 'unit-costs.csv') })).toMatchObject({ added: 3, updated: 0, unchanged: 0 });
    expect(await wb.call('unitCost.import', { uploadId: await upload(wb, 'unit-costs.csv') })).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    expect((await wb.call('unitCost.list', { text: 'hip' })).map((u) => u.code)).toEqual(['HE5.0']);
  });

  it('refuses a file with bad rows and imports none of it', async () => {
    wb = tempWorkbench();
    const r = await wb.dispatch('unitCost.import', { uploadId: await upload(wb, 'unit-costs-bad.csv') });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_FILE');
      expect(r.error.message).toContain('Row 3: value "ten pounds" is not an amount');
      expect(r.error.message).toContain('Row 4: price year "22/23" is not a financial year');
    }
    expect(await wb.call('unitCost.list', {})).toEqual([]);
  });

  it('imports XLSX too', async () => {
    wb = tempWorkbench();
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Costs');
    ws.addRow(['Code', 'Description', 'Unit', 'Agency', 'Value (pence)', 'Price base', 'Source', 'Quality']);
    ws.addRow(['X1', 'Night in custody', 'per night', 'Police', 41250, '2021-22', 'Home Office', 'B']);
    const file = path.join(wb.dir, 'costs.xlsx');
    await book.xlsx.writeFile(file);
    const id = (await wb.call('upload.fromPath', { path: file })).uploadId;
    expect(await wb.call('unitCost.import', { uploadId: id })).toMatchObject({ added: 1 });
    expect((await wb.call('unitCost.list', {}))[0]).toMatchObject({ code: 'X1', valuePence: 41250, priceYear: '2021-22', agency: 'Police', quality: 'B' });
  });

  it('has seeded, editable deflators and confidence grades, and refuses duplicates clearly', async () => {
    wb = tempWorkbench();
    const grades = await wb.call('confidenceGrade.list', {});
    expect(grades.map((g) => [g.grade, g.optimismBias])).toEqual([
      ['A', 0.05],
      ['B', 0.1],
      ['C', 0.2],
      ['D', 0.4],
      ['E', 0.6],
    ]);
    const d = (await wb.call('deflator.list', {})).find((x) => x.year === '2022-23')!;
    expect(d.index).toBe(100);
    await wb.call('deflator.update', { id: d.id, rev: d.rev, patch: { index: 100.5 } });
    const dup = await wb.dispatch('deflator.add', { year: '2022-23', index: 99 });
    expect(dup.ok || dup.error).toMatchObject({ code: 'CONFLICT', message: 'A deflator for "2022-23" is already in the table; edit that row instead.' });
  });
});
