/**
 * Opens a bundle in stages, refusing at the first thing that is wrong, with a specific message:
 *  1. the detached .minisig: present, well-formed, and (for a known partner) valid for the file;
 *  2. age decryption, streamed (wrong key / passphrase is refused before any byte is read);
 *  3. the manifest (the archive's first two members): its signature, the version it needs, that
 *     its sender key is the one that signed the file, that it is addressed to us — and then the
 *     caller's decision on the sender (`admit`): an unknown sender is refused here, before any
 *     record is read, whatever the bundle's size;
 *  4. the rest of the archive, as a stream: names checked against the signed manifest (never used
 *     as paths), no duplicates, only plain files, sizes and counts within limits, every member's
 *     size and SHA-256 checked against the manifest; records read ONE AT A TIME (jsonArray.ts),
 *     each checked by the exchange record layer (records.ts) and staged on disk (staging.ts), so
 *     memory is bounded by the largest record, never by the bundle.
 * Attachments are staged in the same private temp folder. On any failure it is removed.
 */
import { createHash, verify, type Hash } from 'node:crypto';
import type fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const tarStream = () => import('tar-stream');
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { decryptFrom, type DecryptKeys } from './ageStream';
import { keysFingerprint, signingKeyFingerprint } from './cards';
import { jsonDepth, LIMITS, parseManifest, type Manifest } from './format';
import { jsonArrayElements, parseJsonText } from './jsonArray';
import { decodePublicKey, ed25519PublicKey, parseSignature, verifyFile } from './minisign';
import { appendOnlyTableFor, checkExtraRow, checkRecord, newReadContext, recordTableFor, type ReadContext } from './records';
import { Staging } from './staging';

export interface KnownSigner {
  name: string;
  fingerprint: string;
  minisignPublicKey: string;
  /** The age recipient we hold for them (a bundle naming another one means their keys changed). */
  ageRecipient: string;
  verified: boolean;
}

export interface OpenOptions {
  file: string;
  signatureFile: string;
  keys: DecryptKeys;
  /** Recipients we can decrypt as (the one used must be among the manifest's recipients). */
  ourRecipients: string[];
  /** Finds a partner by minisign key id (hex). */
  lookupSigner(keyIdHex: string): KnownSigner | null;
  stagingRoot: string;
  /**
   * Called once the manifest is verified, before anything else in the archive is read: throws to
   * refuse the bundle (an unknown sender, our own bundle).
   */
  admit?(manifest: Manifest, signer: KnownSigner | null): void | Promise<void>;
}

export interface OpenedBundle {
  manifest: Manifest;
  signer: KnownSigner | null;
  /** The checked records and append-only rows, staged on disk. */
  staging: Staging;
  /** What reading set aside (fields from a newer format). */
  read: ReadContext;
  /** Staged attachment files by hash. */
  attachments: Map<string, string>;
  cleanup(): Promise<void>;
}

const bad = (message: string) => new AppError('BAD_FILE', message);

/** Small JSON (manifest, contact card) parsed whole, after a depth check. */
export function parseJson(text: string, what: string): unknown {
  if (jsonDepth(text) > LIMITS.jsonDepth) throw bad(`${what} is nested more than ${LIMITS.jsonDepth} levels deep; refused.`);
  return parseJsonText(text, what);
}

async function readSmall(file: string, max: number, what: string): Promise<string> {
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(file);
  } catch {
    throw bad(`${what} was not found (${file}).`);
  }
  if (!stat.isFile()) throw bad(`${what} is not a file.`);
  if (stat.size > max) throw bad(`${what} is too large to be what it claims.`);
  return fsp.readFile(file, 'utf8');
}

/** A passphrase bundle has a single scrypt stanza in its header; say so instead of "no key". */
async function headerKind(file: string): Promise<'scrypt' | 'keys' | 'not-age'> {
  const fh = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead).toString('latin1');
    if (!head.startsWith('age-encryption.org/v1\n')) return 'not-age';
    return /\n-> scrypt /.test(head) ? 'scrypt' : 'keys';
  } finally {
    await fh.close();
  }
}

/** A staging folder names its process, so one left by a killed import can be recognised and removed. */
export const stagingFolderName = () => `import-${process.pid}-${newId()}`;

