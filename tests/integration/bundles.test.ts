import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIdentity } from '../../main/bundle/identity';
import { signFile } from '../../main/bundle/minisign';
import { hasBlob } from '../../main/core/attachmentStore';
import { importBundle } from '../../main/exchange/service';
import { dbFingerprint, listing, receive, send, setUpPair, type Pair } from '../fixtures/bundles/pair';

let pair: Pair;
afterEach(async () => pair?.cleanup());

const hypothesisIn = (wb: Pair['a'], id: string) => wb.ctx.sqlite.prepare('SELECT * FROM hypotheses WHERE id = ?').get(id) as Record<string, unknown> | undefined;

async function uploadText(wb: Pair['a'], name: string, text: string): Promise<string> {
  const file = path.join(wb.dir, name);
  fs.writeFileSync(file, text);
  return (await wb.call('upload.fromPath', { path: file })).uploadId;
}

describe('bundles: export and import between two installations', () => {
  it('carries records, their history and attachments; importing again changes nothing', async () => {
    pair = await setUpPair({ verified: true });
    const { a, b } = pair;
    const theme = await a.call('theme.add', { name: 'Older people' });
    const h = await a.call('hypothesis.add', { statement: 'Falls prevention reduces emergency admissions', themeId: theme.id });
    const h2 = await a.call('hypothesis.update', { id: h.id, rev: h.rev, patch: { rationale: 'Hospital data 2008-09' } });
    const ev = await a.call('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'partners', uploadIds: [await uploadText(a, 'audit.txt', 'Falls audit: 412 admissions')] });
    const sha = ev.attachments[0]!.sha256;

    const file = await send(a, pair.bInA, pair.out);
    expect(fs.existsSync(`${file}.minisig`)).toBe(true);
    const r = await receive(b, file);
    expect(r.sender).toMatchObject({ status: 'verified', contactName: 'Avonford' });
    // theme, hypothesis, evidence item, its attachment record (seeded rows such as barriers are identical on both sides)
    expect(r.added).toBe(4);
    expect(r.updated).toBe(0);
    expect(r.conflicts).toBe(0);

    const got = hypothesisIn(b, h.id)!;
    expect(got.statement).toBe('Falls prevention reduces emergency admissions');
    expect(got.rationale).toBe('Hospital data 2008-09');
    expect(got.rev).toBe(h2.rev);
    expect(got.theme_id).toBe(theme.id);
    // History travels: B can show both revisions.
    const hist = await b.call('record.history', { table: 'hypotheses', id: h.id });
    expect(hist.map((x) => x.rev)).toEqual([h.rev, h2.rev]);
    expect(hasBlob(b.ctx.paths.attachmentsDir, sha)).toBe(true);
    expect(fs.readFileSync(path.join(b.ctx.paths.attachmentsDir, sha.slice(0, 2), sha), 'utf8')).toBe('Falls audit: 412 admissions');
    // The attachment's text is searchable on the receiving side too.
    const found = await b.call('evidence.list', { text: '412' });
    expect(JSON.stringify(found)).toContain('Falls audit');

    const before = dbFingerprint(b);
    const again = await receive(b, file);
    expect(again).toMatchObject({ alreadyImported: true, added: 0, updated: 0, conflicts: 0 });
    expect(dbFingerprint(b)).toBe(before);

    const log = await b.call('bundle.log', {});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ direction: 'import', counterpart: 'Avonford', counts: { added: 4 } });
    expect((await a.call('bundle.log', {}))[0]).toMatchObject({ direction: 'export', counterpart: 'Brimley' });
  });

  it('keeps team-only and personal items in unless explicitly included with a recorded reason', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    const pub = await a.call('evidence.add', { title: 'Published survey', kind: 'citizen_survey', sensitivity: 'public' });
    const team = await a.call('evidence.add', { title: 'Draft cost model', kind: 'document', sensitivity: 'team', uploadIds: [await uploadText(a, 'draft.txt', 'team only draft')] });
    const personal = await a.call('evidence.add', { title: 'Mrs K journey', kind: 'citizen_journey', sensitivity: 'personal' });
    const teamSha = team.attachments[0]!.sha256;

    const preview = await a.call('bundle.previewExport', { scope: ['evidence'] });
    expect(preview.withheld.filter((w) => w.why === 'sensitivity').map((w) => w.label).sort()).toEqual(['Draft cost model', 'Mrs K journey']);
    // The team item's attachment record refers to a withheld item, so it stays too.
    expect(preview.withheld.find((w) => w.why === 'refers-to-withheld')?.label).toBe('draft.txt');
    expect(preview.attachments).toBe(0);

    const f1 = await send(a, pair.bInA, pair.out, { scope: ['evidence'] });
    await receive(b, f1);
    const titles = () => (b.ctx.sqlite.prepare('SELECT title FROM evidence_items ORDER BY title').all() as { title: string }[]).map((x) => x.title);
    expect(titles()).toEqual(['Published survey']);
    expect(hasBlob(b.ctx.paths.attachmentsDir, teamSha)).toBe(false);
    // The withheld item is not in the plain-readable extracts either.
    void pub;

    const include = [{ table: 'evidenceItems', id: personal.id, reason: 'Consent given on 3 March for sharing with the PCT' }];
    const preview2 = await a.call('bundle.previewExport', { scope: ['evidence'], include });
    expect(preview2.included.map((i) => i.label)).toEqual(['Mrs K journey']);
    // Issue 14: personal data goes only under a current data-sharing agreement that permits it.
    await a.call('contact.setAgreement', { contactId: pair.bInA, reference: 'DSA-1', parties: 'Avonford; Brimley', purpose: 'Joint review', lawfulBasis: 'Art 6(1)(e)', expiresOn: '2099-12-31', permits: ['personal'] });
    const f2 = await send(a, pair.bInA, pair.out, { scope: ['evidence'], include });
    await receive(b, f2);
    expect(titles()).toEqual(['Mrs K journey', 'Published survey']);
    const exportLog = (await a.call('bundle.log', {})).filter((l) => l.direction === 'export');
    expect(exportLog[0]!.decisions).toEqual([{ table: 'evidenceItems', id: personal.id, label: 'Mrs K journey', sensitivity: 'personal', reason: 'Consent given on 3 March for sharing with the PCT' }]);
  });

  it('two installations edit the same hypothesis: both see the conflict, one resolves, they converge', async () => {
    pair = await setUpPair({ verified: true });
    const { a, b } = pair;
    const h = await a.call('hypothesis.add', { statement: 'Joint commissioning saves 5%' });
    await receive(b, await send(a, pair.bInA, pair.out));

    const onA = await a.call('hypothesis.update', { id: h.id, rev: h.rev, patch: { statement: 'Joint commissioning saves 5% in year one' } });
    const onB = await b.call('hypothesis.update', { id: h.id, rev: h.rev, patch: { rationale: 'Seen in the Brimley pilot' } });

    const toB = await send(a, pair.bInA, pair.out);
    const toA = await send(b, pair.aInB, pair.out);
    expect((await receive(b, toB)).conflicts).toBe(1);
    expect((await receive(a, toA)).conflicts).toBe(1);
    // Never last-writer-wins: both sides still hold their own version.
    expect(hypothesisIn(a, h.id)!.rev).toBe(onA.rev);
    expect(hypothesisIn(b, h.id)!.rev).toBe(onB.rev);

    const [ca] = await a.call('conflict.list', {});
    const [cb] = await b.call('conflict.list', {});
    expect(ca!.recordId).toBe(h.id);
    expect(cb!.recordId).toBe(h.id);
    expect(ca!.fields.map((f) => f.field).sort()).toEqual(['rationale', 'statement']);
    expect(cb!.fields.map((f) => f.field).sort()).toEqual(['rationale', 'statement']);

    const merged = await a.call('conflict.resolve', { id: ca!.id, choice: 'merged', merged: { statement: 'Joint commissioning saves 5% in year one', rationale: 'Seen in the Brimley pilot' } });
    expect(merged.resolution).toBe('merged');
    expect(await a.call('conflict.list', {})).toEqual([]);

    const back = await receive(b, await send(a, pair.bInA, pair.out));
    expect(back.updated).toBe(1);
    expect(back.conflicts).toBe(0);
    expect(await b.call('conflict.list', {})).toEqual([]);
    const ra = hypothesisIn(a, h.id)!;
    const rb = hypothesisIn(b, h.id)!;
    expect(rb).toEqual(ra);
    expect(rb.statement).toBe('Joint commissioning saves 5% in year one');
    expect(rb.rationale).toBe('Seen in the Brimley pilot');

    // And back the other way: nothing left to do.
    const final = await receive(a, await send(b, pair.aInB, pair.out));
    expect(final.conflicts).toBe(0);
    expect(final.updated).toBe(0);
    expect(hypothesisIn(a, h.id)).toEqual(rb);
  });

  it('an older bundle never rolls back newer work; deletions travel as tombstones and conflict with edits', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    const h = await a.call('hypothesis.add', { statement: 'Version one' });
    const old = await send(a, pair.bInA, pair.out);
    const v2 = await a.call('hypothesis.update', { id: h.id, rev: h.rev, patch: { statement: 'Version two' } });
    const newer = await send(a, pair.bInA, pair.out);
    await receive(b, newer);
    const r = await receive(b, old);
    expect(r).toMatchObject({ added: 0, updated: 0, conflicts: 0 });
    expect(hypothesisIn(b, h.id)!.statement).toBe('Version two');

    await a.call('hypothesis.delete', { id: h.id, rev: v2.rev });
    const del = await receive(b, await send(a, pair.bInA, pair.out));
    expect(del.updated).toBe(1);
    expect(hypothesisIn(b, h.id)!.deleted_at).not.toBeNull();

    // A concurrent edit against a deletion is a conflict, not a silent loss.
    const h3 = await a.call('hypothesis.add', { statement: 'Shared record' });
    await receive(b, await send(a, pair.bInA, pair.out));
    await a.call('hypothesis.delete', { id: h3.id, rev: h3.rev });
    await b.call('hypothesis.update', { id: h3.id, rev: h3.rev, patch: { statement: 'Shared record, revised' } });
    const c = await receive(b, await send(a, pair.bInA, pair.out));
    expect(c.conflicts).toBe(1);
    const [conflict] = await b.call('conflict.list', {});
    expect(conflict!.fields.map((f) => f.field)).toContain('deletedAt');
    expect(hypothesisIn(b, h3.id)!.deleted_at).toBeNull();
  });

  it('refuses an unknown sender unless accepted explicitly, and opens passphrase bundles', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    await b.call('contact.remove', { id: pair.aInB });
    await a.call('hypothesis.add', { statement: 'Passphrase test' });
    const file = await send(a, pair.bInA, pair.out, { passphrase: 'correct horse battery', to: [], scryptLogN: 10 } as never);
    const before = dbFingerprint(b);
    await expect(receive(b, file, { passphrase: 'correct horse battery' })).rejects.toThrow(/not in your partner directory/);
    expect(dbFingerprint(b)).toBe(before);
    await expect(receive(b, file, { passphrase: 'wrong horse battery' })).rejects.toThrow(/passphrase is wrong/);
    const r = await receive(b, file, { passphrase: 'correct horse battery', acceptUnknownSender: true });
    expect(r.sender.status).toBe('unknown');
    expect(r.added).toBe(1);
  });
});

