import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBlob } from '../../main/core/attachmentStore';
import { addEvidence, getEvidence } from '../../main/evidence/service';
import { fromPath, type FileSource } from '../../main/evidence/sources';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(async () => {
  await wb.cleanup();
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const write = (name: string, content: string | Buffer) => {
  const f = path.join(wb.dir, name);
  fs.writeFileSync(f, content);
  return f;
};
const upload = async (file: string) => (await wb.call('upload.fromPath', { path: file })).uploadId;
/** Every file in the attachment store (blobs and any temp files), relative to it. */
const storeFiles = () => {
  const dir = wb.ctx.paths.attachmentsDir;
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];
};
const uploadsLeft = () => {
  const dir = path.join(wb.ctx.paths.tempDir, 'uploads');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};
const counts = () => ({
  items: (wb.ctx.sqlite.prepare('SELECT count(*) n FROM evidence_items').get() as { n: number }).n,
  attachments: (wb.ctx.sqlite.prepare('SELECT count(*) n FROM evidence_attachments').get() as { n: number }).n,
});

/** A source whose stream delivers some bytes, then fails the way a full disk or a pulled USB stick does. */
function failingSource(name: string, code: string): FileSource {
  return {
    name,
    async open() {
      let sent = 0;
      const stream = new Readable({
        read() {
          if (sent < 3) {
            sent++;
            this.push(Buffer.alloc(64 * 1024, 7));
          } else this.destroy(Object.assign(new Error(`${code}: simulated`), { code }));
        },
      });
      return { stream, size: 10 * 64 * 1024 };
    },
  };
}

describe('attachments', () => {
  it('stores files content-addressed, de-duplicated across items, and reads them back verified', async () => {
    const report = write('report.pdf', '%PDF-1.4 pretend');
    const e1 = await wb.call('evidence.add', { title: 'One', uploadIds: [await upload(report)] });
    const e2 = await wb.call('evidence.add', { title: 'Two', uploadIds: [await upload(report)] });
    const hash = sha('%PDF-1.4 pretend');
    expect(e1.attachments[0]).toMatchObject({ sha256: hash, fileName: 'report.pdf', size: 16, mediaType: 'application/pdf' });
    expect(e2.attachments[0]!.sha256).toBe(hash);
    expect(storeFiles()).toEqual([path.join(hash.slice(0, 2), hash)]);
    expect(uploadsLeft()).toEqual([]); // staged uploads are discarded once stored
    const chunks: Buffer[] = [];
    for await (const c of readBlob(wb.ctx.paths.attachmentsDir, hash)) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.4 pretend');
  });

  it('indexes the text of .txt/.csv/.md attachments for search, and drops it when detached', async () => {
    const notes = write('interview.txt', 'She said the occupational therapist visited four times.');
    const e = await wb.call('evidence.add', { title: 'Interview', uploadIds: [await upload(notes)] });
    const hits = await wb.call('evidence.search', { query: 'occupational therapist' });
    expect(hits.map((h) => h.evidenceId)).toEqual([e.id]);
    const a = e.attachments[0]!;
    await wb.call('evidence.detach', { id: a.id, rev: a.rev });
    expect(await wb.call('evidence.search', { query: 'occupational' })).toEqual([]);
    // The blob stays while a row (here, a recycled one) refers to it; restoring brings the text back.
    expect(storeFiles()).toHaveLength(1);
    await wb.call('recycleBin.restore', { table: 'evidenceAttachments', id: a.id });
    expect((await wb.call('evidence.search', { query: 'occupational' })).length).toBe(1);
  });

  it('attaches more files to an existing item', async () => {
    const e = await wb.call('evidence.add', { title: 'Photos' });
    const added = await wb.call('evidence.attach', { evidenceId: e.id, uploadIds: [await upload(write('a.jpg', 'jpg-a')), await upload(write('b.png', 'png-b'))] });
    expect(added.map((a) => [a.fileName, a.mediaType])).toEqual([['a.jpg', 'image/jpeg'], ['b.png', 'image/png']]);
    expect((await wb.call('evidence.get', { id: e.id })).attachments).toHaveLength(2);
  });

  it('refuses a missing file with its name, leaving nothing behind', async () => {
    const r = await wb.dispatch('evidence.add', { title: 'Ghost', uploadIds: ['01900000-0000-7000-8000-000000000000'] });
    expect(r.ok || r.error).toMatchObject({ code: 'NOT_FOUND', message: 'That uploaded file is no longer available. Choose the file again.' });
    await expect(addEvidence(wb.ctx, base('Ghost'), [fromPath(path.join(wb.dir, 'nope.xlsx'), 'nope.xlsx')])).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: '"nope.xlsx" could not be found. It may have been moved or deleted; choose it again.',
    });
    expect(counts()).toEqual({ items: 0, attachments: 0 });
    expect(storeFiles()).toEqual([]);
  });

  it('refuses a folder given as a file', async () => {
    const dir = path.join(wb.dir, 'Evidence folder');
    fs.mkdirSync(dir);
    await expect(addEvidence(wb.ctx, base('Folder'), [fromPath(dir, 'Evidence folder')])).rejects.toMatchObject({
      code: 'BAD_FILE',
      message: '"Evidence folder" is a folder, not a file. Choose a file to attach.',
    });
    expect(counts().items).toBe(0);
  });

  it('a full disk during the copy: clear message, no item, no blob, no temp file', async () => {
    const ok = write('first.txt', 'the first file is fine');
    const err = await addEvidence(wb.ctx, base('Two files'), [fromPath(ok, 'first.txt'), failingSource('second.mp3', 'ENOSPC')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORAGE', message: 'There is not enough disk space to store "second.mp3". Free some space and try again; nothing was saved.' });
    expect(counts()).toEqual({ items: 0, attachments: 0 });
    expect(storeFiles()).toEqual([]); // the first file's blob was removed again, and the temp file of the second
    expect(wb.ctx.sqlite.prepare('SELECT count(*) n FROM evidence_blob_text').get()).toEqual({ n: 0 });
  });

  it('a file that vanishes or fails mid-copy: clear message, nothing saved', async () => {
    const err = await addEvidence(wb.ctx, base('Pulled stick'), [failingSource('audio.wav', 'EIO')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORAGE', message: '"audio.wav" could not be copied (EIO). Nothing was saved; try again.' });
    // A staged upload deleted before it is stored:
    const id = await upload(write('gone.txt', 'soon gone'));
    fs.rmSync(path.join(wb.ctx.paths.tempDir, 'uploads', id));
    const r = await wb.dispatch('evidence.add', { title: 'Gone', uploadIds: [id] });
    expect(r.ok || r.error).toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining('"gone.txt" could not be found') });
    expect(counts()).toEqual({ items: 0, attachments: 0 });
    expect(storeFiles()).toEqual([]);
    expect(uploadsLeft()).toEqual([]);
  });

  it('a file that changes size while copied is refused, and its torn copy removed', async () => {
    const shrinking: FileSource = { name: 'growing.log', open: async () => ({ stream: Readable.from([Buffer.from('only part')]), size: 1000 }) };
    await expect(addEvidence(wb.ctx, base('Torn'), [shrinking])).rejects.toMatchObject({ code: 'BAD_FILE', message: expect.stringContaining('changed while it was being copied') });
    expect(storeFiles()).toEqual([]);
  });

  it('when the database write fails after the copy, the new blob is removed again', async () => {
    const f = write('minutes.md', '# Minutes');
    const bad = { ...base('Bad org'), organisationId: '01900000-0000-7000-8000-000000000000' };
    await expect(addEvidence(wb.ctx, bad, [fromPath(f, 'minutes.md')])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(storeFiles()).toEqual([]);
    expect(counts()).toEqual({ items: 0, attachments: 0 });
  });

  it('a failed attach never removes a blob another item already uses', async () => {
    const f = write('shared.csv', 'x,y\n1,2\n');
    const kept = await wb.call('evidence.add', { title: 'Keeps it', uploadIds: [await upload(f)] });
    const err = await addEvidence(wb.ctx, base('Fails'), [fromPath(f, 'shared.csv'), failingSource('b.bin', 'ENOSPC')]).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORAGE' });
    expect(storeFiles()).toEqual([path.join(kept.attachments[0]!.sha256.slice(0, 2), kept.attachments[0]!.sha256)]);
    expect((await getEvidence(wb.ctx, kept.id)).attachments).toHaveLength(1);
  });

  it('browser mode cannot open files with the system viewer: it gets the download address instead', async () => {
    const e = await wb.call('evidence.add', { title: 'Doc', uploadIds: [await upload(write('plan v2.pdf', 'pdf'))] });
    const a = e.attachments[0]!;
    expect(await wb.call('evidence.openAttachment', { id: a.id })).toEqual({ opened: false, urlPath: `/files/blob/${a.sha256}?name=plan%20v2.pdf`, warning: null });
    const opened: string[] = [];
    wb.ctx.platform = { openPath: async (p) => void opened.push(p) };
    expect((await wb.call('evidence.openAttachment', { id: a.id })).opened).toBe(true);
    // The viewer gets the file under its own name (it goes by the extension), with the same bytes.
    expect(opened).toHaveLength(1);
    expect(path.basename(opened[0]!)).toBe('plan v2.pdf');
    expect(fs.readFileSync(opened[0]!, 'utf8')).toBe('pdf');
  });
});

function base(title: string) {
  return {
    title,
    kind: 'document' as const,
    summary: null,
    source: null,
    organisationId: null,
    observedOn: null,
    reportedOn: null,
    collectedBy: null,
    sensitivity: 'team' as const,
    tags: [],
    citizenPerspective: false,
    themeId: null,
  };
}

describe('re-indexing attachment text', () => {
  it('indexes text attachments whose text is missing (as after a bundle import), once per blob', async () => {
    const e = await wb.call('evidence.add', { title: 'Imported', uploadIds: [await upload(write('partner.csv', 'ward,beds\nRiverside,14\n'))] });
    wb.ctx.sqlite.exec('DELETE FROM evidence_blob_text');
    wb.ctx.sqlite.prepare('UPDATE evidence_items SET summary = ? WHERE id = ?').run('touched', e.id); // the index is rebuilt, now without the text
    expect(await wb.call('evidence.search', { query: 'riverside' })).toEqual([]);
    expect(await wb.call('evidence.reindex', {})).toEqual({ indexed: 1, noText: 0, unreadable: 0, remaining: 0 });
    expect((await wb.call('evidence.search', { query: 'riverside' })).map((h) => h.evidenceId)).toEqual([e.id]);
    expect(await wb.call('evidence.reindex', {})).toEqual({ indexed: 0, noText: 0, unreadable: 0, remaining: 0 });
  });
});
