/**
 * Opens a bundle in stages, refusing at the first thing that is wrong, with a specific message:
 *  1. the detached .minisig: present, well-formed, and (for a known partner) valid for the file;
 *  2. age decryption, streamed (wrong key / passphrase is refused before any byte is read);
 *  3. the archive, read as a stream: names checked against the signed manifest (never used as
 *     paths), no duplicates, only plain files, sizes and counts within limits, every member's
 *     size and SHA-256 checked against the manifest as it arrives;
 *  4. the manifest's own signature, by the same key that signed the file;
 *  5. addressed to us (our recipient, or a passphrase bundle opened with a passphrase).
 * Attachments are staged in a private temp folder; small members are kept in memory.
 * On any failure the staging folder is removed.
 */
import { createHash, verify } from 'node:crypto';
import type fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import sjson from 'secure-json-parse';
import tar from 'tar-stream';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { decryptFrom, type DecryptKeys } from './ageStream';
import { jsonDepth, LIMITS, Manifest } from './format';
import { decodePublicKey, ed25519PublicKey, parseSignature, verifyFile } from './minisign';
import { fingerprintOfKey } from './identity';

export interface KnownSigner {
  name: string;
  fingerprint: string;
  minisignPublicKey: string;
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
}

export interface OpenedBundle {
  manifest: Manifest;
  signer: KnownSigner | null;
  /** Parsed JSON of records/, extra/ members, keyed by member name. */
  json: Map<string, unknown>;
  /** Staged attachment files by hash. */
  attachments: Map<string, string>;
  cleanup(): Promise<void>;
}

const bad = (message: string) => new AppError('BAD_FILE', message);

