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
import type { EvidenceAttachment } from '../../shared/domain/evidence';
import type { SecurityMarking } from '../../shared/domain/marking';
import { AppError } from '../../shared/errors';
import { recordOps, type AnyDb, type WriteContext } from '../db/records';
import { recordStore, type Trx } from '../core/recordStore';
import { mediaTypeOf } from './text';
import { EXTRACTOR_VERSION, extractText, isReadable, type Extracted } from './extract';
import { fromPath, storeSource, type FileSource } from './sources';
import { blobPath, removeBlob, type StoredBlob } from '../core/attachmentStore';
import { writeContext, type ServiceContext } from '../core/context';
import { discardUpload, resolveUpload } from '../core/transfers';
import { evidenceAttachments, evidenceItems } from './records';

const attachments = recordStore(evidenceAttachments);
// Not evidence/queries: it re-exports reindexAttachmentText from here (an import cycle).
const items = recordOps(evidenceItems);

export interface StoredFile extends StoredBlob {
  name: string;
  mediaType: string;
  text: Extracted | null;
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
      // Read in a bounded worker, before the transaction: a big PDF must not hold the database.
      const text = await textOf(ctx, blob.sha256, source.name);
      done.push({ ...blob, name: source.name, mediaType: mediaTypeOf(source.name), text });
    }
    return done;
  } catch (e) {
    await purgeUnreferencedBlobs(ctx, done.filter((f) => f.added).map((f) => f.sha256));
    throw e;
  }
}

/** The text of a stored blob, unless an earlier copy of the same content was already read. */
async function textOf(ctx: ServiceContext, sha256: string, name: string): Promise<Extracted | null> {
  const known = await ctx.db.selectFrom('evidenceBlobText').select(['status', 'extractor']).where('sha256', '=', sha256).executeTakeFirst();
  if (known && (known.status === 'text' || known.extractor >= EXTRACTOR_VERSION)) return null;
  return extractText(blobPath(ctx.paths.attachmentsDir, sha256), name);
}

/** Records what reading a blob came to (text, or why there is none); the index follows by trigger. */
async function saveBlobText(trx: AnyDb, sha256: string, t: Extracted): Promise<void> {
  const values = { text: t.text, truncated: t.truncated ? 1 : 0, status: t.status, detail: t.detail, extractor: EXTRACTOR_VERSION };
  await trx
    .insertInto('evidenceBlobText')
    .values({ sha256, ...values })
    .onConflict((oc) => oc.column('sha256').doUpdateSet(values))
    .execute();
}

/** Step 2 (inside the caller's transaction): the rows, and the text for the search index. */
export async function insertAttachmentRows(trx: Trx, evidenceId: string, files: readonly StoredFile[], w: WriteContext): Promise<EvidenceAttachment[]> {
  const out: EvidenceAttachment[] = [];
  // A new file is marked as its item is (it can be marked higher afterwards).
  const item = files.length ? ((await trx.selectFrom('evidenceItems').select('marking').where('id', '=', evidenceId).executeTakeFirst()) as { marking: SecurityMarking } | undefined) : undefined;
  const marking = item?.marking;
  for (const f of files) {
    if (f.text) await saveBlobText(trx, f.sha256, f.text);
    out.push(await attachments.insertIn(trx, w, { evidenceId, sha256: f.sha256, fileName: f.name, size: f.size, mediaType: f.mediaType, marking }));
  }
  return out;
}

/** Marks one attachment (OFFICIAL / OFFICIAL-SENSITIVE), a recorded change like any other edit. */
export async function markAttachment(ctx: ServiceContext, input: { id: string; rev: string; marking: SecurityMarking }): Promise<EvidenceAttachment> {
  return (await attachments.update(ctx, { id: input.id, rev: input.rev, patch: { marking: input.marking } })) as EvidenceAttachment;
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

export interface ReindexResult {
  /** Files read whose text is now in the index. */
  indexed: number;
  /** Files read in which there was no text (scans, pictures). */
  noText: number;
  /** Files that could not be read (damaged, too large, too slow) or are of a kind whose text is not read. */
  unreadable: number;
  /** Files still waiting (when a limit was given). */
  remaining: number;
}

/**
 * Reads the text of attachments that have none yet: files that came in a partner's bundle, files
 * attached before this version could read PDF and Word, files whose reading failed under an older
 * reader. Newest first; each file is read outside any transaction and saved in its own, so a
 * long run can be interrupted and resumed. `limit` bounds one call (the background indexer reads
 * a few files at a time).
 */
export async function reindexAttachmentText(ctx: ServiceContext, opts: { limit?: number } = {}): Promise<ReindexResult> {
  const pending = await pendingTexts(ctx);
  const todo = opts.limit === undefined ? pending : pending.slice(0, opts.limit);
  const result: ReindexResult = { indexed: 0, noText: 0, unreadable: 0, remaining: pending.length - todo.length };
  for (const m of todo) {
    const file = blobPath(ctx.paths.attachmentsDir, m.sha256);
    if (!fs.existsSync(file)) {
      result.unreadable++;
      continue;
    }
    const t = isReadable(m.fileName) ? await extractText(file, m.fileName) : { status: 'unsupported' as const, text: '', truncated: false, detail: null };
    await ctx.db.transaction().execute((trx) => saveBlobText(trx, m.sha256, t));
    if (t.status === 'text') result.indexed++;
    else if (t.status === 'empty') result.noText++;
    else result.unreadable++;
  }
  return result;
}

/** Blobs of live attachments with no text row, or with a row from an older reader that found none. One file name per blob. */
async function pendingTexts(ctx: ServiceContext): Promise<{ sha256: string; fileName: string }[]> {
  const rows = await ctx.db
    .selectFrom('evidenceAttachments as a')
    .leftJoin('evidenceBlobText as t', 't.sha256', 'a.sha256')
    .select(['a.sha256', 'a.fileName'])
    .where('a.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('t.sha256', 'is', null), eb.and([eb('t.extractor', '<', EXTRACTOR_VERSION), eb('t.status', '<>', 'text')])]))
    .orderBy('a.createdAt', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.sha256) && seen.add(r.sha256) !== undefined);
}
