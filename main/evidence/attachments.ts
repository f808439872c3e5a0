/**
 * Attachments: files stored content-addressed (attachmentStore) and referred to by
 * evidence_attachments rows. Writing happens in two steps so a multi-gigabyte copy never holds a
 * database transaction open: (1) stream every file into the store; (2) one transaction writes the
 * rows. If anything fails, the blobs that step 1 newly added and that no row refers to are
 * removed again, so a failed attach leaves no item, no row and no orphan file.
 *
 * When blobs go away: a blob stays while ANY attachment row refers to it, live or in the recycle
 * bin (a detached file can be restored, and several items may share one blob). Rows are never
 * hard-deleted by the app today, so the only removals are the clean-ups after a failed attach,
 * and `purgeUnreferencedBlobs` for whatever future code permanently deletes rows.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { EvidenceAttachment } from '../../shared/domain/evidence';
import { AppError } from '../../shared/errors';
import { recordOps, type WriteContext } from '../db/records';
import { recordStore, type Trx } from '../core/recordStore';
import { isIndexableText, mediaTypeOf, readIndexableText } from './text';
import { fromPath, storeSource, type FileSource } from './sources';
import { blobPath, removeBlob, type StoredBlob } from '../core/attachmentStore';
import { writeContext, type ServiceContext } from '../core/context';
import { discardUpload, resolveUpload, safeFileName } from '../core/transfers';
import { evidenceAttachments, evidenceItems } from './records';

const attachments = recordStore(evidenceAttachments);
// Not evidence/queries: it re-exports reindexAttachmentText from here (an import cycle).
const items = recordOps(evidenceItems);

export interface StoredFile extends StoredBlob {
  name: string;
  mediaType: string;
  text: { text: string; truncated: boolean } | null;
}

/** Step 1: streams each source into the store. All or nothing: on failure, what this call added is removed. */
export async function storeFiles(ctx: ServiceContext, sources: readonly FileSource[]): Promise<StoredFile[]> {
  const done: StoredFile[] = [];
  try {
    for (const source of sources) {
      let blob: StoredBlob;
      try {
        blob = await storeSource(ctx.paths.attachmentsDir, source);
      } catch (e) {
        const torn = (e as { stored?: StoredBlob }).stored;
        if (torn?.added) done.push({ ...torn, name: source.name, mediaType: '', text: null });
        throw e;
      }
      const text = isIndexableText(source.name) ? await readIndexableText(blobPath(ctx.paths.attachmentsDir, blob.sha256)) : null;
      done.push({ ...blob, name: source.name, mediaType: mediaTypeOf(source.name), text });
    }
    return done;
  } catch (e) {
    await purgeUnreferencedBlobs(ctx, done.filter((f) => f.added).map((f) => f.sha256));
    throw e;
  }
}

/** Step 2 (inside the caller's transaction): the rows, and the text for the search index. */
export async function insertAttachmentRows(trx: Trx, evidenceId: string, files: readonly StoredFile[], w: WriteContext): Promise<EvidenceAttachment[]> {
  const out: EvidenceAttachment[] = [];
  for (const f of files) {
    if (f.text) {
      await trx
        .insertInto('evidenceBlobText')
        .values({ sha256: f.sha256, text: f.text.text, truncated: f.text.truncated ? 1 : 0 })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    }
    out.push(await attachments.insertIn(trx, w, { evidenceId, sha256: f.sha256, fileName: f.name, size: f.size, mediaType: f.mediaType }));
  }
  return out;
}

/** Removes blobs no attachment row (live or recycled) refers to. Returns the hashes removed. */
export async function purgeUnreferencedBlobs(ctx: ServiceContext, hashes: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const sha256 of new Set(hashes)) {
    const used = await ctx.db.selectFrom('evidenceAttachments').select('id').where('sha256', '=', sha256).executeTakeFirst();
    if (used) continue;
    await removeBlob(ctx.paths.attachmentsDir, sha256);
    await ctx.db.deleteFrom('evidenceBlobText').where('sha256', '=', sha256).execute();
    removed.push(sha256);
  }
  return removed;
}

/**
 * Stores the files, then runs `write` in one transaction with them; cleans up the store if the
 * transaction fails (e.g. the item was deleted meanwhile, or the disk filled while committing).
 */
export async function withStoredFiles<T>(
  ctx: ServiceContext,
  sources: readonly FileSource[],
  write: (trx: Trx, files: StoredFile[], w: WriteContext) => Promise<T>,
): Promise<T> {
  // Who and when are taken before the copy (which may take minutes): the time the user attached.
  const w = await writeContext(ctx);
  const files = await storeFiles(ctx, sources);
  try {
    return await ctx.db.transaction().execute((trx) => write(trx, files, w));
  } catch (e) {
    await purgeUnreferencedBlobs(ctx, files.filter((f) => f.added).map((f) => f.sha256));
    throw e;
  }
}

