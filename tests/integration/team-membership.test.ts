/**
 * Membership and the folder's trust: removal (later changes cannot be decrypted by the removed
 * member's key), a new laptop replacing an old one, joining by a request left in the folder, a
 * joiner's own pilot giving way to the team's, a removal racing a teammate who already applied the
 * removed member's change, IT's locked folder locations, files a removed (or replaced) member
 * crafts by hand to slip changes in afterwards, and files that must not be applied (altered, from
 * another team, signed by an outsider, attachments not yet arrived).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptFrom } from '../../main/bundle/ageStream';
import { loadIdentity } from '../../main/bundle/identity';
import { NO_POLICY } from '../../main/core/policy';
import { uploadFromPath } from '../../main/core/transfers';
import { hasBlob } from '../../main/core/attachmentStore';
import { writeTeamFile, type TeamItem } from '../../main/team/fileFormat';
import { nodeIo } from '../../main/team/folder';
import { revItem } from '../../main/team/outbox';
import { cardOf, makeMember, makeTeam, type Member, type Team } from '../helpers/team';
import { tempDir } from '../helpers/workbench';

let team: Team | null = null;
const extra: Member[] = [];
afterEach(async () => {
  await team?.cleanup();
  team = null;
  for (const m of extra.splice(0)) await m.wb.cleanup();
});

const changeFiles = (m: Member, of: Member): string[] => {
  const dir = path.join(m.local, 'changes', m.wb.ctx.sqlite.prepare('SELECT installation_id AS i FROM team').get() ? (of.wb.ctx.sqlite.prepare('SELECT installation_id AS i FROM team').get() as { i: string }).i : '');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tpwc')).map((f) => path.join(dir, f)).sort() : [];
};

async function canDecrypt(file: string, m: Member): Promise<boolean> {
  try {
    const plain = await decryptFrom(file, { identities: [(await loadIdentity(m.wb.ctx)).ageIdentity] });
    for await (const chunk of plain) void chunk;
    return true;
  } catch {
    return false;
  }
}

const statements = async (m: Member) => (await m.wb.call('hypothesis.list', {})).map((h) => h.statement).sort();

const installationOf = (m: Member): string => (m.wb.ctx.sqlite.prepare('SELECT installation_id AS i FROM team').get() as { i: string }).i;

/** The newest revision of a record in a member's own database, as a change file carries it. */
function revisionOf(m: Member, recordId: string): TeamItem {
  const r = m.wb.ctx.sqlite
    .prepare('SELECT rowid AS k, table_name AS t, record_id AS id, rev, parent_rev AS parentRev, op, actor, at, data FROM record_revisions WHERE record_id = ? ORDER BY rowid DESC LIMIT 1')
    .get(recordId) as Parameters<typeof revItem>[0];
  return revItem(r);
}

/**
 * What a removed member can still do by hand: sign a file with their own (old) key, encrypt it to
 * the members whose public keys they know, and drop it into their copy of the shared folder.
 */
async function forge(by: Member, into: Member, rel: string, spec: { kind: 'change' | 'snapshot'; seq: number; deps: Record<string, number>; items: TeamItem[]; to: Member[] }): Promise<void> {
  const id = await loadIdentity(by.wb.ctx);
  const to = await Promise.all(spec.to.map((m) => loadIdentity(m.wb.ctx)));
  const teamId = (by.wb.ctx.sqlite.prepare('SELECT id FROM team').get() as { id: string }).id;
  await writeTeamFile(nodeIo, into.local, rel, {
    header: { kind: spec.kind, teamId, installationId: installationOf(by), seq: spec.seq, lamport: 1, signer: id.fingerprint, createdAt: new Date().toISOString(), deps: spec.deps, recipients: to.map((x) => x.fingerprint).sort() },
    recipients: to.map((x) => x.ageRecipient),
    signingKey: id.signingKey,
    items: spec.items,
    tempDir: by.wb.ctx.paths.tempDir,
  });
}

