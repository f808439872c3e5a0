/**
 * Attachments through the team folder. Each is encrypted on its own, with a random 256-bit key
 * (age's passphrase recipient: a random key needs no stretching, so the lowest work factor), and
 * the key travels inside the change file that first refers to it — encrypted to the members. A
 * member who joins later gets the keys in a snapshot, so the (possibly large) attachment files
 * never need re-encrypting when the team changes.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { decryptFrom, encryptTo } from '../bundle/ageStream';
import { hasBlob, putBlob, readBlob } from '../core/attachmentStore';
import { DIRS, EXT, relOf, writeAtomic, type FolderIo } from './folder';
import { TeamFileError, type BlobItem } from './fileFormat';

const WORK_FACTOR = 10;

/** Encrypts a stored attachment into the folder; returns what a change file says about it. */
export async function uploadBlob(io: FolderIo, root: string, installationId: string, attachmentsDir: string, sha256: string, size: number): Promise<BlobItem> {
  const key = randomBytes(32).toString('base64url');
  const file = relOf(DIRS.blobs, installationId, `${randomBytes(16).toString('hex')}${EXT.blob}`);
  await writeAtomic(io, root, file, (fh) => encryptTo(readBlob(attachmentsDir, sha256), fh, { passphrase: key }, WORK_FACTOR));
  return { k: 'blob', sha256, file, key, size };
}

/** Brings an attachment from the folder into the store (checked against its hash); no-op if it is here. */
export async function fetchBlob(root: string, attachmentsDir: string, item: BlobItem): Promise<boolean> {
  if (hasBlob(attachmentsDir, item.sha256)) return false;
  try {
    const plain = await decryptFrom(path.join(root, ...item.file.split('/')), { passphrase: item.key });
    await putBlob(attachmentsDir, Readable.from(plain), item.sha256);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TeamFileError('attachment-missing', code === 'ENOENT' ? `an attachment it brings (${item.file}) has not arrived in the folder yet` : `an attachment it brings (${item.file}) could not be read yet`);
  }
}