/** Uploads (browser mode, or staged by upload.fromPath) as sources; they are discarded once used. */
export async function sourcesFromUploads(ctx: ServiceContext, uploadIds: readonly string[]): Promise<FileSource[]> {
  const out: FileSource[] = [];
  for (const id of uploadIds) {
    const u = await resolveUpload(ctx, id);
    out.push(fromPath(u.path, u.name));
  }
  return out;
}

export async function discardUploads(ctx: ServiceContext, uploadIds: readonly string[]): Promise<void> {
  for (const id of uploadIds) await discardUpload(ctx, id);
}

export async function attachFiles(ctx: ServiceContext, evidenceId: string, sources: readonly FileSource[]): Promise<EvidenceAttachment[]> {
  if (sources.length === 0) throw new AppError('INVALID_INPUT', 'Choose at least one file to attach.');
  await items.row(ctx.db, evidenceId);
  return withStoredFiles(ctx, sources, async (trx, files, w) => {
    await items.row(trx, evidenceId);
    return insertAttachmentRows(trx, evidenceId, files, w);
  });
}

export async function attachUploads(ctx: ServiceContext, input: { evidenceId: string; uploadIds: string[] }): Promise<EvidenceAttachment[]> {
  try {
    return await attachFiles(ctx, input.evidenceId, await sourcesFromUploads(ctx, input.uploadIds));
  } finally {
    await discardUploads(ctx, input.uploadIds);
  }
}

/** Detaching moves the row to the recycle bin; the blob stays (the row may be restored). */
export async function detachAttachment(ctx: ServiceContext, input: { id: string; rev: string }): Promise<EvidenceAttachment> {
  return attachments.remove(ctx, input);
}

/** Where an attachment's bytes are, for the desktop app to open and the CLI to report. */
export async function attachmentFile(ctx: ServiceContext, id: string): Promise<{ path: string; name: string; sha256: string; urlPath: string }> {
  const row = await attachments.row(ctx.db, id);
  const file = blobPath(ctx.paths.attachmentsDir, row.sha256);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `The file "${row.fileName}" is missing from the attachment store.`);
  return { path: file, name: row.fileName, sha256: row.sha256, urlPath: `/files/blob/${row.sha256}?name=${encodeURIComponent(row.fileName)}` };
}

/**
 * Desktop: opens the attachment with the system viewer. The store names files by hash, with no
 * extension for the viewer to go by, so the viewer is given a link (or copy) under the file's own
 * name in a temp folder. Elsewhere (browser mode, CLI): not opened; the UI offers `urlPath`.
 */
export async function openAttachment(ctx: ServiceContext, id: string): Promise<{ opened: boolean; urlPath: string }> {
  const f = await attachmentFile(ctx, id);
  if (!ctx.platform) return { opened: false, urlPath: f.urlPath };
  const dir = path.join(ctx.paths.tempDir, 'open', f.sha256);
  const named = path.join(dir, safeFileName(f.name));
  await fs.promises.mkdir(dir, { recursive: true });
  if (!fs.existsSync(named)) {
    try {
      await fs.promises.link(f.path, named);
    } catch {
      await fs.promises.copyFile(f.path, named);
    }
  }
  await ctx.platform.openPath(named);
  return { opened: true, urlPath: f.urlPath };
}

/** Indexes the text of text-like attachments that arrived without it (e.g. in a partner's bundle). */
export async function reindexAttachmentText(ctx: ServiceContext): Promise<{ indexed: number }> {
  const missing = await ctx.db
    .selectFrom('evidenceAttachments as a')
    .leftJoin('evidenceBlobText as t', 't.sha256', 'a.sha256')
    .select(['a.sha256', 'a.fileName'])
    .where('t.sha256', 'is', null)
    .where('a.deletedAt', 'is', null)
    .execute();
  let indexed = 0;
  const seen = new Set<string>();
  for (const m of missing) {
    if (!isIndexableText(m.fileName) || seen.has(m.sha256)) continue;
    seen.add(m.sha256);
    const file = blobPath(ctx.paths.attachmentsDir, m.sha256);
    if (!fs.existsSync(file)) continue;
    const t = await readIndexableText(file);
    await ctx.db.transaction().execute((trx) =>
      trx.insertInto('evidenceBlobText').values({ sha256: m.sha256, text: t.text, truncated: t.truncated ? 1 : 0 }).onConflict((oc) => oc.column('sha256').doNothing()).execute(),
    );
    indexed++;
  }
  return { indexed };
}
