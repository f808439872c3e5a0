import path from 'node:path';
import fs from 'node:fs';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { GREEN_BOOK_2022 } from '../../shared/calc/parameterSets';
import { encodePublicKey, rawPublicKey, signFile } from '../../main/bundle/minisign';
import { writeUcdWorkbook } from '../fixtures/estimates/ucd';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/estimates');
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};

describe('tpw estimate', () => {
  // Each `tpw` run compiles the CLI with tsx: seconds apiece on a loaded two-core machine.
  it('eval prints the ESTIMATES.md result for the falls example (hand-worked central figures)', { timeout: 120_000 }, () => {
    const r = tpw(['estimate', 'eval', path.join(FIXTURES, 'falls.json'), '--json']);
    expect(r.status).toBe(0);
    const out = r.json<{ name: string; scenarios: Record<string, Record<string, unknown>>; simulation: { iterations: number; p10: number; p50: number; p90: number; mean: number } }>();
    // Σ DF(0..4) at 3.5 % = 1 + 0.966184 + 0.933511 + 0.901943 + 0.871442 = 4.673079.
    // Costs: 10,000,000 × 1.10 × 4.673079 = 51,403,871. Benefits: 18,000,000 × 0.8 × 0.9 × 0.95 × (4.673079 − 1) = 45,222,951.
    expect(out.name).toBe('Integrated falls prevention');
    expect(out).toMatchObject({ parameterSet: { id: 'hmt-green-book-2022', name: 'HM Treasury Green Book (2022)' } });
    expect(out.scenarios.central).toMatchObject({ pvCosts: 51403871, pvBenefits: 45222951, npv: -6180920, paybackYear: null, cashablePvBenefits: 45222951, fiscalNpv: -6180920 });
    expect(Object.keys(out.scenarios.central ?? {}).sort()).toEqual(['bcr', 'byOrganisation', 'cashablePvBenefits', 'fiscalNpv', 'npv', 'paybackYear', 'pvBenefits', 'pvCosts']);
    expect(out.simulation.iterations).toBe(10000);
    expect(out.simulation.p10).toBeLessThanOrEqual(out.simulation.p50);
    expect(out.simulation.p50).toBeLessThanOrEqual(out.simulation.p90);
    // Reproducible: same model, same seed, same figures.
    expect(tpw(['estimate', 'eval', path.join(FIXTURES, 'falls.json'), '--json']).json()).toEqual(out);
  });

  it('eval refuses a malformed model with exit 2 and a message naming the field', { timeout: 120_000 }, () => {
    const dir = fresh();
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ name: 'x', startYear: '2010-11', years: 2, lines: [{ kind: 'benefit', label: 'b', organisation: 'NHS', valueType: 'fiscal', deadweight: 1.5, profile: [] }] }));
    const r = tpw(['estimate', 'eval', file, '--json']);
    expect(r.status).toBe(2);
    expect(r.json()).toEqual({
      error: { code: 'INVALID_INPUT', message: 'lines.0.deadweight: deadweight must be a fraction from 0 to 1 (got 1.5)', fields: { 'lines.0.deadweight': 'deadweight must be a fraction from 0 to 1 (got 1.5)' } },
    });
    fs.writeFileSync(file, '{ not json');
    const notJson = tpw(['estimate', 'eval', file]);
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('is not valid JSON');
    expect(tpw(['estimate', 'eval']).status).toBe(1);
  });

  it('eval reads per-line health discounting, and refuses an amount beyond 10^12 pence (exit 2) rather than computing it inexactly', { timeout: 120_000 }, () => {
    const dir = fresh();
    const model = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'falls.json'), 'utf8'));
    model.years = 2;
    model.optimismBias = { costs: 1.5, benefits: 0 };
    model.simulation = null;
    model.lines = [
      { ...model.lines[0], profile: [{ low: 100000, central: 100000, high: 100000 }] },
      { ...model.lines[1], deadweight: 0, attributionToOthers: 0, discount: { schedule: 'health' }, profile: [{ low: 0, central: 0, high: 0 }, { low: 1015000, central: 1015000, high: 1015000 }] },
    ];
    const file = path.join(dir, 'health.json');
    fs.writeFileSync(file, JSON.stringify(model));
    const ok = tpw(['estimate', 'eval', file, '--json']);
    expect(ok.status).toBe(0);
    // Costs 100,000 × 2.5 (150 % optimism bias) = 250,000. Benefit on the health schedule: 1,015,000 / 1.015 = 1,000,000.
    expect(ok.json<{ scenarios: { central: unknown } }>().scenarios.central).toMatchObject({ pvCosts: 250000, pvBenefits: 1000000, npv: 750000 });
    // 2^53 + 1 written in the file: read as 2^53, refused all the same.
    fs.writeFileSync(file, JSON.stringify(model).replace('"central":1015000,"high":1015000', '"central":1015000,"high":9007199254740993'));
    const big = tpw(['estimate', 'eval', file, '--json']);
    expect(big.status).toBe(2);
    expect(big.json<{ error: { message: string } }>().error.message).toMatch(/^lines\.1\.profile\.1\.high: high is beyond ±10\^12 pence/);
  });

  it('unitcost import --dry-run exits 2 when the import would be refused, and no run leaves a copy of the file', { timeout: 240_000 }, async () => {
    const dir = fresh();
    const db = path.join(dir, 'w.db');
    const uploads = path.join(dir, 'w-tmp', 'uploads');
    const bad = tpw(['unitcost', 'import', path.join(FIXTURES, 'unit-costs-bad.csv'), '--dry-run', '--db', db, '--json']);
    expect(bad.status).toBe(2);
    expect(bad.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining('Row 3: value "ten pounds" is not an amount') });
    const ucd = path.join(dir, 'ucd.xlsx');
    const entries = await writeUcdWorkbook(ucd);
    const dry = tpw(['unitcost', 'import', ucd, '--dry-run', '--db', db, '--json']);
    expect(dry.status).toBe(0);
    expect(dry.json<{ rows: unknown[] }>().rows).toHaveLength(entries.length);
    const xls = path.join(dir, 'old.xls');
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const refused = tpw(['unitcost', 'import', xls, '--db', db]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('save it as .xlsx in Excel, then import that');
    const real = tpw(['unitcost', 'import', ucd, '--db', db, '--json']);
    expect(real.json()).toMatchObject({ added: entries.length });
    expect(fs.existsSync(uploads) ? fs.readdirSync(uploads) : []).toEqual([]);
    const added = tpw(['unitcost', 'add', '--code', 'QALY', '--description', 'Quality-adjusted life year', '--unit', 'per QALY', '--agency', 'Society', '--value', '7000000', '--price-year', '2024-25', '--source', 'Entered from current guidance', '--health', '--db', db, '--json']);
    expect(added.status).toBe(0);
    expect(added.json()).toMatchObject({ code: 'QALY', valuePence: 7000000, healthValue: true, variant: '' });
    expect(tpw(['unitcost', 'add', '--code', 'X', '--description', 'x', '--unit', 'x', '--agency', 'x', '--value', '£12', '--price-year', '2024-25', '--db', db]).status).toBe(1);
  });

  it('imports a signed parameter set (an unknown signer needs --accept-signer) and the portfolio JSON carries the deal', { timeout: 240_000 }, async () => {
    const dir = fresh();
    const db = path.join(dir, 'w.db');
    const { privateKey } = generateKeyPairSync('ed25519');
    const keyId = randomBytes(8);
    const set = { ...GREEN_BOOK_2022, id: 'example-2031', name: 'Example set (test)', signer: { minisignPublicKey: encodePublicKey(keyId, rawPublicKey(createPublicKey(privateKey))) } };
    const file = path.join(dir, 'example-2031.json');
    fs.writeFileSync(file, JSON.stringify(set, null, 2));
    fs.writeFileSync(`${file}.minisig`, await signFile(file, privateKey, keyId, 'example'));
    const dry = tpw(['paramset', 'import', file, '--dry-run', '--db', db, '--json']);
    expect(dry.status).toBe(0);
    expect(dry.json()).toMatchObject({ status: 'new', knownSigner: false });
    const refused = tpw(['paramset', 'import', file, '--db', db]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not seen before');
    expect(tpw(['paramset', 'import', file, '--accept-signer', '--db', db]).status).toBe(0);
    expect(tpw(['paramset', 'list', '--db', db]).stdout).toContain('Example set (test) (example-2031, imported');
    const p = tpw(['estimate', 'portfolio', '--db', db, '--json']).json<Record<string, unknown>>();
    expect(p.deal).toMatchObject({ rule: 'gain-share', possible: true, transfers: [], positions: [] });
  });

  it('imports unit costs, lists interventions and prints the portfolio from a database', { timeout: 180_000 }, () => {
    const db = path.join(fresh(), 'w.db');
    const imp = tpw(['unitcost', 'import', path.join(FIXTURES, 'unit-costs.csv'), '--db', db, '--json']);
    expect(imp.status).toBe(0);
    expect(imp.json()).toMatchObject({ added: 3 });
    const list = tpw(['unitcost', 'list', '--search', 'fall', '--db', db]);
    expect(list.stdout).toContain('CR2.0');
    expect(tpw(['estimate', 'list', '--db', db]).stdout).toContain('No interventions yet');
    const p = tpw(['estimate', 'portfolio', '--db', db, '--json']);
    expect(p.status).toBe(0);
    expect(p.json()).toMatchObject({ interventionCount: 0, simulation: null });
    const out = path.join(fresh(), 'p.xlsx');
    expect(tpw(['estimate', 'export', '--out', out, '--db', db]).status).toBe(0);
    expect(fs.statSync(out).size).toBeGreaterThan(1000);
  });
});
