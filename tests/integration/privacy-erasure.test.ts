/**
 * Issue 14 (erasure that erases): an item edited five times, with an attachment and a quote, once
 * in the recycle bin and in a snapshot, is erased; a unique word from it is then found nowhere —
 * not in the database file, its WAL, the attachment store, or a snapshot taken after — while the
 * erasure log has the entry (without the word). A partner importing the tombstone erases it too,
 * and so does a team member at the next sync. On the old code there was no erasure at all: the
 * delete left every revision, the blob and the index entries in place (see the first test's
 * "before" assertions, which hold on any version).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { takeSnapshot } from '../../main/db/migrate';
import { receive, send, setUpPair, type Pair } from '../fixtures/bundles/pair';
import { makeTeam, type Team } from '../helpers/team';
import type { TestWorkbench } from '../helpers/workbench';

const WORD = 'Vrelkatzimon';

/** Every file that could hold the word: the database and its WAL, the attachment store, and `more`. */
function filesOf(wb: TestWorkbench, more: string[] = []): string[] {
  const files = [wb.dbPath, `${wb.dbPath}-wal`, ...more].filter((f) => fs.existsSync(f));
  const store = wb.ctx.paths.attachmentsDir;
  if (fs.existsSync(store)) {
    for (const f of fs.readdirSync(store, { recursive: true }) as string[]) {
      const full = path.join(store, f);
      if (fs.statSync(full).isFile()) files.push(full);
    }
  }
  return files;
}

