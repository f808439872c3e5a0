/**
 * Redaction of a bundle at export: every name or identifier the user gave is replaced by its label
 * in each record, its history and the append-only rows — and so in the summary and CSV extracts,
 * which are written from them. Ids, revisions, hashes, dates and the sensitivity and marking are
 * left alone (the receiver's merge needs them; none of them can hold a name).
 *
 * A file cannot be redacted inside (a PDF or Word document would no longer be what was attached),
 * so a bundle whose attachments mention a redacted name is refused, naming the file.
 */
import fsp from 'node:fs/promises';
import type { Redactor } from '../../shared/calc/redaction';
import { AppError } from '../../shared/errors';
import { blobPath } from '../core/attachmentStore';
import type { ServiceContext } from '../core/context';
import { textsOfBlobs } from '../evidence/queries';
import { isHashColumn } from '../bundle/records';
import type { Collected } from './collect';

const KEEP = new Set(['id', 'rev', 'parentRev', 'op', 'at', 'createdAt', 'updatedAt', 'deletedAt', 'sensitivity', 'marking', 'kind', 'startOffset']);
/** Keys whose values are structure, not words: ids (…Id, …Ids), hashes and bookkeeping. */
const keep = (key: string) => KEEP.has(key) || /Ids?$/.test(key) || isHashColumn(key);

export function redactCollected(collected: Collected, r: Redactor): Collected {
  if (!r.active) return collected;
  const records = new Map([...collected.records].map(([table, list]) => [table, list.map((rec) => ({ row: r.value(rec.row, keep), history: r.value(rec.history, keep) }))] as const));
  const extra = new Map([...collected.extra].map(([table, rows]) => [table, r.value(rows, keep)] as const));
  return { ...collected, records, extra };
}

/** Refuses when an attachment going in the bundle mentions a redacted name, in its text or its bytes. */
export async function assertAttachmentsRedactable(ctx: ServiceContext, collected: Collected, r: Redactor): Promise<void> {
  if (!r.active || collected.attachments.size === 0) return;
  const hashes = [...collected.attachments];
  const texts = await textsOfBlobs(ctx, hashes);
  const hits: string[] = [];
  for (const h of hashes) {
    const text = texts.get(h);
    let found = text !== undefined && r.finds(text);
    if (!found) {
      const stat = await fsp.stat(blobPath(ctx.paths.attachmentsDir, h)).catch(() => null);
      // Plain-text bytes of a modest file are checked too (a file whose text has not been read yet).
      if (stat && stat.size <= 64 * 1024 * 1024) found = r.finds((await fsp.readFile(blobPath(ctx.paths.attachmentsDir, h))).toString('utf8'));
    }
    if (found) hits.push(collected.attachmentLabels.get(h) ?? `Attachment ${h.slice(0, 12)}…`);
  }
  if (hits.length) {
    throw new AppError(
      'REFUSED',
      `A name to redact appears inside ${hits.length === 1 ? 'a file' : `${hits.length} files`} the bundle would carry (${hits.slice(0, 3).join('; ')}${hits.length > 3 ? '; …' : ''}), and a file cannot be redacted inside. Pseudonymise the name in that item first, or leave it out of the bundle; nothing was written.`,
    );
  }
}
