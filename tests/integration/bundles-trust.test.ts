/**
 * Issue 10, findings 1, 4 and 5: what a partner's card and bundle can and cannot do.
 *  1. the fingerprint compared by phone covers every key of a card; cards are self-signed; a
 *     partner whose keys change is shown loudly and must be verified again;
 *  4. partner content keeps the app's own rules (a rule pattern runs in linear time);
 *  5. the exchange format is versioned: newer fields are set aside deliberately, older records
 *     missing a field import, a bundle needing a newer reader says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdentity, type Identity } from '../../main/bundle/identity';
import { addContact, listContacts, ourCard, parseCard } from '../../main/exchange/contacts';
import { importBundle } from '../../main/exchange/service';
import { buildBundle, type Build } from '../fixtures/bundles/craft';
import { dbFingerprint, send, setUpPair, type Pair } from '../fixtures/bundles/pair';
import { REPO_ROOT, TPW } from '../helpers/cli';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let pair: Pair;
let carol: TestWorkbench;
let A: Identity;
let B: Identity;
let C: Identity;
let record: Record<string, unknown>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const rowOf = (wb: TestWorkbench, table: string, id: string) =>
  Object.fromEntries(Object.entries(wb.ctx.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as object).map(([k, v]) => [camel(k), v]));
const build = (o: Build = {}) => buildBundle({ out: pair.out, sender: A, recipient: B, record, history: [] }, o);

beforeAll(async () => {
  pair = await setUpPair({ verified: true });
  carol = tempWorkbench();
  A = await loadIdentity(pair.a.ctx);
  B = await loadIdentity(pair.b.ctx);
  C = await loadIdentity(carol.ctx);
  const h = await pair.a.call('hypothesis.add', { statement: 'Crafted from a real record' });
  record = rowOf(pair.a, 'hypotheses', h.id);
}, 60_000);

afterAll(async () => {
  await pair.cleanup();
  await carol.cleanup();
});

/** Format 2's card functions, loaded where used (so the other tests also run against older code). */
const cards = () => import('../../main/bundle/cards');

describe('finding 1: the phone check covers every key', () => {
  it('a card whose encryption key was swapped is refused (before: accepted, showing the real partner\'s fingerprint)', async () => {
    const card = JSON.parse(JSON.stringify(await ourCard(pair.b.ctx))) as Record<string, unknown>;
    card.ageRecipient = C.ageRecipient;
    const other = tempWorkbench();
    try {
      await expect(addContact(other.ctx, { card: JSON.stringify(card), name: 'Brimley' })).rejects.toThrow(/fingerprint does not match its keys|signature does not match/);
      expect(await listContacts(other.ctx)).toEqual([]);
    } finally {
      await other.cleanup();
    }
  });

  it('the fingerprint changes when either key changes, and a card is signed by its own key', async () => {
    const { keysFingerprint, makeCard } = await cards();
    const base = keysFingerprint(B.ageRecipient, B.minisignPublicKey);
    expect(base).toBe(B.fingerprint);
    expect(keysFingerprint(C.ageRecipient, B.minisignPublicKey)).not.toBe(base);
    expect(keysFingerprint(B.ageRecipient, C.minisignPublicKey)).not.toBe(base);
    const card = await ourCard(pair.b.ctx);
    expect(card).toMatchObject({ version: 2, fingerprint: B.fingerprint });
    expect(parseCard(JSON.stringify(card))).toEqual(card);
    // A re-signed card with the swapped key passes its own checks — and shows a different fingerprint.
    const forged = makeCard(card.name, { ageRecipient: C.ageRecipient, minisignPublicKey: C.minisignPublicKey }, C.signingKey);
    expect(parseCard(JSON.stringify(forged)).fingerprint).not.toBe(B.fingerprint);
    // Its name cannot be changed without breaking the signature.
    await expect(async () => parseCard(JSON.stringify({ ...card, name: 'Someone else' }))).rejects.toThrow(/signature does not match/);
  });

  it('a card from before format 2 is refused with what to do', async () => {
    const old = { type: 'tpw-contact-card', version: 1, name: 'Brimley', ageRecipient: B.ageRecipient, minisignPublicKey: B.minisignPublicKey, fingerprint: 'A'.repeat(64) };
    expect(() => parseCard(JSON.stringify(old))).toThrow(/older version of the workbench.*Ask the partner for a new card/);
  });

  it('a changed key for a known partner is refused loudly, and replacing it needs re-verification', async () => {
    const { makeCard } = await cards();
    // Brimley's signing key with a new encryption key: a legitimate change, or an attack.
    const changed = makeCard('Brimley Total Place team', { ageRecipient: C.ageRecipient, minisignPublicKey: B.minisignPublicKey }, B.signingKey);
    await expect(addContact(pair.a.ctx, { card: JSON.stringify(changed) })).rejects.toThrow(/already in the directory with different keys/);
    const before = (await listContacts(pair.a.ctx)).find((c) => c.name === 'Brimley')!;
    expect(before.verifiedAt).not.toBeNull();
    const replaced = await addContact(pair.a.ctx, { card: JSON.stringify(changed), replace: true });
    expect(replaced).toMatchObject({ id: before.id, ageRecipient: C.ageRecipient, verifiedAt: null });
    expect(replaced.unverifiedReason).toMatch(/keys were replaced .*the fingerprint was/);
    expect(replaced.fingerprint).not.toBe(before.fingerprint);
    // Put Brimley's real card back for the tests that follow.
    await addContact(pair.a.ctx, { card: JSON.stringify(await ourCard(pair.b.ctx)), replace: true });
    await pair.a.call('contact.setVerified', { id: before.id, verified: true });
  });

  it('a bundle signed by a known partner but naming other keys is refused unless accepted, and un-verifies them', async () => {
    const { keysFingerprint } = await cards();
    const file = await build({ manifest: (m) => ({ ...m, sender: { ...(m.sender as object), ageRecipient: C.ageRecipient, fingerprint: keysFingerprint(C.ageRecipient, A.minisignPublicKey) } }) });
    const db = dbFingerprint(pair.b);
    await expect(importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false })).rejects.toThrow(/their keys have changed/);
    expect(dbFingerprint(pair.b)).toBe(db);
    await expect(importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false, inspectOnly: true })).rejects.toThrow(/their keys have changed/);
    // The Receive page's preview shows them, for the user to accept.
    const preview = await importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false, inspectOnly: true, previewUnknownSender: true });
    expect(preview.sender.status).toBe('changed');
    const r = await importBundle(pair.b.ctx, { file, acceptUnknownSender: true, dryRun: false });
    expect(r.added).toBe(1);
    const avonford = (await listContacts(pair.b.ctx)).find((c) => c.name === 'Avonford')!;
    expect(avonford.verifiedAt).toBeNull();
    expect(avonford.unverifiedReason).toMatch(/different encryption key/);
  });
});

