/**
 * Opening an attachment in the desktop app's system viewer, without putting the evidence at risk:
 *  - the viewer gets a READ-ONLY COPY in a private temp folder, never the stored blob itself (an
 *    editor that saves in place would otherwise alter the evidence, and every item sharing it);
 *  - the copy is checked against the blob's hash as it is made: a damaged blob is reported by the
 *    item it belongs to, and nothing is opened;
 *  - a file of a type that can run code (a program, a script, a macro-enabled document …) is
 *    opened only after the person has been told what it is and confirmed.
 * Browser mode and the CLI do not open files: the UI downloads from `urlPath` (the same warning
 * is shown first).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';
import { riskOf, riskWarning } from '../../shared/fileRisk';
import { newId } from '../db/ids';
import { recordOps } from '../db/records';
import { blobPath, readBlob } from '../core/attachmentStore';
import type { ServiceContext } from '../core/context';
import { safeFileName } from '../core/transfers';
import { evidenceAttachments, evidenceItems } from './records';

const attachments = recordOps(evidenceAttachments);
const items = recordOps(evidenceItems);

export interface OpenResult {
  /** True when the system viewer was given the copy. */
  opened: boolean;
  /** The download route (browser mode). */
  urlPath: string;
  /** Set for a type that can run code: say it before opening or downloading. */
  warning: string | null;
}

export async function openAttachment(ctx: ServiceContext, input: { id: string; confirmRisky?: boolean }): Promise<OpenResult> {
  const row = await attachments.row(ctx.db, input.id);
  const item = await items.get(ctx.db, row.evidenceId, { includeDeleted: true }).catch(() => null);
  const what = `the file "${row.fileName}"${item ? ` of the evidence item "${item.title}"` : ''}`;
  const risk = riskOf(row.fileName);
  const warning = risk ? riskWarning(row.fileName, risk) : null;
  const urlPath = `/files/blob/${row.sha256}?name=${encodeURIComponent(row.fileName)}`;
  if (!ctx.platform || (warning && !input.confirmRisky)) return { opened: false, urlPath, warning };

  if (!fs.existsSync(blobPath(ctx.paths.attachmentsDir, row.sha256))) {
    throw new AppError('NOT_FOUND', `${capital(what)} is missing from the attachment store. Restore it from a backup; nothing was opened.`);
  }
  // A fresh folder per opening: a copy still open in a viewer is never overwritten.
  const dir = path.join(ctx.paths.tempDir, 'open', newId());
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const copy = path.join(dir, safeFileName(row.fileName));
  try {
    await pipeline(readBlob(ctx.paths.attachmentsDir, row.sha256), fs.createWriteStream(copy, { flags: 'wx', mode: 0o400 }));
    // Read-only for everyone (on Windows: the read-only attribute), so a viewer cannot save over it.
    await fsp.chmod(copy, 0o400);
  } catch (e) {
    await fsp.rm(dir, { recursive: true, force: true }).catch(() => undefined);
    if (e instanceof AppError && e.code === 'STORAGE') {
      throw new AppError('STORAGE', `${capital(what)} is damaged: its content no longer matches what was stored. Nothing was opened; restore the file from a backup, or remove it and attach it again.`);
    }
    throw e;
  }
  await ctx.platform.openPath(copy);
  return { opened: true, urlPath, warning };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
