/**
 * The files of a backup and how they are checked, shared by `tpw backup` and `tpw restore`:
 *   <name>.db               a consistent copy of the database (VACUUM INTO), integrity-checked
 *   <name>-attachments/     every attachment the database refers to, each checked against its hash
 *   <name>-identity.age     optionally, this installation's keys, encrypted with a passphrase (age)
 * Only the store's own layout is copied (<two hex digits>/<sha256>), so a half-written file in
 * the store's tmp/ folder never is — and no folder name on the way to the store matters.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { decryptFrom, encryptTo } from '../bundle/ageStream';
import { createPrivateFile, privateDir } from '../db/housekeeping';
import { MIGRATIONS } from '../db/migrations';
import { schemaVersionOf } from '../db/migrate';
import { nativeBindingFor } from '../db/native';
import { ownershipOf } from '../db/ownership';
import { companionPaths } from '../db/paths';

export interface BackupFiles {
  db: string;
  attachmentsDir: string;
  identity: string;
}

export function backupFiles(dbFile: string): BackupFiles {
  const base = dbFile.replace(/\.(db|sqlite3?)$/i, '');
  return { db: dbFile, attachmentsDir: companionPaths(dbFile).attachmentsDir, identity: `${base}-identity.age` };
}

const HASH = /^[0-9a-f]{64}$/;

/** The blobs in a store, by the store's own layout only. */
export function listBlobs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const prefix of fs.readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    for (const name of fs.readdirSync(path.join(dir, prefix))) if (HASH.test(name) && name.startsWith(prefix)) out.push(name);
  }
  return out.sort();
}

const blobIn = (dir: string, sha: string) => path.join(dir, sha.slice(0, 2), sha);

/** Copies one blob, checking its hash on the way; false (and no file) if the source is damaged. */
export async function copyBlob(fromDir: string, toDir: string, sha: string): Promise<boolean> {
  const target = blobIn(toDir, sha);
  privateDir(path.dirname(target));
  const hash = createHash('sha256');
  const out = await fsp.open(target, 'wx', 0o600);
  try {
    for await (const chunk of fs.createReadStream(blobIn(fromDir, sha), { highWaterMark: 1 << 20 })) {
      hash.update(chunk as Buffer);
      const b = chunk as Buffer;
      let off = 0;
      while (off < b.length) off += (await out.write(b, off, b.length - off)).bytesWritten;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  if (hash.digest('hex') === sha) return true;
  await fsp.rm(target, { force: true });
  return false;
}

export async function blobIsIntact(dir: string, sha: string): Promise<boolean> {
  const file = blobIn(dir, sha);
  if (!fs.existsSync(file)) return false;
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex') === sha;
}

export interface CheckedCopy {
  schemaVersion: number;
  /** Attachment hashes the database refers to. */
  referenced: string[];
}

/** A database copy opened read-only: ours, intact, and not from a newer version. */
export function checkDatabaseCopy(file: string, what: string): CheckedCopy {
  if (!fs.existsSync(file)) throw new AppError('BAD_FILE', `${what} ${file} does not exist.`);
  ownershipOf(file);
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingFor() });
  } catch (e) {
    throw new AppError('BAD_FILE', `${what} ${file} cannot be opened (SQLite says: ${(e as Error).message}).`);
  }
  try {
    const integrity = (db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') throw new AppError('BAD_FILE', `${what} ${file} is damaged (SQLite's integrity check says: ${integrity.slice(0, 3).join('; ')}).`);
    const schemaVersion = schemaVersionOf(db);
    if (schemaVersion > MIGRATIONS.length) throw new AppError('DB_TOO_NEW', `${what} ${file} was made by a newer version of the workbench (schema ${schemaVersion}); install that version to use it.`);
    const hasAttachments = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'evidence_attachments'").get() !== undefined;
    const referenced = hasAttachments ? (db.prepare('SELECT DISTINCT sha256 FROM evidence_attachments').all() as { sha256: string }[]).map((r) => r.sha256).filter((s) => HASH.test(s)) : [];
    return { schemaVersion, referenced };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!(e instanceof AppError) && typeof code === 'string' && code.startsWith('SQLITE_')) throw new AppError('BAD_FILE', `${what} ${file} is damaged (SQLite says: ${(e as Error).message}).`);
    throw e;
  } finally {
    db.close();
  }
}

/** Encrypts a small text with a passphrase (age, scrypt at age's full work factor) into a new 0600 file. */
export async function writeEncrypted(file: string, text: string, passphrase: string): Promise<void> {
  createPrivateFile(file);
  const fh = await fsp.open(file, 'w');
  try {
    await encryptTo((async function* () { yield Buffer.from(text); })(), fh, { passphrase });
    await fh.sync();
  } catch (e) {
    await fh.close();
    await fsp.rm(file, { force: true });
    throw e;
  }
  await fh.close();
}

export async function readEncrypted(file: string, passphrase: string, what: string): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const c of await decryptFrom(file, { passphrase })) chunks.push(c);
  } catch (e) {
    if (/no identity matched/.test((e as Error).message)) throw new AppError('BAD_FILE', `The passphrase does not open ${what} (or it is damaged).`);
    throw new AppError('BAD_FILE', `${what} is damaged: ${(e as Error).message}.`);
  }
  return Buffer.concat(chunks).toString('utf8');
}
