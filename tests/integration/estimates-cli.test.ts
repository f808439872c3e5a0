import path from 'node:path';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
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
