/**
 * `tpw bundle export --to` a partner whose fingerprint has not been compared: the bundle is still
 * written (exit 0) but the risk is said: a WARNING on stderr in text mode, `warnings` in --json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

let dir: string;
let a: string;
let fingerprintB: string;

beforeAll(() => {
  dir = tempDir('tpw-bundles-unverified-');
  a = path.join(dir, 'a.db');
  const b = path.join(dir, 'b.db');
  expect(tpw(['init', '--place', 'Avonford', '--db', a, '--json']).status).toBe(0);
  expect(tpw(['init', '--place', 'Brimley', '--db', b, '--json']).status).toBe(0);
  expect(tpw(['hypothesis', 'add', '--statement', 'Shared triage cuts repeat visits', '--db', a, '--json']).status).toBe(0);
  const cardB = path.join(dir, 'b.card');
  expect(tpw(['contact', 'export', '-o', cardB, '--db', b]).status).toBe(0);
  expect(tpw(['contact', 'add', '--name', 'Brimley', '--card', cardB, '--db', a, '--json']).status).toBe(0);
  fingerprintB = tpw(['id', 'show', '--db', b, '--json']).json<{ fingerprint: string }>().fingerprint;
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const exportTo = (name: string, json: boolean) => tpw(['bundle', 'export', '-o', path.join(dir, name), '--to', 'Brimley', '--scope', 'hypotheses', '--db', a, ...(json ? ['--json'] : [])]);

describe('tpw bundle export --to an unverified partner', () => {
  it('warns on stderr and in --json, and still writes the bundle with exit 0 (before: no warning at all)', () => {
    const text = exportTo('text.age', false);
    expect(text.status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'text.age'))).toBe(true);
    expect(text.stderr).toMatch(/^WARNING: Brimley is not verified: their fingerprint has not been compared with them\./m);
    // The fingerprint to compare is in the warning, grouped as the app shows it.
    expect(text.stderr.replace(/\s/g, '')).toContain(fingerprintB);
    expect(text.stdout).toMatch(/^Wrote /);
    expect(text.stdout).not.toContain('WARNING');

    const json = exportTo('json.age', true);
    expect(json.status).toBe(0);
    expect(json.stderr).toBe('');
    const out = json.json<{ bundleId: string; records: number; attachments: number; bytes: number; warnings: string[] }>();
    expect(out).toMatchObject({ bundleId: expect.any(String), records: expect.any(Number), attachments: 0, bytes: expect.any(Number) });
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatch(/^Brimley is not verified/);
  });

  it('says nothing once the partner is verified', () => {
    expect(tpw(['contact', 'verify', 'Brimley', '--db', a]).status).toBe(0);
    const text = exportTo('verified.age', false);
    expect(text.status).toBe(0);
    expect(text.stderr).toBe('');
    expect(exportTo('verified-json.age', true).json<{ warnings: string[] }>().warnings).toEqual([]);
  });
});
