/**
 * The team folder's files on their own: names read back whatever a sync client did to them; a
 * change file read back whole, and refused (with the right reason) when truncated, empty, altered,
 * not for us, or from a newer version; the roster decided the same whatever order events arrive in.
 */
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, describe, expect, it } from 'vitest';
import { keysFingerprint } from '../../main/bundle/cards';
import { encodePublicKey, rawPublicKey } from '../../main/bundle/minisign';
import type { Identity } from '../../main/bundle/identity';
import { foldRoster, signEvent } from '../../main/team/events';
import { readHeader, readTeamFile, TeamFileError, writeTeamFile, type TeamItem } from '../../main/team/fileFormat';
import { listTeamFiles, nodeIo } from '../../main/team/folder';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-team-format-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function identity(): Promise<Identity> {
  const ageIdentity = await generateX25519Identity();
  const { privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(privateKey as unknown as KeyObject);
  const keyId = createHash('sha256').update(raw).digest().subarray(0, 8);
  const minisignPublicKey = encodePublicKey(keyId, raw);
  const ageRecipient = await identityToRecipient(ageIdentity);
  return { fingerprint: keysFingerprint(ageRecipient, minisignPublicKey), ageRecipient, minisignPublicKey, ageIdentity, signingKey: privateKey, keyId, protected: false };
}

const TEAM = '01900000-0000-7000-8000-0000000000aa';
const items: TeamItem[] = [
  { k: 'cover', t: 'hypotheses', id: '01900000-0000-7000-8000-000000000001', covered: '2-aaaaaaaa', by: '3-bbbbbbbb', choice: 'mine' },
  { k: 'row', t: 'statusChanges', row: { id: '01900000-0000-7000-8000-000000000002' } },
];

async function write(me: Identity, to: Identity[], rel: string, seq = 1) {
  return writeTeamFile(nodeIo, dir, rel, {
    header: { kind: 'change', teamId: TEAM, installationId: me.fingerprint.slice(0, 16).toLowerCase(), seq, lamport: 1, signer: me.fingerprint, createdAt: '2026-11-27T10:00:00.000Z', deps: {}, recipients: to.map((m) => m.fingerprint) },
    recipients: to.map((m) => m.ageRecipient),
    signingKey: me.signingKey,
    items,
    tempDir: path.join(dir, 'tmp'),
  });
}

const reason = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'read';
  } catch (e) {
    expect(e).toBeInstanceOf(TeamFileError);
    return (e as TeamFileError).kind;
  }
};

describe('team folder names', () => {
  it('reads sequence and installation back from sync clients’ copies, ignores temporaries and placeholders', async () => {
    const root = path.join(dir, 'names');
    const inst = 'ab12cd34ef56ab12';
    const d = path.join(root, 'changes', inst);
    fs.mkdirSync(d, { recursive: true });
    fs.mkdirSync(path.join(root, 'snapshots', inst), { recursive: true });
    for (const n of ['0000000001.tpwc', '0000000002 (1).tpwc', '0000000002-DESKTOP-7F3K2Q.tpwc', "0000000003 (Bob's conflicted copy 2026-11-27).tpwc", '0000000004.sync-conflict-20261127-101010-ABCDEF.tpwc', '.0000000005.tpwc.icloud', '.0000000006.tpwc.1a2b3c.partial', '~$0000000007.tpwc', '0000000008.tpwc.tmp', 'notes.txt', '00000000099.tpwc']) {
      fs.writeFileSync(path.join(d, n), 'x');
    }
    fs.writeFileSync(path.join(root, 'snapshots', inst, '0000000002.tpws'), 'x');
    const found = await listTeamFiles(nodeIo, root);
    expect(found.map((f) => [f.kind, f.seq, f.copy])).toEqual([
      ['change', 1, false],
      ['change', 2, true],
      ['change', 2, true],
      ['change', 3, true],
      ['change', 4, true],
      ['snapshot', 2, false],
    ].sort((a, b) => Number(a[1]) - Number(b[1]) || String(a[0]).localeCompare(String(b[0]))));
    expect(new Set(found.map((f) => f.installationId))).toEqual(new Set([inst]));
  });
});

