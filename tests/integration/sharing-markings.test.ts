/**
 * Issue 14 (markings, data-sharing agreements, redaction at export), against real SQLite files:
 * a partner without a current DSA is refused personal and OFFICIAL-SENSITIVE content with that
 * reason and still gets public data; an expired DSA is flagged and refuses; the manifest carries
 * the DSA reference and the highest marking; the exchange log records both and the redaction
 * (labels and counts, never the names); redacted names are in none of the bytes produced.
 * Every one of these fails on the code before issue 14 (no DSA, no marking, no redaction).
 */
import fs from 'node:fs';
import path from 'node:path';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptFrom } from '../../main/bundle/ageStream';
import { loadIdentity } from '../../main/bundle/identity';
import { receive, send, setUpPair, type Pair } from '../fixtures/bundles/pair';

let pair: Pair;
afterEach(async () => pair?.cleanup());

const DSA = { reference: 'DSA-2026-017', parties: 'Avonford Council; Brimley PCT', purpose: 'Joint evaluation of the falls pilot', lawfulBasis: 'UK GDPR Art 6(1)(e); Art 9(2)(h)', dpiaReference: 'DPIA-44' };

/** The bundle's members, decrypted as the receiving partner would. */
async function membersOf(file: string): Promise<{ plain: Buffer; members: Map<string, Buffer> }> {
  const me = await loadIdentity(pair.b.ctx);
  const chunks: Buffer[] = [];
  for await (const c of await decryptFrom(file, { identities: [me.ageIdentity] })) chunks.push(Buffer.from(c));
  const plain = Buffer.concat(chunks);
  const members = new Map<string, Buffer>();
  const ex = tar.extract();
  const done = new Promise<void>((res, rej) => {
    ex.on('entry', (h, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (d: unknown) => parts.push(d as Buffer));
      stream.on('end', () => {
        members.set(h.name, Buffer.concat(parts));
        next();
      });
    });
    ex.on('finish', res);
    ex.on('error', rej);
  });
  ex.end(plain);
  await done;
  return { plain, members };
}