/** A team of Alice and Bob in which Bob wrote something, then was removed by Alice (or his laptop replaced). */
async function formerBob(how: 'removed' | 'replaced'): Promise<{ alice: Member; bob: Member; aliceHypothesis: string }> {
  team = await makeTeam(['Alice', 'Bob']);
  const [alice, bob] = team.members as [Member, Member];
  const h = await alice.wb.call('hypothesis.add', { statement: 'Alice’s own hypothesis' });
  await bob.wb.call('hypothesis.add', { statement: 'Bob, while a member' });
  await team.quiesce();
  expect(await statements(alice)).toContain('Bob, while a member');
  const fingerprint = (await loadIdentity(bob.wb.ctx)).fingerprint;
  if (how === 'removed') await alice.wb.call('team.removeMember', { fingerprint });
  else {
    const newBob = await makeMember(team.root, 'Bob (new laptop)', 0);
    extra.push(newBob);
    fs.cpSync(alice.local, newBob.local, { recursive: true });
    await newBob.wb.call('team.join', { folder: newBob.local });
    await alice.wb.call('team.addMember', { card: await cardOf(newBob), name: 'Bob', organisation: null, replaces: fingerprint });
  }
  const s = await alice.wb.call('team.status', {});
  expect(s.members.find((m) => m.fingerprint === fingerprint)!.status).toBe(how);
  await alice.sync();
  return { alice, bob, aliceHypothesis: h.id };
}