/** The files in which the word (any case, UTF-8 or as the FTS index stores it) appears, byte for byte. */
function holding(files: string[], word = WORD): string[] {
  const needles = [word, word.toLowerCase(), word.toUpperCase(), word.slice(0, 7).toLowerCase()].map((w) => Buffer.from(w, 'utf8'));
  return files.filter((f) => {
    const bytes = fs.readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

async function sensitiveItem(wb: TestWorkbench) {
  const notes = path.join(wb.dir, 'interview.txt');
  fs.writeFileSync(notes, `Transcript. ${WORD} said the carer came four times in one week.`);
  const { uploadId } = await wb.call('upload.fromPath', { path: notes });
  let item = await wb.call('evidence.add', { title: `Interview with ${WORD}`, kind: 'citizen_interview', sensitivity: 'partners', summary: `Notes about ${WORD}.`, uploadIds: [uploadId] });
  let rev = item.rev;
  for (let i = 1; i <= 5; i++) rev = (await wb.call('evidence.update', { id: item.id, rev, patch: { summary: `Edit ${i}: ${WORD} again, version ${i}.` } })).rev;
  await wb.call('quote.add', { evidenceId: item.id, text: `${WORD}: the carer came late`, speaker: WORD, codeIds: [] });
  const deleted = await wb.call('evidence.delete', { id: item.id, rev });
  expect(deleted.deletedAt).not.toBeNull();
  await wb.call('recycleBin.restore', { table: 'evidenceItems', id: item.id });
  item = await wb.call('evidence.get', { id: item.id });
  return item;
}

describe('erasure', () => {
  let pair: Pair | null = null;
  let team: Team | null = null;
  afterEach(async () => {
    await pair?.cleanup();
    await team?.cleanup();
    pair = team = null;
  });

  it('leaves no byte of the item anywhere, and logs it without the content', async () => {
    pair = await setUpPair();
    const { a } = pair;
    const keep = await a.call('evidence.add', { title: 'An unrelated survey', kind: 'citizen_survey', sensitivity: 'public' });
    const item = await sensitiveItem(a);
    expect(item.attachments).toHaveLength(1);
    const before = takeSnapshot(a.ctx.sqlite, a.ctx.paths.snapshotsDir, 'before-erasure');
    a.ctx.sqlite.pragma('wal_checkpoint(PASSIVE)');
    // Before: the word is in the file, the store and the snapshot (as on the old code, where "delete" kept everything).
    expect(holding(filesOf(a, [before])).length).toBeGreaterThanOrEqual(3);
    expect((a.ctx.sqlite.prepare('SELECT count(*) AS n FROM record_revisions WHERE record_id = ?').get(item.id) as { n: number }).n).toBe(8);

    const preview = await a.call('erasure.preview', { id: item.id });
    expect(preview.parts).toEqual(expect.arrayContaining(['1 attachment', '1 quote']));
    const r = await a.call('erasure.erase', { id: item.id, reason: 'The resident asked us to erase it (SAR-7)' });
    expect(r.walTruncated).toBe(true);
    expect(r.blobsRemoved).toBe(1);
    expect(r.olderSnapshots.map((s) => path.join(a.ctx.paths.snapshotsDir, s.file))).toContain(before);

    const after = takeSnapshot(a.ctx.sqlite, a.ctx.paths.snapshotsDir, 'after-erasure');
    expect(holding(filesOf(a, [after]))).toEqual([]);
    expect(await a.call('recycleBin.list', {})).toEqual([]);
    expect((await a.call('search.all', { query: WORD, limit: 10 })).groups).toEqual([]);
    expect(await a.dispatch('evidence.get', { id: item.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await a.call('sar.search', { text: WORD })).toMatchObject({ hits: [] });
    // What was not erased is untouched.
    expect((await a.call('evidence.get', { id: keep.id })).title).toBe('An unrelated survey');

    const log = await a.call('erasure.log', {});
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ recordId: item.id, kind: 'Evidence item', source: 'here', action: 'erase', reason: 'The resident asked us to erase it (SAR-7)' });
    expect(log[0]!.counts).toMatchObject({ Attachment: 1, Quote: 1, revisions: expect.any(Number) });
    expect(JSON.stringify(log)).not.toMatch(new RegExp(WORD, 'i'));

    // Older snapshots can be pruned now.
    await a.call('erasure.pruneSnapshots', { snapshots: r.olderSnapshots.map((s) => s.file) });
    expect(fs.existsSync(before)).toBe(false);
  }, 120_000);

  it('a partner importing the tombstone erases the item too (recorded in their erasure log)', async () => {
    pair = await setUpPair();
    const { a, b } = pair;
    const keep = await a.call('evidence.add', { title: 'An unrelated survey', kind: 'citizen_survey', sensitivity: 'public' });
    const item = await sensitiveItem(a);
    const old = await send(a, pair.bInA, pair.out, { scope: ['evidence'], include: [] });
    await receive(b, old);
    expect(b.ctx.sqlite.prepare('SELECT count(*) AS n FROM evidence_items WHERE id = ?').get(item.id)).toEqual({ n: 1 });
    expect(holding(filesOf(b)).length).toBeGreaterThan(0);

    await a.call('erasure.erase', { id: item.id, reason: 'Asked by the resident' });
    await receive(b, await send(a, pair.bInA, pair.out, { scope: ['evidence'], include: [] }));
    expect(b.ctx.sqlite.prepare('SELECT count(*) AS n FROM evidence_items WHERE id = ?').get(item.id)).toEqual({ n: 0 });
    expect(b.ctx.sqlite.prepare('SELECT count(*) AS n FROM record_revisions WHERE record_id = ?').get(item.id)).toEqual({ n: 0 });
    expect(holding(filesOf(b))).toEqual([]);
    expect(await b.call('erasure.log', {})).toMatchObject([{ recordId: item.id, source: 'partner', action: 'erase' }]);
    expect((await b.call('evidence.get', { id: keep.id })).title).toBe('An unrelated survey');
  }, 120_000);

  it('tells which generated report versions show what was erased (they are kept as the record of what went out)', async () => {
    pair = await setUpPair();
    const { a } = pair;
    const item = await a.call('evidence.add', { title: `Interview with ${WORD}`, kind: 'citizen_interview', sensitivity: 'public', summary: 'Seen at home.' });
    const h = await a.call('hypothesis.add', { statement: 'Families see too many workers' });
    await a.call('evidence.link', { evidenceId: item.id, hypothesisId: h.id, rating: 'CC', note: null });
    const report = await a.call('report.generate', { pdf: false, extracts: false });
    const r = await a.call('erasure.erase', { id: item.id, reason: 'Asked by the resident' });
    expect(r.reportVersions).toEqual([report.version.version]);
  }, 120_000);

  it('refuses to erase what is not personal content, and an unknown id, changing nothing', async () => {
    pair = await setUpPair();
    const org = await pair.a.call('organisation.add', { name: 'Avonford Council', type: 'council' });
    expect(await pair.a.dispatch('erasure.erase', { id: org.id, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(await pair.a.dispatch('erasure.erase', { id: '01900000-0000-7000-8000-000000000000', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await pair.a.dispatch('erasure.erase', { id: org.id, reason: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await pair.a.call('erasure.log', {})).toEqual([]);
  });

  it('a team member erases it too at the next sync', async () => {
    team = await makeTeam(['Ann', 'Bob']);
    const [ann, bob] = team.members as [Team['members'][0], Team['members'][0]];
    const item = await ann.wb.call('evidence.add', { title: `Case file of ${WORD}`, kind: 'citizen_story', sensitivity: 'team', summary: `${WORD} moved house twice.` });
    await ann.wb.call('evidence.update', { id: item.id, rev: item.rev, patch: { summary: `${WORD} moved house three times.` } });
    await team.quiesce();
    expect(bob.wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM evidence_items WHERE id = ?').get(item.id)).toEqual({ n: 1 });

    // Ann's own snapshots in the team folder, written before the erasure (such a snapshot may hold the item).
    const snapshotsOf = (m: typeof ann) => {
      const dir = path.join(m.local, 'snapshots');
      return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.tpws')) : [];
    };
    const annId = ann.wb.ctx.sqlite.prepare('SELECT installation_id AS i FROM team').pluck().get() as string;
    const older = snapshotsOf(ann).filter((f) => f.includes(annId));
    expect(older.length).toBeGreaterThan(0);

    await ann.wb.call('erasure.erase', { id: item.id, reason: 'Retention period ended' });
    await team.quiesce();
    // A fresh snapshot replaces Ann's older ones at once.
    const now = snapshotsOf(ann);
    expect(now.length).toBeGreaterThan(0);
    expect(now.filter((f) => older.includes(f))).toEqual([]);
    expect(now.some((f) => f.includes(annId))).toBe(true);
    expect(bob.wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM evidence_items WHERE id = ?').get(item.id)).toEqual({ n: 0 });
    expect(holding([bob.wb.dbPath, `${bob.wb.dbPath}-wal`].filter((f) => fs.existsSync(f)))).toEqual([]);
    expect(await bob.wb.call('erasure.log', {})).toMatchObject([{ recordId: item.id, source: 'team' }]);
  }, 180_000);
});