describe('data-sharing agreements decide what may go to a partner', () => {
  it('a partner without a DSA is refused personal data and OFFICIAL-SENSITIVE content, with the reason, and still gets public data', async () => {
    pair = await setUpPair({ verified: true });
    const { a } = pair;
    await a.call('evidence.add', { title: 'Published survey', kind: 'citizen_survey', sensitivity: 'public' });
    const personal = await a.call('evidence.add', { title: 'Mrs K journey', kind: 'citizen_journey', sensitivity: 'personal' });
    const include = [{ table: 'evidenceItems', id: personal.id, reason: 'Consent given on 3 March for sharing' }];

    await expect(send(a, pair.bInA, pair.out, { scope: ['evidence'], include })).rejects.toThrow(/Brimley has no data-sharing agreement recorded, so personal data \(1 record, e\.g\. evidence item "Mrs K journey"\) cannot be sent/);
    const preview = await a.call('bundle.previewExport', { scope: ['evidence'], include, to: [pair.bInA] });
    expect(preview.refusals).toEqual([{ contactId: pair.bInA, name: 'Brimley', reason: expect.stringMatching(/no data-sharing agreement/) }]);

    // Public data needs no agreement.
    const ok = await send(a, pair.bInA, pair.out, { scope: ['evidence'] });
    expect(fs.existsSync(ok)).toBe(true);

    // OFFICIAL-SENSITIVE public data is refused too.
    await a.call('evidence.add', { title: 'Police incident summary', kind: 'document', sensitivity: 'public', marking: 'OFFICIAL-SENSITIVE' });
    await expect(send(a, pair.bInA, pair.out, { scope: ['evidence'] })).rejects.toThrow(/OFFICIAL-SENSITIVE material \(1 record, e\.g\. evidence item "Police incident summary"\)/);
    // Nor may it go to "anyone with the passphrase".
    await expect(send(a, pair.bInA, pair.out, { scope: ['evidence'], passphrase: 'correct horse battery', scryptLogN: 10 })).rejects.toThrow(/never to "anyone with the passphrase"/);

    // A DSA that permits only personal data still refuses OFFICIAL-SENSITIVE; permitting both lets it go.
    await a.call('contact.setAgreement', { contactId: pair.bInA, ...DSA, expiresOn: '2099-03-31', permits: ['personal'] });
    await expect(send(a, pair.bInA, pair.out, { scope: ['evidence'], include })).rejects.toThrow(/DSA-2026-017 does not permit OFFICIAL-SENSITIVE material/);
    await a.call('contact.setAgreement', { contactId: pair.bInA, ...DSA, expiresOn: '2099-03-31', permits: ['personal', 'OFFICIAL-SENSITIVE'] });
    const file = await send(a, pair.bInA, pair.out, { scope: ['evidence'], include });

    const { members } = await membersOf(file);
    const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as Record<string, unknown>;
    expect(manifest.formatVersion).toBe(3);
    expect(manifest.marking).toBe('OFFICIAL-SENSITIVE');
    expect(manifest.agreements).toEqual([{ fingerprint: expect.any(String), dsaReference: 'DSA-2026-017', dpiaReference: 'DPIA-44' }]);
    expect(members.get('summary.html')!.toString('utf8')).toContain('OFFICIAL-SENSITIVE');

    const log = (await a.call('bundle.log', {})).filter((l) => l.direction === 'export');
    expect(log[0]).toMatchObject({ marking: 'OFFICIAL-SENSITIVE', agreements: [{ name: 'Brimley', dsaReference: 'DSA-2026-017', dpiaReference: 'DPIA-44' }], redactions: [] });

    // The receiving side keeps each item's marking, and logs what it came under.
    await receive(pair.b, file);
    const marked = pair.b.ctx.sqlite.prepare("SELECT marking FROM evidence_items WHERE title = 'Police incident summary'").get() as { marking: string };
    expect(marked.marking).toBe('OFFICIAL-SENSITIVE');
    expect((await pair.b.call('bundle.log', {}))[0]).toMatchObject({ direction: 'import', marking: 'OFFICIAL-SENSITIVE', agreements: [{ dsaReference: 'DSA-2026-017' }] });
  });

  it('a DSA past its expiry date is flagged and treated as not current', async () => {
    pair = await setUpPair({ verified: true });
    const { a } = pair;
    const personal = await a.call('evidence.add', { title: 'Mr D case file', kind: 'citizen_story', sensitivity: 'personal' });
    await a.call('contact.setAgreement', { contactId: pair.bInA, ...DSA, expiresOn: '2020-01-31', permits: ['personal', 'OFFICIAL-SENSITIVE'] });
    const brimley = (await a.call('contact.list', {})).find((c) => c.id === pair.bInA)!;
    expect(brimley.dsaStatus).toBe('expired');
    expect(brimley.dsa).toMatchObject({ reference: 'DSA-2026-017', expiresOn: '2020-01-31', permits: ['personal', 'OFFICIAL-SENSITIVE'] });
    const include = [{ table: 'evidenceItems', id: personal.id, reason: 'Shared for the joint case review' }];
    await expect(send(a, pair.bInA, pair.out, { scope: ['evidence'], include })).rejects.toThrow(/DSA-2026-017 expired on 2020-01-31, so it is not current/);
    expect(fs.readdirSync(pair.out)).toEqual([]);
  });

  it('bad DSA input is refused with a clear reason and changes nothing', async () => {
    pair = await setUpPair();
    const r = await pair.a.dispatch('contact.setAgreement', { contactId: pair.bInA, ...DSA, reference: '', expiresOn: '2099-01-01' });
    expect(r.ok).toBe(false);
    expect((await pair.a.call('contact.list', {})).find((c) => c.id === pair.bInA)!.dsaStatus).toBe('none');
  });
});

