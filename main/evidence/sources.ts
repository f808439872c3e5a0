/**
 * Files on their way into the attachment store. A source names the user's file (for messages)
 * and opens a stream of its bytes; `fromPath` is the usual one, tests build others (a stream that
 * fails half-way like a full disk or a pulled USB stick).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { putBlob, type StoredBlob } from '../core/attachmentStore';

export interface FileSource {
  /** The file's name as the user knows it (never used as a path). */
  name: string;
  open(): Promise<{ stream: Readable; size: number }>;
}

export function fromPath(file: string, name: string): FileSource {
  return {
    name,
    async open() {
      let fh: fs.promises.FileHandle;
      try {
        fh = await fs.promises.open(file, 'r');
      } catch (e) {
        throw unreadable(name, e);
      }
      const stat = await fh.stat();
      if (!stat.isFile()) {
        await fh.close();
        throw new AppError('BAD_FILE', `"${name}" is a folder, not a file. Choose a file to attach.`);
      }
      // Reading from the handle we opened: a file renamed or deleted meanwhile is still read whole.
      // 1 MiB reads: fewer, larger writes and hash updates (64 KiB reads halve the throughput on big files).
      return { stream: fh.createReadStream({ autoClose: true, highWaterMark: 1024 * 1024 }), size: stat.size };
    },
  };
}

function unreadable(name: string, e: unknown): AppError {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new AppError('BAD_FILE', `"${name}" could not be found. It may have been moved or deleted; choose it again.`);
  if (code === 'EACCES' || code === 'EPERM') return new AppError('BAD_FILE', `"${name}" cannot be read: permission denied.`);
  if (code === 'EISDIR') return new AppError('BAD_FILE', `"${name}" is a folder, not a file. Choose a file to attach.`);
  return new AppError('BAD_FILE', `"${name}" could not be read (${code ?? 'unknown error'}).`);
}

/** Streams one source into the store, turning low-level failures into messages that name the file. */
export async function storeSource(attachmentsDir: string, source: FileSource): Promise<StoredBlob> {
  const { stream, size } = await source.open();
  let stored: StoredBlob;
  try {
    stored = await putBlob(attachmentsDir, stream);
  } catch (e) {
    stream.destroy();
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new AppError('STORAGE', `There is not enough disk space to store "${source.name}". Free some space and try again; nothing was saved.`);
    }
    throw new AppError('STORAGE', `"${source.name}" could not be copied (${code ?? (e as Error).message}). Nothing was saved; try again.`);
  }
  if (stored.size !== size) {
    // The file grew or shrank while we copied it (still being written, or truncated): refuse a torn copy.
    throw Object.assign(new AppError('BAD_FILE', `"${source.name}" changed while it was being copied. Wait until it is finished being written and try again.`), { stored });
  }
  return stored;
}