export async function openBundle(o: OpenOptions): Promise<OpenedBundle> {
  // Stage 1: the detached signature.
  const sigText = await readSmall(o.signatureFile, 4096, `The bundle's signature file (${path.basename(o.signatureFile)}); without it the bundle cannot be checked — ask the sender for both files. It`);
  const sig = parseSignature(sigText);
  const keyIdHex = sig.keyId.toString('hex').toUpperCase();
  const signer = o.lookupSigner(keyIdHex);
  if (signer && !(await verifyFile(o.file, sig, signer.minisignPublicKey))) {
    throw bad(`The bundle does not match its signature from ${signer.name}: it was altered, damaged or re-encrypted after it was signed.`);
  }

  // Stage 2: decryption.
  const kind = await headerKind(o.file).catch(() => 'not-age' as const);
  if (kind === 'not-age') throw bad('This is not an age-encrypted bundle (the file does not start with the age header).');
  if (kind === 'scrypt' && !('passphrase' in o.keys)) throw bad('This bundle is protected by a passphrase; give the passphrase to open it.');
  if (kind === 'keys' && 'passphrase' in o.keys) throw bad('This bundle is encrypted to partners\' keys, not a passphrase; open it with your identity.');
  let plain;
  try {
    plain = await decryptFrom(o.file, o.keys);
  } catch (e) {
    const msg = (e as Error).message;
    if (/no identity matched/.test(msg)) {
      throw bad('passphrase' in o.keys ? 'The passphrase is wrong (or the bundle is damaged).' : 'This bundle is not encrypted for us: none of our keys opens it.');
    }
    if (/HMAC/i.test(msg)) throw bad('The bundle\'s encryption header has been tampered with.');
    throw bad(`The bundle could not be decrypted: ${msg}.`);
  }

  const dir = path.join(o.stagingRoot, stagingFolderName());
  let staging: Staging | null = null;
  const cleanup = async () => {
    staging?.close();
    await fsp.rm(dir, { recursive: true, force: true });
  };
  try {
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    staging = new Staging(dir);
    // Stage 3, run as soon as the manifest has been read.
    const checkManifestFor = async (manifest: Manifest) => {
      const { keyId, raw } = decodePublicKey(manifest.sender.minisignPublicKey);
      const expected = manifest.formatVersion === 1 ? signingKeyFingerprint(raw) : keysFingerprint(manifest.sender.ageRecipient, manifest.sender.minisignPublicKey);
      if (expected !== manifest.sender.fingerprint) throw bad('The manifest\'s sender fingerprint does not match the sender\'s keys.');
      if (!keyId.equals(sig.keyId)) throw bad('The bundle file was signed by someone other than its sender (the signature is not from the key inside the bundle): it may have been re-encrypted or re-signed by someone else.');
      if (signer && signer.minisignPublicKey !== manifest.sender.minisignPublicKey) throw bad(`The bundle claims a sender key that is not the one we hold for ${signer.name}.`);
      if ('passphrase' in o.keys) {
        if (!manifest.passphrase) throw bad('The bundle was not made for a passphrase, yet a passphrase opened it: it was re-encrypted by someone else.');
      } else if (!manifest.recipients.some((r) => o.ourRecipients.includes(r.ageRecipient))) {
        throw bad('The bundle is not addressed to us (our key is not among its recipients): it was re-encrypted by someone else.');
      }
      await o.admit?.(manifest, signer);
      // An accepted unknown sender: the whole file is checked against the key in the manifest
      // before any record is read (a known partner's was checked in stage 1).
      if (!signer && !(await verifyFile(o.file, sig, manifest.sender.minisignPublicKey))) {
        throw bad('The bundle does not match its signature: it was altered, damaged or re-encrypted after it was signed.');
      }
    };
    const state = await readArchive(plain, dir, staging, checkManifestFor);
    return { manifest: state.manifest, signer, staging, read: state.read, attachments: state.attachments, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** What the manifest check (and the caller's `admit`) threw: passed on as it is, never re-worded. */
class FromCaller {
  constructor(readonly error: unknown) {}
}

interface ArchiveState {
  manifest: Manifest;
  read: ReadContext;
  attachments: Map<string, string>;
}

async function readArchive(plain: AsyncIterable<unknown>, dir: string, staging: Staging, onManifest: (m: Manifest) => Promise<void>): Promise<ArchiveState> {
  const tar = (await tarStream()).default;
  const extract = tar.extract({});
  // Fed by hand (tar-stream's streams are streamx, not node streams), honouring backpressure.
  let first = true;
  const feeding = (async () => {
    for await (const chunk of plain) {
      if (extract.destroyed) return;
      if (first) {
        first = false;
        const b = chunk as Buffer;
        // Our archives are never compressed, so there is nothing to inflate and no bomb to defuse:
        // refuse compressed content outright rather than guess at ratios.
        if ((b[0] === 0x1f && b[1] === 0x8b) || b.subarray(0, 3).toString('latin1') === 'BZh' || (b[0] === 0xfd && b.subarray(1, 6).toString('latin1') === '7zXZ\0')) {
          throw bad('The bundle holds a compressed archive; bundles are never compressed, so it was refused (a decompression bomb guard).');
        }
      }
      if (!extract.write(chunk as Buffer)) {
        await new Promise<void>((res) => {
          const done = () => {
            extract.off('drain', done);
            extract.off('close', done);
            res();
          };
          extract.on('drain', done);
          extract.on('close', done);
        });
      }
    }
    (extract as unknown as { end(): void }).end();
  })().catch((e: unknown) => {
    extract.destroy(e as Error);
    throw e;
  });
  let manifest: Manifest | null = null;
  let read: ReadContext | null = null;
  let manifestText = '';
  let index = 0;
  let total = 0;
  const seen = new Set<string>();
  const attachments = new Map<string, string>();
  const expected = new Map<string, { size: number; sha256: string }>();
  try {
    for await (const entry of extract) {
      const { name, size = 0, type } = entry.header;
      index++;
      checkName(name);
      if (seen.has(name)) throw bad(`The archive contains "${name}" twice; refused.`);
      seen.add(name);
      if (type !== 'file') throw bad(`The archive member "${name}" is a ${type ?? 'special entry'}, not a plain file; refused.`);
      if (index > LIMITS.members) throw bad(`The archive has more than ${LIMITS.members} members; refused.`);
      total += size;
      if (total > LIMITS.totalBytes) throw bad('The archive is larger than the largest bundle we accept; refused.');
      if (index === 1) {
        if (name !== 'manifest.json') throw bad('The archive does not start with its manifest; refused.');
        if (size > LIMITS.manifestBytes) throw bad(`The manifest is ${size} bytes, more than the ${LIMITS.manifestBytes} we accept; refused.`);
        manifestText = (await readAll(entry, size)).toString('utf8');
        continue;
      }
      if (index === 2) {
        if (name !== 'manifest.sig') throw bad('The manifest is not signed (no manifest.sig after it); refused.');
        const sigB64 = (await readAll(entry, Math.min(size, 200))).toString('utf8').trim();
        manifest = checkManifest(manifestText, sigB64);
        manifestText = '';
        for (const m of manifest.members) {
          if (expected.has(m.name)) throw bad(`The manifest lists "${m.name}" twice; refused.`);
          expected.set(m.name, m);
        }
        try {
          await onManifest(manifest);
        } catch (e) {
          throw new FromCaller(e);
        }
        read = newReadContext(manifest.formatVersion);
        continue;
      }
      const want = expected.get(name);
      if (!want) throw bad(`The archive contains "${name}", which its signed manifest does not list; refused.`);
      if (want.size !== size) throw bad(`"${name}" is ${size} bytes but the manifest says ${want.size}; refused.`);
      const hash = createHash('sha256');
      if (name.startsWith('attachments/')) {
        const staged = path.join(dir, want.sha256);
        await streamToFile(entry, staged, hash, size);
        attachments.set(want.sha256, staged);
      } else if (name.startsWith('records/') || name.startsWith('extra/')) {
        await stageMember(name, tap(entry, hash, size), staging, read!);
      } else {
        for await (const chunk of tap(entry, hash, size)) void chunk;
      }
      if (hash.digest('hex') !== want.sha256) throw bad(`"${name}" does not match ${name.startsWith('attachments/') ? 'its hash' : 'the hash in the signed manifest'}: it was altered; refused.`);
    }
    await feeding;
  } catch (e) {
    extract.destroy();
    await feeding.catch(() => undefined);
    throw e instanceof FromCaller ? e.error : translate(e);
  }
  if (!manifest || !read) throw bad(manifestText ? 'The manifest is not signed (no manifest.sig); refused.' : 'The archive is empty or truncated: there is no manifest.');
  const missing = manifest.members.filter((m) => !seen.has(m.name));
  if (missing.length) throw bad(`The bundle is incomplete: ${missing.length} member(s) listed in the manifest are missing (e.g. "${missing[0]!.name}"); refused.`);
  staging.sealed();
  return { manifest, read, attachments };
}

/** Reads a records/ or extra/ member one item at a time, checking and staging each. */
async function stageMember(name: string, body: AsyncIterable<Buffer>, staging: Staging, read: ReadContext): Promise<void> {
  const [dirName, file] = name.split('/') as [string, string];
  const table = file.replace(/\.json$/, '');
  const limits = { elementBytes: LIMITS.recordBytes, elements: LIMITS.recordsPerMember, depth: LIMITS.jsonDepth };
  let i = 0;
  if (dirName === 'records') {
    const spec = recordTableFor(table);
    for await (const item of jsonArrayElements(body, name, limits)) {
      i++;
      staging.addRecord(checkRecord(spec, item, i, read), `"${name}"`);
    }
  } else {
    const spec = appendOnlyTableFor(table);
    for await (const item of jsonArrayElements(body, name, limits)) staging.addExtra(table, checkExtraRow(spec, item, ++i, read));
  }
}

/** A member's bytes, hashed on the way and never more than its header said. */
async function* tap(entry: AsyncIterable<unknown>, hash: Hash | null, max: number): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const c of entry) {
    const b = c as Buffer;
    n += b.length;
    if (n > max) throw bad('An archive member is larger than its header says; refused.');
    hash?.update(b);
    yield b;
  }
}

function translate(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') {
    return new AppError('STORAGE', 'The disk is full: there is no room to unpack the bundle. Free some space and try again; nothing was imported.');
  }
  const msg = (e as Error)?.message ?? String(e);
  if (/final chunk|ciphertext|decrypt|authenticate|tag|STREAM|invalid/i.test(msg) && !/tar|header/i.test(msg)) return bad('The bundle is truncated or has been tampered with (its encrypted content does not authenticate).');
  if (/Unexpected end|premature|truncat/i.test(msg)) return bad('The bundle is truncated: it ends before the archive is complete.');
  if (typeof code === 'string' && /^(E[A-Z]+|SQLITE_)/.test(code)) return e;
  return bad(`The bundle's archive is damaged: ${msg}.`);
}

function checkName(name: string): void {
  if (name.length > LIMITS.nameLength) throw bad('An archive member has an over-long name; refused.');
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('\\')) throw bad(`The archive member "${name}" has an absolute path; refused.`);
  if (name.split(/[\\/]/).some((p) => p === '..')) throw bad(`The archive member "${name}" tries to climb out of the archive ("../"); refused.`);
  if (/[\u0000-\u001f]/.test(name)) throw bad('An archive member name contains control characters; refused.');
}

function checkManifest(text: string, sigB64: string): Manifest {
  const manifest = parseManifest(parseJson(text, 'The manifest'));
  const sig = Buffer.from(sigB64, 'base64');
  let key;
  try {
    key = ed25519PublicKey(decodePublicKey(manifest.sender.minisignPublicKey).raw);
  } catch {
    throw bad('The manifest names a sender key that is not a valid public key; refused.');
  }
  if (sig.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), key, sig)) {
    throw bad('The manifest\'s signature is not valid: the manifest was altered or signed by someone else; refused.');
  }
  return manifest;
}

async function readAll(entry: AsyncIterable<unknown>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const b of tap(entry, null, max)) chunks.push(b);
  return Buffer.concat(chunks);
}

async function streamToFile(entry: AsyncIterable<unknown>, file: string, hash: Hash, max: number): Promise<void> {
  const fh = await fsp.open(file, 'wx', 0o600);
  try {
    for await (const b of tap(entry, hash, max)) {
      let off = 0;
      while (off < b.length) off += (await fh.write(b, off, b.length - off)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
}
