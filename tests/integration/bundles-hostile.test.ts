/**
 * The hostile corpus: crafted bundles, signed and encrypted with the test installations' keys,
 * each refused with a specific message while the database, the attachment store and the temp
 * folders stay exactly as they were.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIdentity, type Identity } from '../../main/bundle/identity';
import { addContact, ourCard } from '../../main/exchange/contacts';
import { importBundle, type ImportOptions } from '../../main/exchange/service';
import { buildBundle, encrypt, writeSigned, type Build } from '../fixtures/bundles/craft';
import { dbFingerprint, listing, send, setUpPair, type Pair } from '../fixtures/bundles/pair';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let pair: Pair;
let stranger: TestWorkbench;
let carol: TestWorkbench;
let A: Identity;
let B: Identity;
let S: Identity;
let C: Identity;
let record: Record<string, unknown>;
let history: unknown[];
let realBundle: string;
let realBundle2: string;
/** Stored rows of A's own records (whatever columns the tables have today), to base crafted records on. */
let item: Record<string, unknown>;
let attachment: Record<string, unknown>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const rowOf = (wb: TestWorkbench, table: string, id: string) =>
  Object.fromEntries(Object.entries(wb.ctx.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as object).map(([k, v]) => [camel(k), v]));
const stamp = { rev: '1-0123abcd', createdAt: '2026-11-26T10:00:00.000Z', updatedAt: '2026-11-26T10:00:00.000Z', deletedAt: null };
const ruleRow = (pattern: string) => ({ id: '01a21799-0000-7000-8000-0000000000c1', ...stamp, field: 'supplier', op: 'regex', pattern, themeId: '01a21799-0000-7000-8000-0000000000c2', priority: 100 });
const mappingRow = (mapping: unknown) => ({ id: '01a21799-0000-7000-8000-0000000000c3', ...stamp, organisationId: '01a21799-0000-7000-8000-0000000000c4', signature: 'date|amount', mapping: JSON.stringify(mapping) });


const build = (o: Build = {}) => buildBundle({ out: pair.out, sender: A, recipient: B, record, history }, o);

const deep = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;

beforeAll(async () => {
  pair = await setUpPair();
  stranger = tempWorkbench();
  carol = tempWorkbench();
  A = await loadIdentity(pair.a.ctx);
  B = await loadIdentity(pair.b.ctx);
  S = await loadIdentity(stranger.ctx);
  C = await loadIdentity(carol.ctx);
  // Carol is a partner Brimley knows too (she could re-encrypt what she receives).
  await addContact(pair.b.ctx, { card: JSON.stringify(await ourCard(carol.ctx)), name: 'Carol' });
  const h = await pair.a.call('hypothesis.add', { statement: 'A clean record' });
  record = rowOf(pair.a, 'hypotheses', h.id);
  history = [{ rev: h.rev, parentRev: null, op: 'create', actor: 'test', at: h.createdAt, data: record }];
  realBundle = await send(pair.a, pair.bInA, pair.out, { scope: ['hypotheses'] });
  await pair.a.call('hypothesis.add', { statement: 'Another record' });
  realBundle2 = await send(pair.a, pair.bInA, pair.out, { scope: ['hypotheses'] });
  const doc = path.join(pair.a.dir, 'notes.txt');
  fs.writeFileSync(doc, 'notes from a visit');
  const e = await pair.a.call('evidence.add', { title: 'A visit', kind: 'document', sensitivity: 'public', uploadIds: [(await pair.a.call('upload.fromPath', { path: doc })).uploadId] });
  item = rowOf(pair.a, 'evidence_items', e.id);
  attachment = rowOf(pair.a, 'evidence_attachments', e.attachments[0]!.id);
  // Brimley has an attachment already, so "the store is unchanged" compares a non-empty listing.
  const f = path.join(pair.b.dir, 'x.txt');
  fs.writeFileSync(f, 'existing attachment');
  await pair.b.call('evidence.add', { title: 'Existing', kind: 'document', sensitivity: 'public', uploadIds: [(await pair.b.call('upload.fromPath', { path: f })).uploadId] });
}, 60_000);

afterAll(async () => {
  await pair.cleanup();
  await stranger.cleanup();
  await carol.cleanup();
});

const copy = (from: string, name: string, mutate?: (b: Buffer) => Buffer, sig?: string | null) => {
  const file = path.join(pair.out, name);
  const bytes = fs.readFileSync(from);
  fs.writeFileSync(file, mutate ? mutate(Buffer.from(bytes)) : bytes);
  if (sig !== null) fs.copyFileSync(sig ?? `${from}.minisig`, `${file}.minisig`);
  return file;
};
const flip = (at: (len: number) => number) => (b: Buffer) => {
  const i = at(b.length);
  b[i] = b[i]! ^ 0x01;
  return b;
};

