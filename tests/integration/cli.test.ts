import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';
import { APPLICATION_ID } from '../../main/db/ownership';

const dir = tempDir('tpw-cli-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tpw', () => {
  const db = path.join(dir, 'w.db');

  it('init creates the database and the pilot; check reports integrity and schema version', () => {
    const init = tpw(['init', '--place', 'Barnsley', '--deadline', '2027-03-31', '--db', db, '--json']);
    expect(init.status).toBe(0);
    expect(init.json()).toMatchObject({ place: 'Barnsley', reportDeadline: '2027-03-31' });
    const check = tpw(['--db', db, 'check', '--json']);
    expect(check.status).toBe(0);
    expect(check.json()).toMatchObject({ integrity: 'ok', schemaVersion: expect.any(Number) });
  });

  it('accepts global options before or after the verb, and $TPW_DB', () => {
    expect(tpw(['--db', db, 'org', 'add', '--name', 'Barnsley MBC', '--type', 'council']).status).toBe(0);
    expect(tpw(['org', 'add', '--name', 'South Yorkshire Police', '--type', 'police', '--db', db]).status).toBe(0);
    const list = tpw(['org', 'list', '--json'], { env: { TPW_DB: db } });
    expect(list.json<{ name: string }[]>().map((o) => o.name)).toEqual(['Barnsley MBC', 'South Yorkshire Police']);
  });

  it('exits 2 on refused input with one line on stderr, or a JSON error with --json, and changes nothing', () => {
    const dup = tpw(['org', 'add', '--name', 'barnsley mbc', '--type', 'council', '--db', db]);
    expect(dup.status).toBe(2);
    expect(dup.stderr.trim().split('\n')).toHaveLength(1);
    expect(dup.stderr).toMatch(/already exists/);
    const dupJson = tpw(['org', 'add', '--name', 'barnsley mbc', '--type', 'council', '--db', db, '--json']);
    expect(dupJson.status).toBe(2);
    expect(dupJson.json()).toEqual({ error: { code: 'CONFLICT', message: 'An organisation with that name already exists.' } });
    const badDate = tpw(['init', '--place', 'Barnsley', '--deadline', '31/03/2027', '--db', db, '--json']);
    expect(badDate.status).toBe(2);
    expect(badDate.json<{ error: { code: string } }>().error.code).toBe('INVALID_INPUT');
    expect(tpw(['org', 'list', '--db', db, '--json']).json<unknown[]>()).toHaveLength(2);
  });

  it('exits 1 on usage errors', () => {
    expect(tpw(['frobnicate', '--db', db]).status).toBe(1);
    expect(tpw(['init', '--db', db]).status).toBe(1);
    expect(tpw(['org', 'list', '--place', 'x', '--db', db]).status).toBe(1);
    expect(tpw(['--nonsense']).status).toBe(1);
  });

  it('adds, lists and moves hypotheses', () => {
    const add = tpw(['hypothesis', 'add', '--statement', 'Shared triage cuts A&E repeat visits', '--theme', 'Urgent care', '--db', db, '--json']);
    expect(add.status).toBe(0);
    const id = add.json<{ id: string }>().id;
    expect(tpw(['hypothesis', 'status', id, 'testing', '--db', db]).status).toBe(0);
    const refused = tpw(['hypothesis', 'status', id, 'proposed-ish', '--db', db]);
    expect(refused.status).toBe(2);
    const list = tpw(['hypothesis', 'list', '--status', 'testing', '--db', db, '--json']).json<{ id: string; status: string }[]>();
    expect(list).toEqual([expect.objectContaining({ id, status: 'testing' })]);
  });

  it('backs up to a new file that passes integrity_check, and never overwrites', () => {
    const target = path.join(dir, 'backup', 'copy.db');
    const r = tpw(['backup', '-o', target, '--db', db, '--json']);
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ file: target, integrity: 'ok' });
    const orgs = tpw(['org', 'list', '--db', target, '--json']).json<{ name: string }[]>();
    expect(orgs.map((o) => o.name)).toEqual(['Barnsley MBC', 'South Yorkshire Police']);
    const again = tpw(['backup', '-o', target, '--db', db]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('refuses a database from a newer version, exit 2, file untouched', async () => {
    const Database = (await import('better-sqlite3')).default;
    const newer = path.join(dir, 'newer.db');
    const d = new Database(newer);
    // A newer workbench's file: our application id, a schema version beyond ours.
    d.pragma(`application_id = ${APPLICATION_ID}`);
    d.pragma('user_version = 999');
    d.close();
    const before = fs.readFileSync(newer);
    const r = tpw(['check', '--db', newer, '--json']);
    expect(r.status).toBe(2);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('DB_TOO_NEW');
    expect(fs.readFileSync(newer).equals(before)).toBe(true);
  });
});