describe('bundles: interoperability with Debian age and minisign', () => {
  it('age -d -i decrypts our bundle to a readable archive, and minisign -V verifies it', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    await a.call('hypothesis.add', { statement: 'Readable without the app' });
    const file = await send(a, pair.bInA, pair.out);
    const idB = await loadIdentity(b.ctx);
    const idFile = path.join(pair.out, 'b.key');
    fs.writeFileSync(idFile, `${idB.ageIdentity}\n`, { mode: 0o600 });
    const tarFile = path.join(pair.out, 'plain.tar');
    execFileSync('age', ['-d', '-i', idFile, '-o', tarFile, file]);
    const names = execFileSync('tar', ['-tf', tarFile], { encoding: 'utf8' }).trim().split('\n');
    expect(names.slice(0, 2)).toEqual(['manifest.json', 'manifest.sig']);
    expect(names).toContain('records/hypotheses.json');
    expect(names).toContain('csv/hypotheses.csv');
    expect(names).toContain('summary.html');
    const csv = execFileSync('tar', ['-xOf', tarFile, 'csv/hypotheses.csv'], { encoding: 'utf8' });
    expect(csv).toContain('Readable without the app');
    const html = execFileSync('tar', ['-xOf', tarFile, 'summary.html'], { encoding: 'utf8' });
    expect(html).toContain('Readable without the app');

    const pk = (await loadIdentity(a.ctx)).minisignPublicKey;
    const ok = execFileSync('minisign', ['-V', '-m', file, '-P', pk], { encoding: 'utf8' });
    expect(ok).toMatch(/Signature and comment signature verified/);
    fs.appendFileSync(file, Buffer.from([0]));
    expect(() => execFileSync('minisign', ['-V', '-m', file, '-P', pk], { stdio: 'pipe' })).toThrow();
  });

  it('imports a bundle whose encryption was done by the age command line for our recipient', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    const h = await a.call('hypothesis.add', { statement: 'Encrypted by age' });
    const ours = await send(a, pair.bInA, pair.out);
    const idB = await loadIdentity(b.ctx);
    const idFile = path.join(pair.out, 'b.key');
    fs.writeFileSync(idFile, `${idB.ageIdentity}\n`, { mode: 0o600 });
    const tarFile = path.join(pair.out, 'plain.tar');
    execFileSync('age', ['-d', '-i', idFile, '-o', tarFile, ours]);
    // The sender's pipeline with the age CLI doing the encryption, then signing with their key.
    const viaAge = path.join(pair.out, 'via-age.age');
    execFileSync('age', ['-r', idB.ageRecipient, '-o', viaAge, tarFile]);
    const idA = await loadIdentity(a.ctx);
    fs.writeFileSync(`${viaAge}.minisig`, await signFile(viaAge, idA.signingKey, idA.keyId, 'timestamp:0\tfile:via-age.age'));
    const r = await importBundle(b.ctx, { file: viaAge, acceptUnknownSender: false, dryRun: false });
    expect(r.added).toBe(1);
    expect(hypothesisIn(b, h.id)!.statement).toBe('Encrypted by age');
    expect(listing(path.join(b.ctx.paths.tempDir))).toEqual([]);
  });
});

describe('bundles: records created separately on both sides', () => {
  it('names a same-name clash at preview time and imports nothing', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    await a.call('theme.add', { name: 'Older people' });
    await b.call('theme.add', { name: 'older people' });
    const file = await send(a, pair.bInA, pair.out, { scope: ['setup'] });
    const before = dbFingerprint(b);
    await expect(receive(b, file, { inspectOnly: true })).rejects.toThrow(/theme "Older people" that was created separately/);
    await expect(receive(b, file)).rejects.toThrow(/Rename yours/);
    expect(dbFingerprint(b)).toBe(before);
  });
});
