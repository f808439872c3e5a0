/**
 * The content-addressed attachment store beside the database:
 *   <db>-attachments/<first two hex digits>/<sha256 hex>
 * Files are written by streaming into a temp file in the same folder (so the final rename is
 * atomic on the same disk), hashed on the way, fsynced, then renamed to their hash. A file that
 * is already there is not written twice. Reading verifies the hash.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';

export interface StoredBlob {
  sha256: string;
  size: number;
  /** False when identical content was already in the store. */
  added: boolean;
}

const HASH_RE = /^[0-9a-f]{64}$/;

export function blobPath(attachmentsDir: string, sha256: string): string {
  if (!HASH_RE.test(sha256)) throw new AppError('INVALID_INPUT', 'Not a SHA-256 hash');
  return path.join(attachmentsDir, sha256.slice(0, 2), sha256);
}

export function hasBlob(attachmentsDir: string, sha256: string): boolean {
  return fs.existsSync(blobPath(attachmentsDir, sha256));
}

/** Streams `source` into the store. On any failure the temp file is removed and nothing is stored. */
export async function putBlob(attachmentsDir: string, source: Readable, expectedSha256?: string): Promise<StoredBlob> {
  const tmpDir = path.join(attachmentsDir, 'tmp');
  await fsp.mkdir(tmpDir, { recursive: true, mode: 0o700 });
  const tmp = path.join(tmpDir, `${newId()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    const out = fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 });
    await pipeline(source, tap, out);
    const sha256 = hash.digest('hex');
    if (expectedSha256 && sha256 !== expectedSha256) {
      throw new AppError('BAD_FILE', `The attachment's content does not match its hash (expected ${expectedSha256.slice(0, 12)}…, got ${sha256.slice(0, 12)}…)`);
    }
    const final = blobPath(attachmentsDir, sha256);
    if (fs.existsSync(final)) {
      await fsp.rm(tmp, { force: true });
      return { sha256, size, added: false };
    }
    const fh = await fsp.open(tmp, 'r+');
    await fh.sync();
    await fh.close();
    await fsp.mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
    await fsp.rename(tmp, final);
    return { sha256, size, added: true };
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

/** Refuses, with a message naming it, a path that is missing, unreadable or not a regular file. */
export async function assertReadableFile(file: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(file);
  } catch {
    throw new AppError('BAD_FILE', `The file "${file}" does not exist or cannot be read.`);
  }
  if (!stat.isFile()) throw new AppError('BAD_FILE', `"${file}" is not a file.`);
}

export async function putFile(attachmentsDir: string, file: string): Promise<StoredBlob> {
  await assertReadableFile(file);
  return putBlob(attachmentsDir, fs.createReadStream(file));
}

/** Opens a stored blob for reading; the returned stream errors if the bytes no longer match the hash. */
export function readBlob(attachmentsDir: string, sha256: string): Readable {
  const file = blobPath(attachmentsDir, sha256);
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `Attachment ${sha256.slice(0, 12)}… is missing from the store.`);
  const hash = createHash('sha256');
  const verify = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      const got = hash.digest('hex');
      cb(got === sha256 ? null : new AppError('STORAGE', `Attachment ${sha256.slice(0, 12)}… is damaged on disk (its content no longer matches its hash).`));
    },
  });
  return fs.createReadStream(file).pipe(verify);
}

export async function removeBlob(attachmentsDir: string, sha256: string): Promise<void> {
  await fsp.rm(blobPath(attachmentsDir, sha256), { force: true });
}
