/**
 * `tpw team create|join|add|remove|status` and `tpw sync --json`, as a script would use them:
 * the JSON fields of the contract (CLI.md), exit status 2 with nothing changed on bad input.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

const dir = tempDir('tpw-team-cli-');
const folder = path.join(dir, 'Shared drive', 'Team');
fs.mkdirSync(path.dirname(folder), { recursive: true });
const ann = path.join(dir, 'ann.db');
const ben = path.join(dir, 'ben.db');
const run = (db: string, ...args: string[]) => tpw(['--db', db, ...args]);
const ok = <T,>(db: string, ...args: string[]): T => {
  const r = run(db, ...args, '--json');
  expect(r.status, `tpw ${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
  return r.json<T>();
};

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Status {
  team: { name: string; status: string; fingerprint: string; folder: string } | null;
  members: { name: string; status: string; fingerprint: string }[];
  state?: { hash: string } | null;
}

describe('tpw team and tpw sync', () => {
  it('creates, joins, adds, syncs, removes — with the contract’s JSON', () => {
    expect(ok<Status>(ann, 'team', 'status').team).toBeNull();
    const notInTeam = run(ann, 'sync', '--json');
    expect(notInTeam.status).toBe(2);
    expect(notInTeam.json<{ error: { code: string } }>().error.code).toBe('REFUSED');

    ok(ann, 'init', '--place', 'Cumbria');
    ok(ann, 'me', '--name', 'Ann Lee', '--org', 'Cumbria County Council');
    const created = ok<Status>(ann, 'team', 'create', '--folder', folder, '--name', 'Cumbria Total Place');
    expect(created.team).toMatchObject({ name: 'Cumbria Total Place', status: 'member', folder });
    expect(fs.existsSync(path.join(folder, 'team.json'))).toBe(true);
    // Nothing readable: only the label (public keys), a readme, and encrypted files.
    for (const f of fs.readdirSync(path.join(folder, 'changes'), { recursive: true }) as string[]) {
      if (f.endsWith('.tpwc')) expect(fs.readFileSync(path.join(folder, 'changes', f)).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    }
    const again = run(ann, 'team', 'create', '--folder', folder, '--name', 'Again', '--json');
    expect(again.status).toBe(2);

    ok(ben, 'me', '--name', 'Ben Ode');
    const joined = ok<Status>(ben, 'team', 'join', '--folder', folder);
    expect(joined.team!.status).toBe('waiting');
    const card = path.join(dir, 'ben.tpwcard.json');
    ok(ben, 'team', 'card', '-o', card);
    const badCard = path.join(dir, 'bad.json');
    fs.writeFileSync(badCard, '{"type":"tpw-contact-card"}');
    const refused = run(ann, 'team', 'add', '--card', badCard, '--name', 'Ben Ode', '--json');
    expect(refused.status).toBe(2);
    expect(ok<Status>(ann, 'team', 'status').members).toHaveLength(1);
    const added = ok<Status>(ann, 'team', 'add', '--card', card, '--name', 'Ben Ode', '--org', 'Cumbria Police');
    expect(added.members.map((m) => `${m.name}:${m.status}`).sort()).toEqual(['Ann Lee:active', 'Ben Ode:active']);

    ok(ann, 'hypothesis', 'add', '--statement', 'Shared triage cuts duplicate referrals');
    ok(ann, 'action', 'add', '--title', 'Map the referral routes', '--owner', 'Ben Ode');
    ok(ann, 'sync');
    const synced = ok<{ applied: number; conflicts: number; skipped: { file: string; reason: string }[]; members: { name: string; lastSyncAt: string | null }[] }>(ben, 'sync');
    expect(synced.applied).toBeGreaterThan(0);
    expect(synced.conflicts).toBe(0);
    expect(synced.skipped).toEqual([]);
    expect(synced.members.map((m) => m.name).sort()).toEqual(['Ann Lee', 'Ben Ode']);
    expect(ok<{ statement: string }[]>(ben, 'hypothesis', 'list').map((h) => h.statement)).toContain('Shared triage cuts duplicate referrals');
    expect(ok<{ actions: { title: string }[] }>(ben, 'assigned').actions.map((a) => a.title)).toEqual(['Map the referral routes']);
    ok(ann, 'sync');
    expect(ok<Status>(ann, 'team', 'status').state!.hash).toBe(ok<Status>(ben, 'team', 'status').state!.hash);

    const removed = ok<Status>(ann, 'team', 'remove', 'Ben Ode');
    expect(removed.members.find((m) => m.name === 'Ben Ode')!.status).toBe('removed');
    const text = run(ann, 'team', 'status');
    expect(text.stdout).toMatch(/Ben Ode\s+removed/);
  });
});