describe('finding 4: a partner\'s rule cannot hang an import', () => {
  it('a rule pattern like ^(a+)+$ runs in linear time: a spend import after it finishes (before: it hung)', async () => {
    const theme = await pair.a.call('theme.add', { name: 'Backtracking' });
    await pair.a.call('spendRule.add', { field: 'supplier', op: 'regex', pattern: '^(a+)+$', themeId: theme.id });
    // A third installation receives it (its own database file, for the real CLI to use).
    const dana = tempWorkbench();
    try {
      await addContact(dana.ctx, { card: JSON.stringify(await ourCard(pair.a.ctx)), name: 'Avonford' });
      const bundle = await send(pair.a, (await addContact(pair.a.ctx, { card: JSON.stringify(await ourCard(dana.ctx)), name: 'Dana' })).id, pair.out, { scope: ['setup', 'spend'] });
      const r = await importBundle(dana.ctx, { file: bundle, acceptUnknownSender: false, dryRun: false });
      expect(r.added).toBeGreaterThanOrEqual(2);
      await dana.close();
      // A ledger whose supplier takes a backtracking engine 2^40 steps, imported by the real CLI.
      const ledger = path.join(pair.out, 'ledger.csv');
      fs.writeFileSync(ledger, `Date,Supplier,Amount\n01/04/2020,${'a'.repeat(40)}b,100.00\n02/04/2020,aaaa,5.00\n`);
      const run = spawnSync(process.execPath, [TPW, 'spend', 'import', ledger, '--org', 'Dana Council', '--db', dana.dbPath, '--json'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(run.signal, 'the import was killed after 60 s').toBeNull();
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ rows: 2 });
    } finally {
      fs.rmSync(dana.dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('finding 5: the exchange format is versioned, not the local schema', () => {
  it('a bundle from a newer version that allows this reader: unknown fields are set aside and reported, the rest imports', async () => {
    const row = { ...record, id: '01a21799-0000-7000-8000-0000000000d1', statement: 'From the future', futureField: 'kept out' };
    const file = await build({ records: [{ row, history: [] }], manifest: (m) => ({ ...m, formatVersion: 4, minReaderVersion: 2 }) });
    const r = await importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false });
    expect(r.added).toBe(1);
    expect(r.setAside).toEqual([{ table: 'hypotheses', noun: 'Hypothesis', fields: ['futureField'] }]);
    expect((await pair.b.call('hypothesis.list', {})).map((h) => h.statement)).toContain('From the future');
  });

  it('a record from an older writer that lacks a field this version added (null or defaulted) imports', async () => {
    // A writer that had no rationale, confidence or status yet.
    const older: Record<string, unknown> = { ...record, id: '01a21799-0000-7000-8000-0000000000d2', statement: 'From the past' };
    for (const k of ['rationale', 'confidence', 'status']) delete older[k];
    const file = await build({ records: [{ row: older, history: [] }], formatVersion: 1 });
    const r = await importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false });
    expect(r.added).toBe(1);
    const h = (await pair.b.call('hypothesis.list', {})).find((x) => x.statement === 'From the past')!;
    expect(h).toMatchObject({ rationale: null, confidence: null, status: 'proposed' });
  });

  it('a bundle that needs a newer reader is refused saying which version', async () => {
    const file = await build({ manifest: (m) => ({ ...m, formatVersion: 7, minReaderVersion: 5, appVersion: '3.1.0' }) });
    await expect(importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false })).rejects.toThrow(/needs version 5 of the bundle format, and this workbench reads up to version 3\. It was made by Total Place Workbench 3\.1\.0/);
  });
});
