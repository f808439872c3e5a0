/**
 * Files moving between the user's machine and the services, for browser mode (where the UI
 * cannot hand the services a path): uploads are streamed to a temp folder beside the database
 * and referred to by an upload id; generated files (reports, exports) are registered as
 * downloads. The desktop app and the CLI pass real paths instead.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import type { ServiceContext } from './context';
import { assertReadableFile } from './attachmentStore';

export interface UploadInfo {
  uploadId: string;
  name: string;
  size: number;
}

const ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uploadsDir = (ctx: ServiceContext) => path.join(ctx.paths.tempDir, 'uploads');

/** Only the last path segment of a browser-supplied name is kept, and never used as a path. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim().slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'file';
}

/** A Content-Disposition header that offers `name` as a download (ASCII fallback plus RFC 5987 UTF-8). */
export const contentDisposition = (name: string): string =>
  `attachment; filename="${safeFileName(name).replace(/[^\x20-\x7e]/g, '_').replace(/"/g, "'")}"; filename*=UTF-8''${encodeURIComponent(safeFileName(name))}`;

export async function receiveUpload(ctx: ServiceContext, body: Readable, name: string): Promise<UploadInfo> {
  const dir = uploadsDir(ctx);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const uploadId = newId();
  const file = path.join(dir, uploadId);
  try {
    await pipeline(body, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await fsp.rm(file, { force: true });
    throw e;
  }
  const size = (await fsp.stat(file)).size;
  const info = { uploadId, name: safeFileName(name), size };
  await fsp.writeFile(`${file}.json`, JSON.stringify(info), { mode: 0o600 });
  return info;
}

/** Stages a file the user chose on this machine. Refused in browser mode: a web page never names paths. */
export async function uploadFromPath(ctx: ServiceContext, file: string): Promise<UploadInfo> {
  if (ctx.mode === 'browser') throw new AppError('REFUSED', 'In browser mode, files are sent with the file chooser, not by path.');
  await assertReadableFile(file);
  return receiveUpload(ctx, fs.createReadStream(file), path.basename(file));
}

/** Where an upload's bytes are, with the name the user's file had. */
export async function resolveUpload(ctx: ServiceContext, uploadId: string): Promise<{ path: string; name: string; size: number }> {
  if (!ID_RE.test(uploadId)) throw new AppError('INVALID_INPUT', 'Not a valid upload id');
  const file = path.join(uploadsDir(ctx), uploadId);
  try {
    const info = JSON.parse(await fsp.readFile(`${file}.json`, 'utf8')) as UploadInfo;
    return { path: file, name: info.name, size: info.size };
  } catch {
    throw new AppError('NOT_FOUND', 'That uploaded file is no longer available. Choose the file again.');
  }
}

export async function discardUpload(ctx: ServiceContext, uploadId: string): Promise<void> {
  if (!ID_RE.test(uploadId)) return;
  const file = path.join(uploadsDir(ctx), uploadId);
  await fsp.rm(file, { force: true });
  await fsp.rm(`${file}.json`, { force: true });
}

export interface DownloadInfo {
  downloadId: string;
  name: string;
  /** Browser mode: the URL path to fetch it from (add the session token). */
  urlPath: string;
  /** Desktop and CLI: where the file is on disk. */
  path: string;
}

const downloads = new Map<string, { path: string; name: string; type: string }>();

/** Makes a generated file available at /files/download/<id> for this run of the server. */
export function registerDownload(file: string, name: string, type = 'application/octet-stream'): DownloadInfo {
  const downloadId = newId();
  downloads.set(downloadId, { path: file, name: safeFileName(name), type });
  return { downloadId, name: safeFileName(name), urlPath: `/files/download/${downloadId}`, path: file };
}

export function lookupDownload(downloadId: string) {
  return downloads.get(downloadId) ?? null;
}

/** A fresh folder for generated files (reports, extracts) beside the database. */
export async function exportsDir(ctx: ServiceContext): Promise<string> {
  const dir = path.join(ctx.paths.tempDir, 'exports', newId());
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}