describe('redaction at export', () => {
  it('replaces the names in every byte of the bundle and logs labels and counts, never the names', async () => {
    pair = await setUpPair({ verified: true });
    const { a } = pair;
    await a.call('evidence.add', { title: 'Visit with Zebedee Quartermaine', kind: 'citizen_interview', sensitivity: 'public', summary: 'Zebedee Quartermaine said the falls team visited twice. NHS no. 943 476 5919.' });
    const file = await send(a, pair.bInA, pair.out, { scope: ['evidence'], redact: ['Zebedee Quartermaine', '943 476 5919'] });
    const { plain, members } = await membersOf(file);
    expect(plain.includes('Quartermaine')).toBe(false);
    expect(plain.includes('943 476 5919')).toBe(false);
    expect(plain.toString('utf8')).toContain('Visit with [Person A]');
    const manifest = JSON.parse(members.get('manifest.json')!.toString('utf8')) as { redactions: unknown };
    // Title and summary, in the record and in its first revision (which travels with it).
    const expected = [
      { label: '[Person A]', count: 4 },
      { label: '[Person B]', count: 2 },
    ];
    expect(manifest.redactions).toEqual(expected);
    const log = (await a.call('bundle.log', {}))[0]!;
    expect(log.redactions).toEqual(expected);
    // The exchange log never holds the redacted names.
    a.ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const logRows = JSON.stringify(a.ctx.sqlite.prepare('SELECT * FROM bundle_log').all());
    expect(logRows).not.toContain('Quartermaine');
    // The record itself is unchanged here.
    expect((a.ctx.sqlite.prepare('SELECT title FROM evidence_items').get() as { title: string }).title).toBe('Visit with Zebedee Quartermaine');
  });

  it('refuses when a name to redact is inside an attachment (a file cannot be redacted inside)', async () => {
    pair = await setUpPair({ verified: true });
    const { a } = pair;
    const f = path.join(a.dir, 'notes.txt');
    fs.writeFileSync(f, 'Interview notes: Zebedee Quartermaine, 12 Mill Lane');
    await a.call('evidence.add', { title: 'Interview', kind: 'citizen_interview', sensitivity: 'public', uploadIds: [(await a.call('upload.fromPath', { path: f })).uploadId] });
    await expect(send(a, pair.bInA, pair.out, { scope: ['evidence'], redact: ['Zebedee Quartermaine'] })).rejects.toThrow(/appears inside a file the bundle would carry \(Attachment "notes\.txt"/);
    expect(fs.readdirSync(pair.out)).toEqual([]);
  });

  it('replaces the names in the report (HTML, extracts) and records the labels on the version', async () => {
    pair = await setUpPair();
    const { a } = pair;
    const h = await a.call('hypothesis.add', { statement: 'Falls prevention reduces admissions (told by Zebedee Quartermaine)' });
    void h;
    const r = await a.call('report.generate', { pdf: false, extracts: true, docx: true, redact: ['Zebedee Quartermaine'] });
    for (const f of [r.html, r.docx!, r.zip!, r.xlsx!]) expect(fs.readFileSync(f.path).includes('Quartermaine'), f.name).toBe(false);
    expect(fs.readFileSync(r.html.path, 'utf8')).toContain('[Person A]');
    expect(r.version.redactions).toEqual([{ label: '[Person A]', count: expect.any(Number) }]);
    expect(r.version.redactions[0]!.count).toBeGreaterThan(0);
  });
});

describe('markings', () => {
  it('new evidence takes the pilot default; the report is marked with the highest marking of what it contains, never lower', async () => {
    pair = await setUpPair();
    const { a } = pair;
    const before = await a.call('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'public' });
    expect(before.marking).toBe('OFFICIAL');
    const pilot = (await a.call('pilot.overview', {})).pilot!;
    await a.call('pilot.save', { rev: pilot.rev, pilot: { place: pilot.place, question: pilot.question, defaultMarking: 'OFFICIAL-SENSITIVE' } });
    const after = await a.call('evidence.add', { title: 'Police referral data', kind: 'document', sensitivity: 'public' });
    expect(after.marking).toBe('OFFICIAL-SENSITIVE');
    // A quote is marked as its item unless chosen.
    const q = await a.call('quote.add', { evidenceId: after.id, text: 'Police referral data' });
    expect(q.marking).toBe('OFFICIAL-SENSITIVE');

    expect(await a.call('report.markingFloor', {})).toEqual({ marking: 'OFFICIAL-SENSITIVE', count: 2 });
    // Asked for OFFICIAL, the report is still marked OFFICIAL-SENSITIVE: it contains such material.
    const r = await a.call('report.generate', { pdf: false, extracts: false, marking: 'OFFICIAL' });
    expect(r.version.marking).toBe('OFFICIAL-SENSITIVE');
    const html = fs.readFileSync(r.html.path, 'utf8');
    expect(html).toContain('OFFICIAL-SENSITIVE');

    // With the item marked down again (a recorded edit), the default is OFFICIAL.
    await a.call('evidence.update', { id: after.id, rev: after.rev, patch: { marking: 'OFFICIAL' } });
    await a.call('quote.update', { id: q.id, rev: q.rev, patch: { marking: 'OFFICIAL' } });
    expect(await a.call('report.markingFloor', {})).toEqual({ marking: 'OFFICIAL', count: 0 });
    expect((await a.call('report.generate', { pdf: false, extracts: false })).version.marking).toBe('OFFICIAL');
  });
});