describe('team membership', () => {
  it('a removed member cannot decrypt a change made afterwards, and their later changes are not applied', async () => {
    team = await makeTeam(['Alice', 'Bob', 'Chandra']);
    const [alice, bob, chandra] = team.members as [Member, Member, Member];
    await alice.wb.call('hypothesis.add', { statement: 'Before the removal' });
    await team.quiesce();
    expect(await statements(bob)).toContain('Before the removal');
    const before = changeFiles(alice, alice).at(-1)!;
    expect(await canDecrypt(before, bob)).toBe(true);

    const bobFp = (await loadIdentity(bob.wb.ctx)).fingerprint;
    const status = await alice.wb.call('team.removeMember', { fingerprint: bobFp });
    expect(status.members.find((m) => m.name === 'Bob')!.status).toBe('removed');
    await alice.wb.call('hypothesis.add', { statement: 'After the removal' });
    await alice.sync();
    const after = changeFiles(alice, alice).at(-1)!;
    expect(after).not.toBe(before);
    // The file made after the removal: Chandra can read it, Bob's key cannot.
    expect(await canDecrypt(after, chandra)).toBe(true);
    expect(await canDecrypt(after, bob)).toBe(false);

    // Bob keeps working, not knowing; his new changes are not applied by the others.
    await bob.wb.call('hypothesis.add', { statement: 'Bob after being removed' });
    await team.quiesce(4);
    expect(await statements(bob)).not.toContain('After the removal');
    expect(await statements(chandra)).toContain('After the removal');
    expect(await statements(chandra)).not.toContain('Bob after being removed');
    expect(await statements(alice)).not.toContain('Bob after being removed');
    const notes = (await alice.wb.call('team.status', {})).notes;
    expect(notes.some((n) => n.kind === 'removed-member' && /Bob/.test(n.message))).toBe(true);
    expect((await bob.sync()).message).toMatch(/removed from the team/);
    expect(alice.dump()).toEqual(chandra.dump());
  });

  it('a member’s new laptop replaces the old one: it catches up, the old one is shut out', async () => {
    team = await makeTeam(['Alice', 'Bob']);
    const [alice, bob] = team.members as [Member, Member];
    await bob.wb.call('hypothesis.add', { statement: 'Bob on his old laptop' });
    await team.quiesce();
    const newBob = await makeMember(team.root, 'Bob (new laptop)', 0);
    extra.push(newBob);
    await newBob.wb.call('me.set', { name: 'Bob', organisation: null });
    team.client.locals.push(newBob.local);
    (team.client as unknown as { placed: Set<string>[] }).placed.push(new Set());
    (team.client as unknown as { copies: Set<string>[] }).copies.push(new Set());
    (team.client as unknown as { incomplete: Map<string, number>[] }).incomplete.push(new Map());
    team.client.settle();
    await newBob.wb.call('team.join', { folder: newBob.local });
    const oldFp = (await loadIdentity(bob.wb.ctx)).fingerprint;
    // Same name without saying it replaces: refused with the question.
    await expect(alice.wb.call('team.addMember', { card: await cardOf(newBob), name: 'Bob', organisation: null })).rejects.toThrow(/new laptop/);
    const s = await alice.wb.call('team.addMember', { card: await cardOf(newBob), name: 'Bob', organisation: null, replaces: oldFp });
    expect(s.members.find((m) => m.fingerprint === oldFp)!.status).toBe('replaced');
    team.client.settle();
    await newBob.sync();
    team.client.settle();
    await newBob.sync();
    expect(await statements(newBob)).toContain('Bob on his old laptop');
    expect((await newBob.wb.call('team.status', {})).team!.status).toBe('member');
    await bob.wb.call('hypothesis.add', { statement: 'Old laptop, after the switch' });
    await newBob.wb.call('hypothesis.add', { statement: 'New laptop' });
    for (let i = 0; i < 3; i++) {
      team.client.settle();
      for (const m of [alice, bob, newBob]) await m.sync();
    }
    expect(await statements(alice)).toContain('New laptop');
    expect(await statements(alice)).not.toContain('Old laptop, after the switch');
    expect(newBob.dump()).toEqual(alice.dump());
  });

  it('joins by the request left in the folder; a pilot set up before joining gives way to the team’s', async () => {
    team = await makeTeam(['Alice']);
    const [alice] = team.members as [Member];
    await alice.wb.call('hypothesis.add', { statement: 'The team’s hypothesis' });
    const carol = await makeMember(team.root, 'Carol', 0);
    extra.push(carol);
    await carol.wb.call('pilot.save', { pilot: { place: 'Carol’s trial', question: 'Trying the app out?' } });
    fs.cpSync(alice.local, carol.local, { recursive: true });
    const joined = await carol.wb.call('team.join', { folder: carol.local });
    expect(joined.team!.status).toBe('waiting');
    fs.cpSync(path.join(carol.local, 'requests'), path.join(alice.local, 'requests'), { recursive: true });
    const seen = await alice.wb.call('team.status', {});
    expect(seen.requests.map((r) => r.fingerprint)).toEqual([joined.team!.fingerprint]);
    await alice.wb.call('team.addMember', { request: joined.team!.fingerprintGrouped, name: 'Carol', organisation: 'West Mercia Police' });
    fs.cpSync(alice.local, carol.local, { recursive: true });
    const r = await carol.wb.call('team.sync', {});
    expect(r.skipped).toEqual([]);
    expect((await carol.wb.call('team.status', {})).team!.status).toBe('member');
    expect(await statements(carol)).toContain('The team’s hypothesis');
    expect((await carol.wb.call('pilot.overview', {})).pilot!.place).toBe('Worcestershire');
    expect((await carol.wb.call('recycleBin.list', {})).some((d) => d.table === 'pilot' && /Carol’s trial/.test(d.label))).toBe(true);
    fs.cpSync(carol.local, alice.local, { recursive: true });
    await alice.sync();
    expect((await alice.wb.call('pilot.overview', {})).pilot!.place).toBe('Worcestershire');
    expect(alice.dump()).toEqual(carol.dump());
  });

  it('a removal racing a teammate who already applied the removed member’s change: all converge', async () => {
    team = await makeTeam(['Alice', 'Bob', 'Chandra']);
    const [alice, bob, chandra] = team.members as [Member, Member, Member];
    await bob.wb.call('hypothesis.add', { statement: 'Bob’s first' });
    await team.quiesce();
    await bob.wb.call('hypothesis.add', { statement: 'Bob’s second' });
    await bob.sync();
    team.client.upload(1);
    team.client.download(2, true); // only Chandra's sync client brings it
    await chandra.sync();
    expect(await statements(chandra)).toContain('Bob’s second');
    await alice.wb.call('team.removeMember', { fingerprint: (await loadIdentity(bob.wb.ctx)).fingerprint });
    // The removal reaches everyone before Bob writes again. (Had Chandra taken up Bob's third
    // before the removal reached her, everyone would keep it: nobody un-applies anything.)
    await alice.sync();
    await team.quiesce();
    await bob.wb.call('hypothesis.add', { statement: 'Bob’s third' });
    await bob.sync();
    await team.quiesce(6);
    expect(await statements(alice)).toContain('Bob’s second');
    expect(await statements(alice)).not.toContain('Bob’s third');
    expect(alice.dump()).toEqual(chandra.dump());
  });

  it('honours a folder location locked by IT', async () => {
    const m = await makeMember(tempDir(), 'Dana', 0);
    extra.push(m);
    const allowedRoot = path.join(path.dirname(m.local), 'Allowed');
    fs.mkdirSync(allowedRoot);
    m.wb.ctx.policy = { ...NO_POLICY, sources: { teamFolderLocations: '/etc/total-place-workbench/policy.json' }, teamFolderLocations: [allowedRoot] };
    await expect(m.wb.call('team.create', { folder: m.local, name: 'Team' })).rejects.toThrow(/IT department allows team folders only in/);
    expect(fs.existsSync(path.join(m.local, 'team.json'))).toBe(false);
    const s = await m.wb.call('team.create', { folder: path.join(allowedRoot, 'Team'), name: 'Team' });
    expect(s.team!.folderAllowed).toBe(true);
    expect(s.allowedLocations).toEqual([allowedRoot]);
  });
});