describe('team files', () => {
  it('round-trips, and refuses what it must, saying why', async () => {
    const [a, b, outsider] = await Promise.all([identity(), identity(), identity()]);
    const keyOf = (m: Identity) => (h: { signer: string }) => (h.signer === m.fingerprint ? m.minisignPublicKey : null);
    const rel = `changes/${a.fingerprint.slice(0, 16).toLowerCase()}/0000000001.tpwc`;
    const file = path.join(dir, rel);
    await write(a, [a, b], rel);
    const got: TeamItem[] = [];
    const header = await readTeamFile(file, b.ageIdentity, keyOf(a), (i) => got.push(i));
    expect(header).toMatchObject({ seq: 1, teamId: TEAM, signer: a.fingerprint });
    expect(got).toEqual(items);
    // Encrypted: no plain text of the pilot in the file.
    expect(fs.readFileSync(file).includes(Buffer.from('hypotheses'))).toBe(false);

    expect(await reason(readHeader(file, outsider.ageIdentity, keyOf(a)))).toBe('not-for-us');
    expect(await reason(readHeader(file, b.ageIdentity, () => null))).toBe('unknown-signer');
    expect(await reason(readHeader(file, b.ageIdentity, keyOf(outsider)))).toBe('unknown-signer');

    const bytes = fs.readFileSync(file);
    const cut = path.join(dir, 'cut.tpwc');
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    expect(await reason(readTeamFile(cut, b.ageIdentity, keyOf(a), () => undefined))).toBe('incomplete');
    fs.writeFileSync(cut, Buffer.alloc(0));
    expect(await reason(readTeamFile(cut, b.ageIdentity, keyOf(a), () => undefined))).toBe('incomplete');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40]! ^= 1;
    fs.writeFileSync(cut, flipped);
    expect(await reason(readTeamFile(cut, b.ageIdentity, keyOf(a), () => undefined))).toBe('incomplete');
    expect(await reason(readTeamFile(path.join(dir, 'missing.tpwc'), b.ageIdentity, keyOf(a), () => undefined))).toBe('unreadable');

    // Signed by someone else than the installation the header names: refused.
    const forgedRel = `changes/${a.fingerprint.slice(0, 16).toLowerCase()}/0000000002.tpwc`;
    await writeTeamFile(nodeIo, dir, forgedRel, {
      header: { kind: 'change', teamId: TEAM, installationId: a.fingerprint.slice(0, 16).toLowerCase(), seq: 2, lamport: 1, signer: outsider.fingerprint, createdAt: 'x', deps: {}, recipients: [] },
      recipients: [b.ageRecipient],
      signingKey: outsider.signingKey,
      items,
      tempDir: path.join(dir, 'tmp'),
    });
    expect(await reason(readHeader(path.join(dir, forgedRel), b.ageIdentity, keyOf(outsider)))).toBe('damaged');
  });

  it('the same items compress to the same body: a retried write is the same change', async () => {
    const a = await identity();
    const one = await write(a, [a], 'changes/x/0000000001.tpwc');
    const two = await write(a, [a], 'changes/x/0000000001 again.tpwc');
    expect(two.bodySha256).toBe(one.bodySha256);
  });
});

describe('the roster', () => {
  it('is the same whatever order the events arrive in; events by non-members or with bad signatures do not count', async () => {
    const [founder, b, c, mallory] = await Promise.all([identity(), identity(), identity(), identity()]);
    const keys = (m: Identity, name: string) => ({ fingerprint: m.fingerprint, ageRecipient: m.ageRecipient, minisignPublicKey: m.minisignPublicKey, name, organisation: null });
    const events = [
      signEvent(founder, TEAM, 1, 't', { kind: 'create', name: 'Team', member: keys(founder, 'Fay') }),
      signEvent(founder, TEAM, 2, 't', { kind: 'add', member: keys(b, 'Bo') }),
      signEvent(b, TEAM, 3, 't', { kind: 'add', member: keys(c, 'Cy') }),
      signEvent(founder, TEAM, 4, 't', { kind: 'remove', fingerprint: b.fingerprint, cutoff: 7 }),
      signEvent(b, TEAM, 5, 't', { kind: 'add', member: keys(mallory, 'Mal') }), // b was removed before this
      signEvent(mallory, TEAM, 6, 't', { kind: 'remove', fingerprint: founder.fingerprint, cutoff: 0 }),
      signEvent(c, TEAM, 6, 't', { kind: 'profile', name: 'Cyrus', organisation: 'Fire' }),
    ].map((e) => ({ body: e.body, signature: e.signature }));
    const tampered = { ...events[1]!, body: events[1]!.body.replace('"Bo"', '"Bob"') };
    const founderKeys = { fingerprint: founder.fingerprint, ageRecipient: founder.ageRecipient, minisignPublicKey: founder.minisignPublicKey };
    const summary = (evs: typeof events) => {
      const r = foldRoster(TEAM, founderKeys, evs);
      return [...r.members.values()].map((m) => `${m.name}:${m.status}:${m.cutoff}`).sort();
    };
    const expected = summary(events);
    expect(expected).toEqual(['Bo:removed:7', 'Cyrus:active:0', 'Fay:active:0']);
    expect(summary([...events].reverse())).toEqual(expected);
    expect(summary([events[3]!, events[6]!, events[0]!, events[5]!, events[2]!, events[1]!, events[4]!])).toEqual(expected);
    // A forged add (altered after signing) does not count, and nor does what follows from it.
    expect(summary([events[0]!, tampered, events[2]!])).toEqual(['Fay:active:0']);
  });
});