export function parseJson(text: string, what: string): unknown {
  if (jsonDepth(text) > LIMITS.jsonDepth) throw bad(`${what} is nested more than ${LIMITS.jsonDepth} levels deep; refused.`);
  try {
    return sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (e) {
    const msg = (e as Error).message;
    if (/prototype|__proto__|constructor/i.test(msg)) throw bad(`${what} contains a "__proto__" or "constructor.prototype" key (an attempt to tamper with the program); refused.`);
    throw bad(`${what} is not valid JSON.`);
  }
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

  const staging = path.join(o.stagingRoot, `import-${newId()}`);
  await fsp.mkdir(staging, { recursive: true, mode: 0o700 });
  const cleanup = () => fsp.rm(staging, { recursive: true, force: true });
  try {
    const state = await readArchive(plain, staging);
    const { manifest } = state;
    // Stage 4: the manifest's signature and the file's signature are by the same key.
    const { keyId, raw } = decodePublicKey(manifest.sender.minisignPublicKey);
    if (fingerprintOfKey(raw) !== manifest.sender.fingerprint) throw bad('The manifest\'s sender fingerprint does not match the sender\'s key.');
    if (!keyId.equals(sig.keyId)) throw bad('The bundle file was signed by someone other than its sender (the signature is not from the key inside the bundle): it may have been re-encrypted or re-signed by someone else.');
    if (signer && signer.minisignPublicKey !== manifest.sender.minisignPublicKey) throw bad(`The bundle claims a sender key that is not the one we hold for ${signer.name}.`);
    if (!signer && !(await verifyFile(o.file, sig, manifest.sender.minisignPublicKey))) {
      throw bad('The bundle does not match its signature: it was altered, damaged or re-encrypted after it was signed.');
    }
    // Stage 5: addressed to us.
    if ('passphrase' in o.keys) {
      if (!manifest.passphrase) throw bad('The bundle was not made for a passphrase, yet a passphrase opened it: it was re-encrypted by someone else.');
    } else if (!manifest.recipients.some((r) => o.ourRecipients.includes(r.ageRecipient))) {
      throw bad('The bundle is not addressed to us (our key is not among its recipients): it was re-encrypted by someone else.');
    }
    return { manifest, signer, json: state.json, attachments: state.attachments, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

interface ArchiveState {
  manifest: Manifest;
  json: Map<string, unknown>;
  attachments: Map<string, string>;
}

async function readArchive(plain: AsyncIterable<unknown>, staging: string): Promise<ArchiveState> {
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
  let manifestText = '';
  let index = 0;
  let total = 0;
  const seen = new Set<string>();
  const json = new Map<string, unknown>();
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
        for (const m of manifest.members) {
          if (expected.has(m.name)) throw bad(`The manifest lists "${m.name}" twice; refused.`);
          expected.set(m.name, m);
        }
        continue;
      }
      const want = expected.get(name);
      if (!want) throw bad(`The archive contains "${name}", which its signed manifest does not list; refused.`);
      if (want.size !== size) throw bad(`"${name}" is ${size} bytes but the manifest says ${want.size}; refused.`);
      if (name.startsWith('attachments/')) {
        const staged = path.join(staging, want.sha256);
        await streamToFile(entry, staged, want.sha256, name);
        attachments.set(want.sha256, staged);
      } else {
        if (size > LIMITS.jsonMemberBytes) throw bad(`"${name}" is larger than we accept; refused.`);
        const body = await readAll(entry, size);
        const got = createHash('sha256').update(body).digest('hex');
        if (got !== want.sha256) throw bad(`"${name}" does not match the hash in the signed manifest: it was altered; refused.`);
        if (name.endsWith('.json')) json.set(name, parseJson(body.toString('utf8'), `"${name}"`));
      }
    }
    await feeding;
  } catch (e) {
    extract.destroy();
    await feeding.catch(() => undefined);
    throw translate(e);
  }
  if (!manifest) throw bad(manifestText ? 'The manifest is not signed (no manifest.sig); refused.' : 'The archive is empty or truncated: there is no manifest.');
  const missing = manifest.members.filter((m) => !seen.has(m.name));
  if (missing.length) throw bad(`The bundle is incomplete: ${missing.length} member(s) listed in the manifest are missing (e.g. "${missing[0]!.name}"); refused.`);
  return { manifest, json, attachments };
}

function translate(e: unknown): unknown {
  if (e instanceof AppError) return e;
  const msg = (e as Error)?.message ?? String(e);
  if (/final chunk|ciphertext|decrypt|authenticate|tag|STREAM|invalid/i.test(msg) && !/tar|header/i.test(msg)) return bad('The bundle is truncated or has been tampered with (its encrypted content does not authenticate).');
  if (/Unexpected end|premature|truncat/i.test(msg)) return bad('The bundle is truncated: it ends before the archive is complete.');
  return bad(`The bundle's archive is damaged: ${msg}.`);
}

function checkName(name: string): void {
  if (name.length > LIMITS.nameLength) throw bad('An archive member has an over-long name; refused.');
  if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name) || name.startsWith('\\')) throw bad(`The archive member "${name}" has an absolute path; refused.`);
  if (name.split(/[\\/]/).some((p) => p === '..')) throw bad(`The archive member "${name}" tries to climb out of the archive ("../"); refused.`);
  if (/[\u0000-\u001f]/.test(name)) throw bad('An archive member name contains control characters; refused.');
}

function checkManifest(text: string, sigB64: string): Manifest {
  const raw = parseJson(text, 'The manifest');
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw bad(`The manifest is not valid (${issue.path.join('.') || 'top level'}: ${issue.message}); refused.`);
  }
  const sig = Buffer.from(sigB64, 'base64');
  let key;
  try {
    key = ed25519PublicKey(decodePublicKey(parsed.data.sender.minisignPublicKey).raw);
  } catch {
    throw bad('The manifest names a sender key that is not a valid public key; refused.');
  }
  if (sig.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), key, sig)) {
    throw bad('The manifest\'s signature is not valid: the manifest was altered or signed by someone else; refused.');
  }
  return parsed.data;
}

async function readAll(entry: AsyncIterable<unknown>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of entry) {
    const b = c as Buffer;
    n += b.length;
    if (n > max) throw bad('An archive member is larger than its header says; refused.');
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

async function streamToFile(entry: AsyncIterable<unknown>, file: string, sha256: string, name: string): Promise<void> {
  const hash = createHash('sha256');
  const fh = await fsp.open(file, 'wx', 0o600);
  try {
    for await (const c of entry) {
      const b = c as Buffer;
      hash.update(b);
      let off = 0;
      while (off < b.length) off += (await fh.write(b, off, b.length - off)).bytesWritten;
    }
  } finally {
    await fh.close();
  }
  if (hash.digest('hex') !== sha256) throw bad(`"${name}" does not match its hash: it was altered; refused.`);
}