describe.each(['removed', 'replaced'] as const)('a %s member crafting files by hand', (how) => {
  it('a second version of a change already applied (a sync-client copy name, or any name) is not taken up', async () => {
    const { alice, bob, aliceHypothesis } = await formerBob(how);
    const have = (alice.wb.ctx.sqlite.prepare('SELECT applied_seq AS s FROM team_progress WHERE installation_id = ?').get(installationOf(bob)) as { s: number }).s;
    expect(have).toBeGreaterThan(0);
    const before = alice.dump();
    // Bob, in his own copy of the pilot, plants a hypothesis and rewrites Alice's.
    const planted = await bob.wb.call('hypothesis.add', { statement: 'Planted by Bob after his removal' });
    const mine = (await bob.wb.call('hypothesis.list', {})).find((x) => x.id === aliceHypothesis)!;
    await bob.wb.call('hypothesis.update', { id: mine.id, rev: mine.rev, patch: { statement: 'Rewritten by Bob after his removal' } });
    const items = [revisionOf(bob, planted.id), revisionOf(bob, aliceHypothesis)];
    const dir = `changes/${installationOf(bob)}`;
    // Signed as his change 1 (long applied, so within any cutoff), named as a sync client's copy…
    await forge(bob, alice, `${dir}/0000000001 (1).tpwc`, { kind: 'change', seq: 1, deps: {}, items: items.slice(0, 1), to: [alice] });
    // …or under a fresh name: the name is only a hint, the signed header says change 1.
    await forge(bob, alice, `${dir}/0000000077.tpwc`, { kind: 'change', seq: have, deps: {}, items: items.slice(1), to: [alice] });
    const r = await alice.sync();
    expect(await statements(alice)).not.toContain('Planted by Bob after his removal');
    expect(await statements(alice)).not.toContain('Rewritten by Bob after his removal');
    expect(await statements(alice)).toContain('Alice’s own hypothesis');
    expect(alice.dump()).toEqual(before);
    expect(r.applied).toBe(0);
    const notes = (await alice.wb.call('team.status', {})).notes.filter((n) => n.kind === 'removed-member');
    expect(notes.map((n) => n.file).sort()).toEqual([`${dir}/0000000001 (1).tpwc`, `${dir}/0000000077.tpwc`]);
    expect(notes[0]!.message).toMatch(how === 'removed' ? /Bob was removed from the team/ : /Bob was replaced by a new laptop/);
    // And it stays that way on every later sync.
    await alice.sync();
    expect(alice.dump()).toEqual(before);
  });

  it('a snapshot signed by a former member is not taken up', async () => {
    const { alice, bob, aliceHypothesis } = await formerBob(how);
    const before = alice.dump();
    const planted = await bob.wb.call('hypothesis.add', { statement: 'Planted by Bob in a snapshot' });
    const mine = (await bob.wb.call('hypothesis.list', {})).find((x) => x.id === aliceHypothesis)!;
    await bob.wb.call('hypothesis.update', { id: mine.id, rev: mine.rev, patch: { statement: 'Rewritten by Bob in a snapshot' } });
    const bobInst = installationOf(bob);
    // A snapshot claiming to cover more than Alice has, so that it looks worth reading…
    await forge(bob, alice, `snapshots/${bobInst}/0000000099.tpws`, { kind: 'snapshot', seq: 99, deps: { [bobInst]: 40 }, items: [revisionOf(bob, planted.id), revisionOf(bob, aliceHypothesis)], to: [alice] });
    // …and a change file Alice cannot read, which makes her laptop look for a snapshot at all.
    await forge(bob, alice, `changes/${bobInst}/0000000040.tpwc`, { kind: 'change', seq: 40, deps: {}, items: [], to: [bob] });
    await alice.sync();
    expect(await statements(alice)).not.toContain('Planted by Bob in a snapshot');
    expect(await statements(alice)).not.toContain('Rewritten by Bob in a snapshot');
    expect(alice.dump()).toEqual(before);
    const notes = (await alice.wb.call('team.status', {})).notes;
    expect(notes.find((n) => n.file === `snapshots/${bobInst}/0000000099.tpws`)?.kind).toBe('removed-member');
  });
});

