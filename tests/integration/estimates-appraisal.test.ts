/**
 * Appraisal in the app (issue 17): parameter sets (verified imports, old estimates unchanged),
 * valued outcomes and their discounting, impacts not valued in money, the deal for the wrong
 * pocket, the Unit Cost Database workbook, unit costs by hand, and the simulation on threads.
 */
import { spawnSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GREEN_BOOK_2022, type ParameterSetContent } from '../../shared/calc/parameterSets';
import { preparePortfolio, runSimulation } from '../../shared/calc/portfolio';
import { encodePublicKey, rawPublicKey, signFile } from '../../main/bundle/minisign';
import { closeSimulationPool, simulateOnThreads } from '../../main/estimates/simulationPool';
import BetterSqlite3 from 'better-sqlite3';
import { openWorkbench } from '../../main/api/workbench';
import { migrate } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { writeUcdWorkbook } from '../fixtures/estimates/ucd';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench | null = null;
afterEach(async () => {
  await wb?.cleanup();
  wb = null;
});
afterAll(() => closeSimulationPool());

const flat = (...v: number[]) => v.map((c) => ({ low: c, central: c, high: c }));
const uploadsLeft = (w: TestWorkbench) => {
  const dir = path.join(w.ctx.paths.tempDir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

interface Signer {
  key: KeyObject;
  keyId: Buffer;
  publicKey: string;
}
function signer(): Signer {
  const { privateKey } = generateKeyPairSync('ed25519');
  const keyId = randomBytes(8);
  return { key: privateKey, keyId, publicKey: encodePublicKey(keyId, rawPublicKey(createPublicKey(privateKey))) };
}

/** A set file and its .minisig, as an issuer would publish them. */
async function publishSet(dir: string, content: ParameterSetContent, by: Signer, name = content.id): Promise<{ file: string; sig: string }> {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ ...content, signer: { minisignPublicKey: by.publicKey } }, null, 2)}\n`);
  const sig = `${file}.minisig`;
  fs.writeFileSync(sig, await signFile(file, by.key, by.keyId, `parameter set ${content.id}`));
  return { file, sig };
}

const REVIEW: ParameterSetContent = {
  ...GREEN_BOOK_2022,
  id: 'example-review-2031',
  name: 'Example review of the discount rate (test)',
  issuer: 'Example Treasury',
  edition: '2031',
  notes: null,
  schedules: {
    'green-book': { label: 'Standard: 3 % throughout', bands: [{ fromYear: 1, rate: 0.03 }], source: 'Example review (test), table 1' },
    health: { label: 'Health: 1 % throughout', bands: [{ fromYear: 1, rate: 0.01 }], source: 'Example review (test), table 2' },
  },
  deflators: [
    { year: '2024-25', index: 100, source: 'Example review (test), table 4' },
    { year: '2025-26', index: 103, source: 'Example review (test), table 4' },
  ],
  values: [{ key: 'QALY', label: 'Quality-adjusted life year', unit: 'per QALY', valuePence: 7000000, priceYear: '2024-25', healthValue: true, source: 'Example review (test), table 3' }],
};

async function uploadOf(w: TestWorkbench, file: string) {
  return (await w.call('upload.fromPath', { path: file })).uploadId;
}

describe('upgrading a file made before parameter sets (migration 0008)', () => {
  it('keeps an old estimate, its lines and its figures; the estimate is on the shipped set', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.db');
    const raw = new BetterSqlite3(file);
    migrate(raw, MIGRATIONS.slice(0, 7), { snapshotsDir: path.join(dir, 'snaps') });
    const at = '2026-01-01T00:00:00.000Z';
    raw.prepare(`INSERT INTO interventions (id, rev, created_at, updated_at, name, start_year, years, price_year, discount, optimism_bias, simulation) VALUES (?, '1-aaaaaaaa', ?, ?, 'Falls', '2026-27', 3, '2026-27', '{"schedule":"green-book"}', '{"costs":0.1,"benefits":0}', '{"iterations":1000,"seed":1}')`).run('01900000-0000-7000-8000-000000000001', at, at);
    const line = raw.prepare(`INSERT INTO estimate_lines (id, rev, created_at, updated_at, intervention_id, position, kind, label, category, value_type, cashable, optimism_bias, profile) VALUES (?, '1-aaaaaaaa', ?, ?, '01900000-0000-7000-8000-000000000001', ?, ?, ?, ?, ?, 1, ?, ?)`);
    line.run('01900000-0000-7000-8000-000000000002', at, at, 0, 'cost', 'Team', 'revenue', null, 0.5, JSON.stringify(flat(100000, 100000, 100000)));
    line.run('01900000-0000-7000-8000-000000000003', at, at, 1, 'benefit', 'Admissions', null, 'fiscal', null, JSON.stringify(flat(0, 207000, 214245)));
    raw.prepare(`INSERT INTO unit_costs (id, rev, created_at, updated_at, code, description, unit, agency, value_pence, price_year) VALUES ('01900000-0000-7000-8000-000000000004', '1-aaaaaaaa', ?, ?, 'HE1.0', 'A&E', 'per attendance', 'NHS', 14800, '2022-23')`).run(at, at);
    raw.close();
    const w = openWorkbench(file, 'cli');
    try {
      const r = await w.dispatch('intervention.get', { id: '01900000-0000-7000-8000-000000000001' });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.intervention.parameterSetId).toBe('hmt-green-book-2022');
      expect(r.value.lines.map((l) => [l.label, l.optimismBias, l.discount, l.parameterValue])).toEqual([
        ['Team', 0.5, null, null],
        ['Admissions', null, null, null],
      ]);
      // Costs: 100,000 × 1.5 × (1 + 1/1.035 + 1/1.035²) = 434,954.14 → 434,954. Benefits: 207,000/1.035 + 214,245/1.035² = 200,000 + 200,000.
      expect(r.value.result.scenarios.central).toMatchObject({ pvCosts: 434954, pvBenefits: 400000, npv: -34954 });
      const uc = await w.dispatch('unitCost.list', {});
      expect(uc.ok && uc.value).toMatchObject([{ code: 'HE1.0', variant: '', healthValue: false, category: null }]);
      const deflators = await w.dispatch('deflator.list', {});
      expect(deflators.ok && deflators.value.every((d) => /approximation of HM Treasury’s GDP deflator/.test(d.source ?? ''))).toBe(true);
    } finally {
      await w.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parameter sets', () => {
  it('imports a signed set only once verified, and an old estimate keeps its figures exactly', async () => {
    wb = tempWorkbench();
    const council = await wb.call('organisation.add', { name: 'Borough Council', type: 'council' });
    const nhs = await wb.call('organisation.add', { name: 'NHS Trust', type: 'nhs' });
    const i = await wb.call('intervention.add', { name: 'Falls', startYear: '2026-27', years: 4 });
    expect(i.parameterSetId).toBe('hmt-green-book-2022');
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'cost', label: 'Team', organisationId: council.id, profile: [{ low: 90000, central: 100000, high: 130000 }, ...flat(100000, 100000)] });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'Admissions', organisationId: nhs.id, profile: [{ low: 0, central: 0, high: 0 }, ...flat(150000, 150000, 150000)] });
    const before = await wb.call('intervention.get', { id: i.id });
    const portfolioBefore = await wb.call('estimate.portfolio', {});

    const issuer = signer();
    const { file, sig } = await publishSet(wb.dir, REVIEW, issuer);
    const ids = async () => ({ uploadId: await uploadOf(wb!, file), signatureUploadId: await uploadOf(wb!, sig) });

    // Verified first: the preview names the signer's fingerprint; an unknown signer must be accepted.
    const preview = await wb.call('parameterSet.preview', await ids());
    expect(preview).toMatchObject({ status: 'new', knownSigner: false, content: { id: 'example-review-2031' } });
    expect(preview.signer.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    const refused = await wb.dispatch('parameterSet.import', await ids());
    expect(refused.ok || refused.error).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('not seen before') });
    expect((await wb.call('parameterSet.list', {})).map((s) => s.id)).toEqual(['hmt-green-book-2022']);
    const imported = await wb.call('parameterSet.import', { ...(await ids()), acceptSigner: true });
    expect(imported).toMatchObject({ id: 'example-review-2031', builtIn: false, usedBy: 0, signer: { fingerprint: preview.signer.fingerprint } });
    // Importing exactly the same set again changes nothing; the signer is known now.
    await wb.call('parameterSet.import', await ids());
    expect(await wb.call('parameterSet.list', {})).toHaveLength(2);
    expect(uploadsLeft(wb)).toEqual([]);

    // The old estimate: identical, to the last field.
    expect(await wb.call('intervention.get', { id: i.id })).toEqual(before);
    expect(await wb.call('estimate.portfolio', {})).toEqual(portfolioBefore);

    // Moved to the new set on purpose, it is discounted with the new set's schedule: 150,000 × (1/1.03 + 1/1.03² + 1/1.03³) = 424,291.70.
    const moved = await wb.call('intervention.update', { id: i.id, rev: before.intervention.rev, patch: { parameterSetId: 'example-review-2031' } });
    const after = await wb.call('intervention.get', { id: i.id });
    expect(after.result.parameterSet).toEqual({ id: 'example-review-2031', name: 'Example review of the discount rate (test)' });
    expect(after.result.scenarios.central.pvBenefits).toBe(424292);
    // A set in use cannot be removed.
    const gone = await wb.dispatch('parameterSet.delete', { id: 'example-review-2031' });
    expect(gone.ok || gone.error.code).toBe('REFUSED');
    await wb.call('intervention.update', { id: i.id, rev: moved.rev, patch: { parameterSetId: 'hmt-green-book-2022' } });
    expect((await wb.call('intervention.get', { id: i.id })).result).toEqual(before.result);
  });

  it('refuses a tampered set, a wrong signature, a set without a source, and a changed set under the same id — leaving no copies', async () => {
    wb = tempWorkbench();
    const issuer = signer();
    const { file, sig } = await publishSet(wb.dir, REVIEW, issuer);
    const tampered = path.join(wb.dir, 'tampered.json');
    fs.writeFileSync(tampered, fs.readFileSync(file, 'utf8').replace('"rate": 0.03', '"rate": 0.01'));
    const r1 = await wb.dispatch('parameterSet.preview', { uploadId: await uploadOf(wb, tampered), signatureUploadId: await uploadOf(wb, sig) });
    expect(r1.ok || r1.error).toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining('The signature does not match') });

    const other = await publishSet(wb.dir, REVIEW, signer(), 'other');
    const r2 = await wb.dispatch('parameterSet.import', { uploadId: await uploadOf(wb, file), signatureUploadId: await uploadOf(wb, other.sig), acceptSigner: true });
    expect(r2.ok || r2.error.code).toBe('BAD_FILE');

    const unsourced = { ...REVIEW, id: 'unsourced', schedules: { ...REVIEW.schedules, health: { ...REVIEW.schedules.health, source: '' } } };
    const u = await publishSet(wb.dir, unsourced, issuer);
    const r3 = await wb.dispatch('parameterSet.preview', { uploadId: await uploadOf(wb, u.file), signatureUploadId: await uploadOf(wb, u.sig) });
    expect(r3.ok || r3.error.message).toMatch(/schedules\.health\.source: source is required/);

    await wb.call('parameterSet.import', { uploadId: await uploadOf(wb, file), signatureUploadId: await uploadOf(wb, sig), acceptSigner: true });
    const changed = await publishSet(wb.dir, { ...REVIEW, name: 'Changed after issue' }, issuer, 'changed');
    const r4 = await wb.dispatch('parameterSet.import', { uploadId: await uploadOf(wb, changed.file), signatureUploadId: await uploadOf(wb, changed.sig), acceptSigner: true });
    expect(r4.ok || r4.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('Sets never change once issued') });
    const builtIn = await publishSet(wb.dir, { ...REVIEW, id: 'hmt-green-book-2022' }, issuer, 'builtin');
    const r5 = await wb.dispatch('parameterSet.import', { uploadId: await uploadOf(wb, builtIn.file), signatureUploadId: await uploadOf(wb, builtIn.sig), acceptSigner: true });
    expect(r5.ok || r5.error.code).toBe('CONFLICT');
    expect(uploadsLeft(wb)).toEqual([]);
  });

  it('values an outcome from the set (a QALY), discounted on the health schedule by default, uprated to the price year', async () => {
    wb = tempWorkbench();
    const { file, sig } = await publishSet(wb.dir, REVIEW, signer());
    await wb.call('parameterSet.import', { uploadId: await uploadOf(wb, file), signatureUploadId: await uploadOf(wb, sig), acceptSigner: true });
    const i = await wb.call('intervention.add', { name: 'Falls', startYear: '2024-25', years: 2, parameterSetId: 'example-review-2031' });
    const line = await wb.call('estimateLine.add', {
      interventionId: i.id,
      kind: 'benefit',
      label: 'QALYs gained',
      valueType: 'social',
      parameterValue: 'QALY',
      volumes: [
        { low: 0, central: 0, high: 0 },
        { low: 1, central: 2, high: 3 },
      ],
    });
    // £70,000 per QALY in 2024-25 prices, the estimate's price year: 2 QALYs = £140,000 in year 1.
    expect(line).toMatchObject({ parameterValue: 'QALY', unitCostId: null, discount: { schedule: 'health' } });
    expect(line.profile[1]).toEqual({ low: 7000000, central: 14000000, high: 21000000 });
    // Health schedule of this set, 1 %: 14,000,000 / 1.01 = 13,861,386.14 → 13,861,386.
    const d = await wb.call('intervention.get', { id: i.id });
    expect(d.result.scenarios.central.pvBenefits).toBe(13861386);
    // The discounting is shown and changeable: on the standard schedule (3 %) it is 14,000,000 / 1.03 = 13,592,233.
    await wb.call('estimateLine.update', { id: line.id, rev: line.rev, patch: { discount: { schedule: 'green-book' } } });
    expect((await wb.call('intervention.get', { id: i.id })).result.scenarios.central.pvBenefits).toBe(13592233);
    // Uprated with the set's own deflators when it has both years (103 / 100), not the team's table (112.8 / 110):
    // 2 QALYs × £70,000 × 1.03 = £144,200.
    const d2 = await wb.call('intervention.get', { id: i.id });
    await wb.call('intervention.update', { id: i.id, rev: d2.intervention.rev, patch: { priceYear: '2025-26' } });
    expect((await wb.call('intervention.get', { id: i.id })).lines[0]!.profile[1]).toEqual({ low: 7210000, central: 14420000, high: 21630000 });
    // A value the set does not have is refused plainly.
    const missing = await wb.dispatch('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'x', parameterValue: 'WELLBY', volumes: [] });
    expect(missing.ok || missing.error.message).toMatch(/has no value per unit "WELLBY"; it has QALY/);
  });

  it('a health or life value from the unit-cost library also brings the health schedule; a benefit OB of 100 % is refused, a cost OB of 150 % is not', async () => {
    wb = tempWorkbench();
    const qaly = await wb.call('unitCost.add', { code: 'QALY', description: 'Quality-adjusted life year', unit: 'per QALY', agency: 'Society', valuePence: 6000000, priceYear: '2024-25', source: 'Entered by the analyst from the current guidance', healthValue: true });
    const i = await wb.call('intervention.add', { name: 'Falls', startYear: '2024-25', years: 2 });
    const line = await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'QALYs', unitCostId: qaly.id, volumes: [{ low: 0, central: 0, high: 0 }, { low: 1, central: 1, high: 1 }] });
    expect(line.discount).toEqual({ schedule: 'health' });
    // 6,000,000 / 1.015 = 5,911,330.05 → 5,911,330.
    expect((await wb.call('intervention.get', { id: i.id })).result.scenarios.central.pvBenefits).toBe(5911330);
    const tooMuch = await wb.dispatch('estimateLine.update', { id: line.id, rev: line.rev, patch: { optimismBias: 1 } });
    expect(tooMuch.ok || tooMuch.error.fields).toEqual({ optimismBias: 'Optimism bias on a benefit line must be below 100 %' });
    const c = await wb.call('estimateLine.add', { interventionId: i.id, kind: 'cost', label: 'Kit', optimismBias: 1.5, profile: flat(100000) });
    expect(c.optimismBias).toBe(1.5);
    const i2 = await wb.call('intervention.update', { id: i.id, rev: i.rev, patch: { optimismBias: { costs: 2, benefits: 0.05 } } });
    expect(i2.optimismBias).toEqual({ costs: 2, benefits: 0.05 });
  });
});

describe('the appraisal summary and impacts not valued in money', () => {
  it('lists impacts beside the figures, for the intervention and the portfolio, following its sensitivity', async () => {
    wb = tempWorkbench();
    const ev = await wb.call('evidence.add', { title: 'Survey of older residents', kind: 'citizen_survey' });
    const i = await wb.call('intervention.add', { name: 'Falls', startYear: '2026-27', years: 1, discount: { rate: 0.25 } });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'cost', label: 'Team', profile: flat(1000) });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'Admissions', profile: flat(3000) });
    const impact = await wb.call('nonMonetisedImpact.add', { interventionId: i.id, description: 'Older people feel safer at home', direction: 'positive', affected: 'Residents over 75', evidenceId: ev.id });
    await wb.call('nonMonetisedImpact.add', { interventionId: i.id, description: 'Carers take on more', direction: 'negative' });
    const d = await wb.call('intervention.get', { id: i.id });
    expect(d.appraisal).toMatchObject({ npv: 2000, bcr: 3, paybackYear: 0, parameterSets: [{ id: 'hmt-green-book-2022' }], range: { p10: 2000, p50: 2000, p90: 2000 } });
    expect(d.appraisal.nonMonetised).toEqual([
      { description: 'Older people feel safer at home', direction: 'positive', affected: 'Residents over 75', evidence: { id: ev.id, title: 'Survey of older residents' } },
      { description: 'Carers take on more', direction: 'negative', affected: null, evidence: null },
    ]);
    expect(d.appraisal.switching.map((s) => [s.label, s.change])).toEqual([
      ['Team', 2],
      ['Admissions', -2000 / 3000],
    ]);
    const page = await wb.call('estimate.portfolioView', {});
    expect(page.appraisal.nonMonetised.map((m) => m.intervention?.name)).toEqual(['Falls', 'Falls']);
    expect(page.appraisal.switching).toEqual([
      { label: 'All costs', kind: 'cost', change: 2, switchingPv: 3000 },
      { label: 'All benefits', kind: 'benefit', change: -2000 / 3000, switchingPv: 1000 },
    ]);
    await wb.call('intervention.update', { id: i.id, rev: d.intervention.rev, patch: { sensitivity: 'team' } });
    expect((await wb.call('intervention.get', { id: i.id })).impacts.every((m) => m.sensitivity === 'team')).toBe(true);
    await wb.call('nonMonetisedImpact.update', { id: impact.id, rev: (await wb.call('intervention.get', { id: i.id })).impacts[0]!.rev, patch: { direction: 'mixed' } });
    expect((await wb.call('intervention.get', { id: i.id })).appraisal.nonMonetised[0]!.direction).toBe('mixed');
  });
});

describe('the deal for the wrong pocket', () => {
  it('proposes, saves edited transfers, and shows positions before and after; with a negative NPV says no deal can make everyone whole', async () => {
    wb = tempWorkbench();
    const council = await wb.call('organisation.add', { name: 'Borough Council', type: 'council' });
    const nhs = await wb.call('organisation.add', { name: 'NHS Trust', type: 'nhs' });
    const police = await wb.call('organisation.add', { name: 'Police', type: 'police' });
    const i = await wb.call('intervention.add', { name: 'Falls', startYear: '2026-27', years: 1 });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'cost', label: 'Team', organisationId: council.id, profile: flat(300000) });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'Own', organisationId: council.id, profile: flat(50000) });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'Admissions', organisationId: nhs.id, profile: flat(500000) });
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'benefit', label: 'Call-outs', organisationId: police.id, profile: flat(100000) });
    let page = await wb.call('estimate.portfolioView', {});
    // The hand-worked gain-share of the unit tests, through the app.
    expect(page.deal.transfers).toEqual([
      { from: 'NHS Trust', to: 'Borough Council', amount: 208333 },
      { from: 'Police', to: 'Borough Council', amount: 41667 },
    ]);
    expect(page.dealRecord).toBeNull();

    const deal = await wb.call('estimate.dealSave', {
      rev: null,
      rule: 'gain-share',
      note: null,
      transfers: [
        { fromOrganisationId: nhs.id, toOrganisationId: council.id, amountPence: 200000 },
        { fromOrganisationId: police.id, toOrganisationId: council.id, amountPence: 50000 },
      ],
    });
    expect(deal).toMatchObject({ edited: true, shortfalls: [] });
    page = await wb.call('estimate.portfolioView', {});
    expect(page.deal.positions.map((p) => [p.organisation, p.after])).toEqual([
      ['Borough Council', 0],
      ['NHS Trust', 300000],
      ['Police', 50000],
    ]);
    // Renaming an organisation keeps the deal (transfers are stored by organisation).
    await wb.call('organisation.update', { id: police.id, rev: police.rev, patch: { name: 'West Mercia Police' } });
    expect((await wb.call('estimate.portfolio', {})).deal.transfers[1]).toEqual({ from: 'West Mercia Police', to: 'Borough Council', amount: 50000 });
    const stale = await wb.dispatch('estimate.dealSave', { rev: null, rule: 'pooled-budget', note: null, transfers: null });
    expect(stale.ok || stale.error.code).toBe('CONFLICT');
    const pooled = await wb.call('estimate.dealSave', { rev: page.dealRecord!.rev, rule: 'pooled-budget', note: null, transfers: null });
    expect(pooled).toMatchObject({ rule: 'pooled-budget', edited: false });
    expect(pooled.positions.map((p) => p.after)).toEqual([350000, 0, 0]);

    const bad = await wb.dispatch('estimate.dealSave', { rev: null, rule: 'gain-share', note: null, transfers: [{ fromOrganisationId: nhs.id, toOrganisationId: nhs.id, amountPence: 1 }] });
    expect(bad.ok || bad.error.code).toBe('INVALID_INPUT');

    // A loss overall: no deal.
    await wb.call('estimateLine.add', { interventionId: i.id, kind: 'cost', label: 'Overrun', organisationId: council.id, profile: flat(1000000) });
    const p = await wb.call('estimate.portfolio', {});
    expect(p.deal.possible).toBe(false);
    expect(p.deal.message).toMatch(/no deal can make every agency whole/);
  });
});

describe('unit costs from the files analysts have', () => {
  it('imports a workbook shaped like the Unit Cost Database: every cost sheet, two-row headings, repeated codes as distinct entries', async () => {
    wb = tempWorkbench();
    const file = path.join(wb.dir, 'unit-cost-database.xlsx');
    const entries = await writeUcdWorkbook(file);
    const preview = await wb.call('unitCost.preview', { uploadId: await uploadOf(wb, file) });
    expect(preview.errors).toEqual([]);
    expect(preview.sheets).toEqual([
      { name: 'Notes', rows: 0, skipped: expect.stringContaining('No unit-cost headings') },
      { name: 'Crime', rows: 6, skipped: null },
      { name: 'Health', rows: 5, skipped: null },
      { name: 'Housing', rows: 3, skipped: null },
      { name: 'Deflators', rows: 0, skipped: expect.stringContaining('No unit-cost headings') },
    ]);
    expect(preview.rows).toHaveLength(entries.length);
    for (const e of entries) {
      expect(preview.rows).toContainEqual(expect.objectContaining({ sheet: e.sheet, code: e.code, description: e.description, unit: e.unit, agency: e.agency, valuePence: e.valuePence, priceYear: e.priceYear, action: 'add' }));
    }
    const r = await wb.call('unitCost.import', { uploadId: await uploadOf(wb, file) });
    expect(r).toMatchObject({ added: entries.length, updated: 0, unchanged: 0 });
    const library = await wb.call('unitCost.list', {});
    expect(library).toHaveLength(entries.length);
    // Repeated codes, told apart by what differs: agency, else unit.
    expect(library.filter((u) => u.code === 'CR6.0').map((u) => u.variant)).toEqual(['Local authority', 'NHS', 'Police']);
    expect(library.filter((u) => u.code === 'HE5.0').map((u) => u.variant)).toEqual(['per bed day', 'per episode']);
    expect(library.filter((u) => u.code === 'FS1.0').map((u) => [u.variant, u.category])).toEqual([
      ['Ambulance service', 'Falls'],
      ['Local authority', 'Housing'],
    ]);
    expect(library.find((u) => u.code === 'HO2.1')).toMatchObject({ priceYear: '2023-24', valuePence: 727600, source: 'Shelter (2016), uprated', quality: '2' });
    expect(library.find((u) => u.code === 'HE9.9')).toMatchObject({ healthValue: true });
    expect(library.find((u) => u.code === 'CR1.0' && u.variant === 'Police')).toMatchObject({ valuePence: 320000, category: 'Crime', quality: '3' });
    // Importing the same workbook again changes nothing.
    expect(await wb.call('unitCost.import', { uploadId: await uploadOf(wb, file) })).toMatchObject({ added: 0, updated: 0, unchanged: entries.length });
    expect(uploadsLeft(wb)).toEqual([]);
  });

  it('refuses a legacy .xls with what to do instead, and a file with bad rows, leaving no copy behind', async () => {
    wb = tempWorkbench();
    const xls = path.join(wb.dir, 'Unit Cost Database v2.xls');
    // An Excel 97–2003 file starts with the OLE2 compound-file signature.
    fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    const r = await wb.dispatch('unitCost.preview', { uploadId: await uploadOf(wb, xls) });
    expect(r.ok || r.error).toMatchObject({ code: 'BAD_FILE', message: '"Unit Cost Database v2.xls" is an Excel 97–2003 workbook (.xls), which the workbench cannot read: save it as .xlsx in Excel, then import that.' });
    // The same content under another name is still recognised.
    const renamed = path.join(wb.dir, 'costs.xlsx');
    fs.copyFileSync(xls, renamed);
    const r2 = await wb.dispatch('unitCost.import', { uploadId: await uploadOf(wb, renamed) });
    expect(r2.ok || r2.error.message).toMatch(/save it as \.xlsx in Excel, then import that/);
    const bad = await wb.call('unitCost.preview', { uploadId: await uploadOf(wb, path.resolve(import.meta.dirname, '../fixtures/estimates/unit-costs-bad.csv')) });
    expect(bad.errors.length).toBe(2);
    const refused = await wb.dispatch('unitCost.import', { uploadId: await uploadOf(wb, path.resolve(import.meta.dirname, '../fixtures/estimates/unit-costs-bad.csv')) });
    expect(refused.ok || refused.error.code).toBe('BAD_FILE');
    // A good file's preview leaves no copy either: the import sends the file again.
    await wb.call('unitCost.preview', { uploadId: await uploadOf(wb, path.resolve(import.meta.dirname, '../fixtures/estimates/unit-costs.csv')) });
    expect(uploadsLeft(wb)).toEqual([]);
    expect(await wb.call('unitCost.list', {})).toEqual([]);
  });

  it('adds and edits single unit costs by hand, keyed by code and variant', async () => {
    wb = tempWorkbench();
    const a = await wb.call('unitCost.add', { code: 'CR1.0', description: 'Crime incident', unit: 'per incident', agency: 'Police', valuePence: 320000, priceYear: '2023-24' });
    expect(a).toMatchObject({ variant: '', healthValue: false, category: null });
    const dup = await wb.dispatch('unitCost.add', { code: 'cr1.0', description: 'Crime incident', unit: 'per incident', agency: 'Courts', valuePence: 1, priceYear: '2023-24' });
    expect(dup.ok || dup.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('CR1.0 is already in the library') });
    const b = await wb.call('unitCost.add', { code: 'CR1.0', variant: 'Courts', description: 'Crime incident', unit: 'per incident', agency: 'Courts', valuePence: 115050, priceYear: '2023-24' });
    const edited = await wb.call('unitCost.update', { id: b.id, rev: b.rev, patch: { valuePence: 120000, source: 'MoJ' } });
    expect(edited).toMatchObject({ valuePence: 120000, source: 'MoJ', variant: 'Courts' });
    const clash = await wb.dispatch('unitCost.update', { id: b.id, rev: edited.rev, patch: { variant: '' } });
    expect(clash.ok || clash.error.code).toBe('CONFLICT');
    const tooBig = await wb.dispatch('unitCost.add', { code: 'X', description: 'x', unit: 'x', agency: 'x', valuePence: 1e12 + 1, priceYear: '2023-24' });
    expect(tooBig.ok).toBe(false);
  });
});

describe('the portfolio simulation on worker threads', () => {
  it('gives the single-thread figures bit for bit', async () => {
    const orgs = ['Council', 'NHS', 'Police', 'Fire'];
    const items = Array.from({ length: 30 }, (_, n) => ({
      id: String(n),
      model: {
        name: `I${n}`,
        startYear: '2026-27',
        years: 6,
        discount: { schedule: 'green-book' as const },
        optimismBias: { costs: 0.1, benefits: 0.05 },
        simulation: null,
        lines: Array.from({ length: 5 }, (_, l) => ({
          kind: l < 2 ? ('cost' as const) : ('benefit' as const),
          label: `L${l}`,
          organisation: orgs[(n + l) % 4]!,
          cashable: true,
          optimismBias: undefined,
          category: 'revenue' as const,
          valueType: 'fiscal' as const,
          deadweight: 0.1,
          attributionToOthers: 0,
          displacement: 0,
          dropOff: 0.1,
          profile: Array.from({ length: 6 }, (_, t) => {
            const c = 100000 + ((n * 7919 + l * 104729 + t * 1299709) % 900000);
            return { low: Math.round(c * 0.83), central: c, high: Math.round(c * 1.37) };
          }),
        })),
      },
    }));
    const job = preparePortfolio(items, { sim: { iterations: 4000, seed: 11 } }).simulation!;
    const single = runSimulation(job);
    for (const threads of [2, 3]) {
      const r = await simulateOnThreads(job, threads);
      expect(Buffer.from(r.npvs.buffer).equals(Buffer.from(single.buffer))).toBe(true);
      expect(r.summaries).toHaveLength(30);
    }
  });

  it('never keeps a process (the `tpw` command) from exiting once its figures are out', { timeout: 120_000 }, () => {
    const pool = path.resolve(import.meta.dirname, '../../main/estimates/simulationPool.ts');
    const calc = path.resolve(import.meta.dirname, '../../shared/calc/montecarlo.ts');
    const code = `
      const { simulateOnThreads } = await import(${JSON.stringify(pool)});
      const { compileLine, packLines } = await import(${JSON.stringify(calc)});
      const line = compileLine([1, 2], [2, 3], [4, 5], [1, 0.9]);
      const r = await simulateOnThreads({ packed: packLines([line, line, line]), groupStart: Int32Array.of(0, 1, 3), iterations: 1000, seed: 3 }, 2);
      console.log('done', r.npvs.length);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 90_000, cwd: path.resolve(import.meta.dirname, '../..') });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('done 2000');
    expect(r.status).toBe(0);
  });
});