type Case = [name: string, make: () => Promise<{ file: string; opts?: Partial<ImportOptions> }>, expected: RegExp];
const f = (make: () => Promise<string>, opts?: Partial<ImportOptions>) => async () => ({ file: await make(), opts });

const CASES: Case[] = [
  ['one flipped byte in the payload', f(async () => copy(realBundle, 'flip-payload.age', flip((l) => l - 100))), /does not match its signature/],
  ['one flipped byte in the age header', f(async () => copy(realBundle, 'flip-header.age', flip(() => 40))), /does not match its signature/],
  ['truncated file', f(async () => copy(realBundle, 'truncated.age', (b) => b.subarray(0, Math.floor(b.length / 2)))), /does not match its signature/],
  ['truncated file, re-signed by the sender', f(async () => {
    const file = path.join(pair.out, 'trunc-signed.age');
    await writeSigned(file, fs.readFileSync(realBundle).subarray(0, fs.statSync(realBundle).size - 300), A);
    return file;
  }), /truncated|tampered/],
  ['signature swapped with another bundle\'s', f(async () => copy(realBundle, 'swapped.age', undefined, `${realBundle2}.minisig`)), /does not match its signature/],
  ['signature stripped', f(async () => copy(realBundle, 'stripped.age', undefined, null)), /signature file .* was not found/],
  ['signature file is garbage', f(async () => {
    const file = copy(realBundle, 'garbage-sig.age', undefined, null);
    fs.writeFileSync(`${file}.minisig`, 'untrusted comment: x\nnot base64!\ntrusted comment: y\nzzz\n');
    return file;
  }), /not a valid minisign signature/],
  ['legacy (non-prehashed) minisign signature', f(async () => {
    const file = copy(realBundle, 'legacy-sig.age');
    const lines = fs.readFileSync(`${file}.minisig`, 'utf8').split('\n');
    const b = Buffer.from(lines[1]!, 'base64');
    b.write('Ed', 0, 'latin1');
    lines[1] = b.toString('base64');
    fs.writeFileSync(`${file}.minisig`, lines.join('\n'));
    return file;
  }), /only prehashed/],
  ['re-encrypted to us and re-signed by another partner', f(() => build({ fileSigner: C })), /signed by someone other than its sender/],
  ['re-encrypted to us by someone else, keeping the sender\'s signature', f(async () => {
    const other = await build();
    const file = path.join(pair.out, 'reenc.age');
    fs.writeFileSync(file, await encrypt(fs.readFileSync(other), { recipients: [B.ageRecipient] }));
    fs.copyFileSync(`${other}.minisig`, `${file}.minisig`);
    return file;
  }), /does not match its signature|not an age-encrypted|not match/],
  ['unknown sender', f(() => build({ sender: S })), /not in your partner directory/],
  ['encrypted for someone else (wrong recipient)', f(() => build({ to: { recipients: [C.ageRecipient] } })), /not encrypted for us/],
  ['wrong passphrase', f(() => build({ to: { passphrase: 'the right passphrase' }, manifest: (m) => ({ ...m, passphrase: true, recipients: [] }) }), { passphrase: 'a wrong passphrase' }), /passphrase is wrong/],
  ['passphrase bundle without a passphrase', f(() => build({ to: { passphrase: 'the right passphrase' } })), /protected by a passphrase/],
  ['not an age file at all', f(async () => {
    const file = path.join(pair.out, 'plain.age');
    await writeSigned(file, Buffer.from('PK\u0003\u0004 this is a zip'), A);
    return file;
  }), /not an age-encrypted bundle/],
  ['encrypted to us but addressed (in the signed manifest) to someone else', f(() => build({ manifest: (m) => ({ ...m, recipients: [{ name: 'Carol', fingerprint: C.fingerprint, ageRecipient: C.ageRecipient }] }) })), /not addressed to us/],
  ['member name with ../', f(() => build({ entries: (e) => [...e, { name: '../../evil.sh', body: Buffer.from('rm -rf /') }] })), /climb out/],
  ['absolute member name', f(() => build({ entries: (e) => [...e, { name: '/etc/cron.d/evil', body: Buffer.from('x') }] })), /absolute path/],
  ['duplicate member names', f(() => build({ entries: (e) => [...e, e[2]!] })), /twice/],
  ['member the manifest does not list', f(() => build({ entries: (e) => [...e, { name: 'records/themes.json', body: Buffer.from('[]') }] })), /does not list/],
  ['member listed but missing', f(() => build({ entries: (e) => e.slice(0, 2) })), /incomplete/],
  ['member size differs from the manifest', f(() => build({ entries: (e) => [e[0]!, e[1]!, { name: e[2]!.name, body: Buffer.concat([e[2]!.body!, Buffer.from(' ')]) }] })), /bytes but the manifest says/],
  ['member content altered (same size)', f(() => build({ entries: (e) => [e[0]!, e[1]!, { name: e[2]!.name, body: Buffer.from(e[2]!.body!.toString().replace('clean', 'dirty')) }] })), /does not match the hash/],
  ['attachment content does not match its hash', f(async () => {
    const body = Buffer.from('real attachment');
    const name = `attachments/${'a'.repeat(64)}`;
    return build({ manifest: (m) => ({ ...m, members: [...(m.members as object[]), { name, size: body.length, sha256: 'a'.repeat(64) }] }), entries: (e) => [...e, { name, body }] });
  }), /does not match its hash/],
  ['decompression bomb (gzip inside)', f(() => build({ plain: () => Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(2000)]) })), /compressed archive/],
  ['a member claiming 600 MB of JSON', f(() => build({
    manifest: (m) => ({ ...m, members: [...(m.members as object[]), { name: 'records/themes.json', size: 600 * 1024 * 1024, sha256: 'b'.repeat(64) }] }),
    entries: (e) => [...e, { name: 'records/themes.json', size: 600 * 1024 * 1024 }],
  })), /not a list|truncated/],
  ['one record larger than any record may be (20 MB)', f(() => build({ records: `[{"row":{"statement":"${'x'.repeat(20 * 1024 * 1024)}"},"history":[]}]` })), /larger than 16 MB/],
  ['huge manifest', f(() => build({ entries: (e) => [{ name: 'manifest.json', size: 100 * 1024 * 1024 }, ...e.slice(1)], plain: (t) => t.subarray(0, 4096) })), /manifest is \d+ bytes, more than/],
  ['deeply nested JSON in the manifest', f(() => build({ manifestText: (t) => t.replace('"scope":', `"deep":${deep(5000)},"scope":`) })), /nested more than/],
  ['deeply nested JSON in the records', f(() => build({ records: deep(100_000) })), /nested more than/],
  ['__proto__ key in a record', f(() => build({ records: `[{"row":${JSON.stringify(record).replace('{', '{"__proto__":{"isAdmin":true},')},"history":[]}]` })), /__proto__/],
  ['constructor.prototype in the manifest', f(() => build({ manifestText: (t) => t.replace('{', '{"constructor":{"prototype":{"polluted":1}},') })), /__proto__|constructor/],
  ['manifest in a newer format that older readers cannot open', f(() => build({ manifest: (m) => ({ ...m, formatVersion: 4, minReaderVersion: 4, appVersion: '9.0.0' }) })), /needs version 4 of the bundle format.*Total Place Workbench 9\.0\.0/],
  ['manifest altered after signing', f(() => build({ alterAfterSigning: (t) => Buffer.from(t.toString().replace('"Avonford"', '"Avonforx"')) })), /manifest's signature is not valid/],
  ['manifest signed by a different key than the file', f(() => build({ manifestSigner: C })), /manifest's signature is not valid/],
  ['manifest not signed (no manifest.sig)', f(() => build({ entries: (e) => [e[0]!, ...e.slice(2)] })), /not signed/],
  ['archive not starting with its manifest', f(() => build({ entries: (e) => [e[2]!, e[0]!, e[1]!] })), /does not start with its manifest/],
  ['a symlink member', f(() => build({ entries: (e) => [...e, { name: 'attachments/link', type: '2' }] })), /not a plain file/],
  ['empty archive', f(() => build({ plain: () => Buffer.alloc(1024) })), /empty or truncated/],
  ['record with a column we do not have', f(() => build({ records: [{ row: { ...record, evil: 'x' }, history }] })), /does not fit a hypothesis/],
  ['record with a wrong type', f(() => build({ records: [{ row: { ...record, statement: 42 }, history }] })), /does not fit a hypothesis/],
  ['records of a table we do not know', f(() => build({ recordsName: 'records/evilTable.json' })), /does not know/],
  ['pilot records (never travel)', f(() => build({ recordsName: 'records/pilot.json' })), /never travel/],
  ['sender fingerprint that is not the key\'s', f(() => build({ manifest: (m) => ({ ...m, sender: { ...(m.sender as object), fingerprint: C.fingerprint } }) })), /fingerprint does not match/],
  // Issue 10, finding 3: an unknown sender is refused before a single record is read.
  ['unknown sender whose records are not even JSON (refused before any record is read)', f(() => build({ sender: S, records: '[{"row": this is not JSON' })), /not in your partner directory/],
  ['unknown sender with a 20 MB record', f(() => build({ sender: S, records: `[{"row":{"statement":"${'x'.repeat(20 * 1024 * 1024)}"},"history":[]}]` })), /not in your partner directory/],
  ['a records member that is not a list', f(() => build({ records: '{"row":{}}' })), /is not a list/],
  ['something after the end of the records list', f(() => build({ records: `[${JSON.stringify({ row: record, history })}] []` })), /after the end of its list/],
  ['a history of more revisions than any record may have', f(() => build({ records: [{ row: record, history: Array.from({ length: 10_001 }, () => history[0]) }] })), /damaged revision history/],
  // Finding 4: a partner's records keep the app's own rules.
  ['a statement of 10 MB (the app\'s own limit is 1,000 characters)', f(() => build({ records: [{ row: { ...record, statement: 'x'.repeat(10 * 1024 * 1024) }, history }] })), /does not fit a hypothesis \(statement/],
  ['a spend rule whose pattern needs a backtracking engine', f(() => build({ recordsName: 'records/spendRules.json', records: [{ row: ruleRow('(a)\\1'), history: [] }] })), /not a valid pattern/],
  ['a saved column mapping that is not a column mapping', f(() => build({ recordsName: 'records/spendMappings.json', records: [{ row: mappingRow({ date: 5 }), history: [] }] })), /does not fit a saved column mapping \(mapping/],
  ['a JSON field with a "__proto__" key', f(() => build({ recordsName: 'records/evidenceItems.json', records: [{ row: { ...item, tags: '{"__proto__":{"polluted":1}}' }, history: [] }] })), /__proto__/],
  ['an attachment whose file is neither in the bundle nor here', f(() => build({
    recordsName: 'records/evidenceItems.json',
    records: [{ row: item, history: [] }],
    extraMembers: [{ name: 'records/evidenceAttachments.json', body: Buffer.from(JSON.stringify([{ row: { ...attachment, sha256: 'c'.repeat(64) }, history: [] }])) }],
  })), /refers to a file that is neither in the bundle nor here/],
  // Finding 9: text a terminal would act on never gets in.
  ['a sender name that would repaint a terminal', f(() => build({ manifest: (m) => ({ ...m, sender: { ...(m.sender as object), name: '\u001b[2K\rverified partner \u001b[32m✓' } }) })), /contains control characters/],
  ['record referring to a theme that exists nowhere', f(() => build({ records: [{ row: { ...record, id: '01a21799-0000-7000-8000-000000000009', themeId: '01a21799-0000-7000-8000-00000000000a' }, history: [] }] })), /refers to something/],
];

describe('hostile bundles are refused and change nothing', () => {
  it(`the corpus has at least 30 bundles (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(30));

  it.each(CASES)('%s', async (_name, make, expected) => {
    const { file, opts } = await make();
    const db = dbFingerprint(pair.b);
    const store = listing(pair.b.ctx.paths.attachmentsDir);
    const temp = listing(pair.b.ctx.paths.tempDir);
    await expect(importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false, ...opts })).rejects.toThrow(expected);
    expect(dbFingerprint(pair.b)).toBe(db);
    expect(listing(pair.b.ctx.paths.attachmentsDir)).toEqual(store);
    expect(listing(pair.b.ctx.paths.tempDir)).toEqual(temp);
  });

  // `tpw bundle inspect` refuses a stranger exactly as import does, before any record is read.
  it.each(CASES.filter(([name]) => name.startsWith('unknown sender')))('inspecting: %s (before: every record was read and staged)', async (_name, make, expected) => {
    const { file, opts } = await make();
    const db = dbFingerprint(pair.b);
    const temp = listing(pair.b.ctx.paths.tempDir);
    await expect(importBundle(pair.b.ctx, { file, acceptUnknownSender: false, dryRun: false, inspectOnly: true, ...opts })).rejects.toThrow(expected);
    expect(dbFingerprint(pair.b)).toBe(db);
    expect(listing(pair.b.ctx.paths.tempDir)).toEqual(temp);
  });

  it('a replayed bundle is reported as already imported and changes nothing', async () => {
    await importBundle(pair.b.ctx, { file: realBundle, acceptUnknownSender: false, dryRun: false });
    const db = dbFingerprint(pair.b);
    const r = await importBundle(pair.b.ctx, { file: realBundle, acceptUnknownSender: false, dryRun: false });
    expect(r.alreadyImported).toBe(true);
    expect(dbFingerprint(pair.b)).toBe(db);
  });
});
