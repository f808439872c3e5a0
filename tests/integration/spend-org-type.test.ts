/**
 * Issue 15 (15b): an organisation created by a spend import gets the type the person gives
 * (`--org-type`, or the import page's choice); without one it is "other" and the CLI says the type
 * is not set. The contract JSON is unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';
import { FIXTURES } from '../fixtures/spend/make';

let dir: string;
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = path.join(dir, 'w.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const FILE = path.join(FIXTURES, 'nhs_chelsea_westminster_2020-04.csv');
const orgs = () => tpw(['org', 'list', '--db', db, '--json']).json<{ name: string; type: string }[]>();

describe('the organisation a spend import adds', { timeout: 180_000 }, () => {
  it('takes the type given with --org-type', () => {
    const r = tpw(['spend', 'import', FILE, '--org', 'Chelsea and Westminster NHS FT', '--org-type', 'nhs', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('type not set');
    expect(orgs()).toEqual([expect.objectContaining({ name: 'Chelsea and Westminster NHS FT', type: 'nhs' })]);
  });

  it('without one is "other", flagged "type not set" in the text; the JSON keeps its fields', () => {
    const r = tpw(['spend', 'import', FILE, '--org', 'Chelsea and Westminster NHS FT', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('with type "other" (type not set)');
    expect(orgs()).toEqual([expect.objectContaining({ type: 'other' })]);
    fs.rmSync(db);
    const j = tpw(['spend', 'import', FILE, '--org', 'Chelsea and Westminster NHS FT', '--db', db, '--json']);
    expect(Object.keys(j.json<object>())).not.toContain('organisationType');
  });

  it('refuses an unknown type, and imports nothing', () => {
    const r = tpw(['spend', 'import', FILE, '--org', 'Chelsea and Westminster NHS FT', '--org-type', 'hospital', '--db', db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('The organisation type is one of');
    expect(fs.existsSync(db) ? orgs() : []).toEqual([]);
  });
});
