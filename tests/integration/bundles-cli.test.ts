/** The bundle verbs exactly as CLI.md fixes them: arguments, JSON fields, exit statuses. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

let dir: string;
let a: string;
let b: string;
const run = (...args: string[]) => tpw([...args, '--json']);

beforeAll(() => {
  dir = tempDir('tpw-bundles-cli-');
  a = path.join(dir, 'a.db');
  b = path.join(dir, 'b.db');
  expect(run('init', '--place', 'Avonford', '--db', a).status).toBe(0);
  expect(run('init', '--place', 'Brimley', '--db', b).status).toBe(0);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('tpw id / contact / bundle', () => {
  it('exports, inspects and imports with the documented fields and exit statuses', () => {
    const id = run('id', 'show', '--db', a);
    expect(id.status).toBe(0);
    const me = id.json<{ fingerprint: string; ageRecipient: string; minisignPublicKey: string }>();
    expect(me.fingerprint).toMatch(/^[0-9A-F]{64}$/);
    expect(me.ageRecipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(Buffer.from(me.minisignPublicKey, 'base64')).toHaveLength(42);
    // The identity is created once and then stable.
    expect(run('id', 'show', '--db', a).json()).toEqual(id.json());
    expect((fs.statSync(path.join(dir, 'a-identity.json')).mode & 0o777).toString(8)).toBe('600');

    const cardA = path.join(dir, 'a.card');
    const cardB = path.join(dir, 'b.card');
    expect(tpw(['contact', 'export', '-o', cardA, '--db', a]).status).toBe(0);
    expect(tpw(['contact', 'export', '-o', cardB, '--db', b]).status).toBe(0);
    expect(run('contact', 'add', '--name', 'Brimley', '--card', cardB, '--db', a).status).toBe(0);
    // A tampered card (fingerprint not of its key) is refused.
    const bad = JSON.parse(fs.readFileSync(cardA, 'utf8')) as Record<string, string>;
    fs.writeFileSync(path.join(dir, 'bad.card'), JSON.stringify({ ...bad, fingerprint: 'A'.repeat(64) }));
    const refused = run('contact', 'add', '--name', 'Mallory', '--card', path.join(dir, 'bad.card'), '--db', b);
    expect(refused.status).toBe(2);
    expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/fingerprint does not match/);
    // Usage errors exit 1.
    expect(tpw(['contact', 'add', '--name', 'X', '--db', b]).status).toBe(1);
    expect(tpw(['bundle', 'export', '-o', path.join(dir, 'x.age'), '--db', a]).status).toBe(1);

    expect(run('hypothesis', 'add', '--statement', 'Shared assessments save £2m', '--db', a).status).toBe(0);
    const file = path.join(dir, 'to-b.age');
    const exp = run('bundle', 'export', '-o', file, '--to', 'Brimley', '--scope', 'hypotheses', '--db', a);
    expect(exp.status, exp.stderr).toBe(0);
    const e = exp.json<{ bundleId: string; records: number; attachments: number; bytes: number }>();
    expect(e.records).toBe(1);
    expect(e.attachments).toBe(0);
    expect(e.bytes).toBe(fs.statSync(file).size);
    expect(fs.existsSync(`${file}.minisig`)).toBe(true);

    // B does not know A yet: inspect and import both refuse (exit 2) and change nothing; inspect
    // shows the unknown sender once it is accepted.
    const dbBefore = fs.readFileSync(b);
    const strange = run('bundle', 'inspect', file, '--db', b);
    expect(strange.status).toBe(2);
    expect(strange.json()).toMatchObject({ error: { code: 'REFUSED', message: expect.stringMatching(/not in your partner directory/) } });
    const insp = run('bundle', 'inspect', file, '--accept-unknown-sender', '--db', b);
    expect(insp.status).toBe(0);
    expect(insp.json()).toMatchObject({ bundleId: e.bundleId, added: 1, sender: { status: 'unknown', fingerprint: me.fingerprint } });
    const unknown = run('bundle', 'import', file, '--db', b);
    expect(unknown.status).toBe(2);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('REFUSED');
    expect(fs.readFileSync(b).equals(dbBefore)).toBe(true);

    const dry = run('bundle', 'import', file, '--dry-run', '--accept-unknown-sender', '--db', b);
    expect(dry.json()).toMatchObject({ added: 1, dryRun: true });
    const imp = run('bundle', 'import', file, '--accept-unknown-sender', '--db', b);
    expect(imp.status).toBe(0);
    expect(imp.json()).toMatchObject({ bundleId: e.bundleId, added: 1, updated: 0, conflicts: 0, unchanged: 0, sender: { status: 'unknown' } });
    expect(run('hypothesis', 'list', '--db', b).json<{ statement: string }[]>().map((h) => h.statement)).toEqual(['Shared assessments save £2m']);
    const again = run('bundle', 'import', file, '--accept-unknown-sender', '--db', b);
    expect(again.status).toBe(0);
    expect(again.json()).toMatchObject({ added: 0, updated: 0, conflicts: 0, unchanged: 1, alreadyImported: true });

    // The detached signature alone: refused for a key not in the directory, verified with the key given.
    expect(run('bundle', 'verify', file, '--db', b).status).toBe(2);
    const verified = run('bundle', 'verify', file, '-P', me.minisignPublicKey, '--db', b);
    expect(verified.status).toBe(0);
    // The key id is the one inside the minisign public key (bytes 2–10), as `minisign -V` reports it.
    expect(verified.json()).toMatchObject({ valid: true, keyId: Buffer.from(me.minisignPublicKey, 'base64').subarray(2, 10).toString('hex').toUpperCase() });

    // Someone else's identity file: "not encrypted for us" (exit 2, one-line reason on stderr without --json).
    const stranger = path.join(dir, 'stranger.key');
    fs.writeFileSync(stranger, 'AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n');
    const wrong = tpw(['bundle', 'inspect', file, '--identity', stranger, '--db', b]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/not encrypted for us/);
  }, 180_000);
});