describe('files that must not be applied', () => {
  it('skips an altered file, another team’s file and an outsider’s file with a note; waits for an attachment', async () => {
    team = await makeTeam(['Alice', 'Bob']);
    const [alice, bob] = team.members as [Member, Member];
    const bobInst = (bob.wb.ctx.sqlite.prepare('SELECT installation_id AS i FROM team').get() as { i: string }).i;
    const aliceInst = (alice.wb.ctx.sqlite.prepare('SELECT installation_id AS i FROM team').get() as { i: string }).i;

    // An altered change file: one byte flipped in the middle.
    await alice.wb.call('hypothesis.add', { statement: 'Tampered with on the way' });
    const w = (await alice.sync()).wrote!;
    const file = path.join(alice.local, ...w.file.split('/'));
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length * 0.8)]! ^= 0x40;
    fs.mkdirSync(path.dirname(path.join(bob.local, ...w.file.split('/'))), { recursive: true });
    fs.writeFileSync(path.join(bob.local, ...w.file.split('/')), bytes);
    const r1 = await bob.sync();
    expect(r1.skipped.map((s) => s.file)).toContain(w.file);
    expect(r1.skipped.find((s) => s.file === w.file)!.reason).toMatch(/altered or damaged|damaged|does not match/);
    expect(await statements(bob)).not.toContain('Tampered with on the way');

    // An outsider who knows the members' public keys writes a well-formed file into Bob's folder.
    const outsider = await makeMember(team.root, 'Mallory', 0);
    extra.push(outsider);
    const oid = await loadIdentity(outsider.wb.ctx);
    const members = [await loadIdentity(alice.wb.ctx), await loadIdentity(bob.wb.ctx)];
    const teamId = (alice.wb.ctx.sqlite.prepare('SELECT id FROM team').get() as { id: string }).id;
    const rel = `changes/${oid.fingerprint.slice(0, 16).toLowerCase()}/0000000001.tpwc`;
    await writeTeamFile(nodeIo, bob.local, rel, {
      header: { kind: 'change', teamId, installationId: oid.fingerprint.slice(0, 16).toLowerCase(), seq: 1, lamport: 99, signer: oid.fingerprint, createdAt: new Date().toISOString(), deps: {}, recipients: members.map((x) => x.fingerprint) },
      recipients: members.map((x) => x.ageRecipient),
      signingKey: oid.signingKey,
      items: [{ k: 'rev', t: 'hypotheses', id: '01900000-0000-7000-8000-000000000001', r: { rev: '1-deadbeef', parentRev: null, op: 'create', actor: 'Mallory', at: new Date().toISOString(), data: { id: '01900000-0000-7000-8000-000000000001', rev: '1-deadbeef', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', deletedAt: null, statement: 'Planted', themeId: null, ownerId: null, rationale: null, supportCriteria: null, refuteCriteria: null, status: 'proposed', dueDate: null, confidence: null } } }],
      tempDir: bob.wb.ctx.paths.tempDir,
    });
    // Another team's file, copied into this folder by mistake.
    const other = await makeTeam(['Olga'], { seed: 9 });
    try {
      await other.members[0]!.wb.call('hypothesis.add', { statement: 'Other team' });
      const ow = (await other.members[0]!.sync()).wrote!;
      const target = path.join(bob.local, ...ow.file.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(path.join(other.members[0]!.local, ...ow.file.split('/')), target);
      const r2 = await bob.sync();
      const reasons = r2.skipped.map((s) => s.reason).join('\n');
      expect(reasons).toMatch(/not \(yet\) a member/);
      expect(reasons).toMatch(/not encrypted to this installation|another team/);
      expect(await statements(bob)).not.toContain('Planted');
      expect(await statements(bob)).not.toContain('Other team');
    } finally {
      await other.cleanup();
    }

    // The good copy arrives: applied, and the note goes.
    team.client.settle();
    const r3 = await bob.sync();
    expect(await statements(bob)).toContain('Tampered with on the way');
    expect(r3.skipped.some((s) => s.file === w.file)).toBe(false);

    // An evidence item whose attachment file has not arrived yet: waits, then applies.
    const doc = path.join(alice.wb.dir, 'minutes.txt');
    fs.writeFileSync(doc, 'Minutes of the falls workshop');
    const up = await uploadFromPath(alice.wb.ctx, doc);
    const e = await alice.wb.call('evidence.add', { title: 'Workshop minutes', kind: 'document', sensitivity: 'team', uploadIds: [up.uploadId] } as never);
    await alice.sync();
    team.client.upload(0);
    team.client.download(1, true);
    fs.rmSync(path.join(bob.local, 'blobs', aliceInst), { recursive: true, force: true });
    const r4 = await bob.sync();
    expect(r4.skipped.some((s) => /attachment/.test(s.reason))).toBe(true);
    expect((await bob.wb.call('evidence.list', {} as never)).items.some((i: { title: string }) => i.title === 'Workshop minutes')).toBe(false);
    team.client.settle();
    await bob.sync();
    expect(hasBlob(bob.wb.ctx.paths.attachmentsDir, e.attachments[0]!.sha256)).toBe(true);
    void bobInst;
  });

  it('keeps its changes when the folder is read-only, and sends them once it can', async () => {
    team = await makeTeam(['Alice', 'Bob']);
    const [alice, bob] = team.members as [Member, Member];
    await alice.wb.call('hypothesis.add', { statement: 'Written while the share was read-only' });
    alice.fault.set('readonly');
    const r = await alice.sync();
    expect(r.message).toMatch(/cannot be written to at the moment/);
    expect(alice.wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM team_outbox WHERE written_at IS NULL').get()).toEqual({ n: 1 });
    alice.fault.set('vanish', 3);
    expect((await alice.sync()).folderAvailable).toBe(false);
    alice.fault.set('ok');
    const again = await alice.sync();
    expect(again.wrote).not.toBeNull();
    team.client.settle();
    await bob.sync();
    expect(await statements(bob)).toContain('Written while the share was read-only');
  });
});
