/**
 * Saving a file the page links to (a generated report, an extract, a bundle, an attachment): the
 * page names only a route (/files/download/<id>, /files/blob/<sha256>), never a path; the main
 * process asks the user where to save it and copies it there. Attachments are verified against
 * their hash as they are copied.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';
import { readBlob } from '../core/attachmentStore';
import type { ServiceContext } from '../core/context';
import { lookupDownload, safeFileName } from '../core/transfers';
import { APP_ORIGIN, isFileRoute } from './security';

export interface FileToSave {
  name: string;
  open(): Readable;
}

/** The file behind a route the page gave, or null when it names nothing we serve. */
export function fileForRoute(href: string, ctx: ServiceContext): FileToSave | null {
  let url: URL;
  try {
    url = new URL(href, `${APP_ORIGIN}/`);
  } catch {
    return null;
  }
  // (A custom scheme's URL has an opaque origin, so the parts are put back together by hand.)
  if (!isFileRoute(`${url.protocol}//${url.host}${url.pathname}`)) return null;
  const blob = /^\/files\/blob\/([0-9a-f]{64})$/.exec(url.pathname);
  if (blob) {
    const sha = blob[1]!;
    return { name: safeFileName(url.searchParams.get('name') ?? sha), open: () => readBlob(ctx.paths.attachmentsDir, sha) };
  }
  const found = lookupDownload(url.pathname.slice('/files/download/'.length));
  if (!found || !fs.existsSync(found.path)) return null;
  return { name: found.name, open: () => fs.createReadStream(found.path) };
}

/** Copies `file` to `target` (chosen by the user in a save dialog); a failed copy leaves nothing behind. */
export async function saveTo(file: FileToSave, target: string): Promise<void> {
  const partial = `${target}.part-${process.pid}`;
  try {
    await pipeline(file.open(), fs.createWriteStream(partial, { flags: 'wx' }));
    await fsp.rename(partial, target);
  } catch (e) {
    await fsp.rm(partial, { force: true });
    if ((e as { code?: string }).code === 'ENOSPC') throw new AppError('STORAGE', 'The disk is full. Free some space and try again; nothing was saved.');
    throw e;
  }
}
