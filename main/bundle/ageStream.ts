/**
 * Streaming age (https://age-encryption.org/v1) over files, memory flat at any size.
 *
 * The header (recipient stanzas, scrypt, header MAC) is made and opened by age-encryption; the
 * payload — the bulk of every bundle — is the age STREAM construction done with node:crypto's
 * native ChaCha20-Poly1305, several times faster than the pure-JS cipher:
 *   payload key = HKDF-SHA-256(file key, salt = 16-byte nonce, info "payload")
 *   64 KiB plaintext chunks, each sealed with nonce = 11-byte big-endian counter ‖ last-chunk flag.
 * Interoperates both ways with the `age` command line (tested).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fsp, { type FileHandle } from 'node:fs/promises';
import type { Recipient, Stanza } from 'age-encryption';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const age = () => import('age-encryption');

const CHUNK = 64 * 1024;
const TAG = 16;
const MAX_HEADER = 1024 * 1024;

export type AgeKeys = { recipients: string[]; passphrase?: undefined } | { passphrase: string; recipients?: undefined };
export type DecryptKeys = { identities: string[] } | { passphrase: string };

const payloadKey = (fileKey: Uint8Array, nonce: Buffer) => Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

function seal(key: Buffer, counter: number, last: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function open(key: Buffer, counter: number, last: boolean, sealed: Buffer): Buffer {
  const d = createDecipheriv('chacha20-poly1305', key, chunkNonce(counter, last), { authTagLength: TAG });
  d.setAuthTag(sealed.subarray(sealed.length - TAG));
  const out = d.update(sealed.subarray(0, sealed.length - TAG));
  d.final(); // throws if this chunk was altered, reordered, or is not where it claims to be
  return out;
}

async function writeFully(fh: FileHandle, b: Buffer): Promise<void> {
  let off = 0;
  while (off < b.length) off += (await fh.write(b, off, b.length - off)).bytesWritten;
}

/** An age header for these keys, and the file key it wraps. */
async function makeHeader(keys: AgeKeys, scryptLogN?: number): Promise<{ header: Buffer; fileKey: Uint8Array }> {
  const { Decrypter, Encrypter } = await age();
  const e = new Encrypter();
  let captured: Uint8Array | null = null;
  if (keys.passphrase !== undefined) {
    e.setPassphrase(keys.passphrase);
    if (scryptLogN) e.setScryptWorkFactor(scryptLogN);
  } else {
    for (const r of keys.recipients) e.addRecipient(r);
    // Sees the file key as the header is made and adds no stanza of its own.
    const spy: Recipient = { wrapFileKey: (k: Uint8Array): Stanza[] => ((captured = k), []) };
    e.addRecipient(spy);
  }
  // An empty file is header ‖ 16-byte nonce ‖ one empty final chunk (16-byte tag).
  const empty = Buffer.from(await e.encrypt(new Uint8Array(0)));
  const header = empty.subarray(0, empty.length - 32);
  if (!captured) {
    const d = new Decrypter();
    d.addPassphrase(keys.passphrase!);
    captured = await d.decryptHeader(header);
  }
  return { header, fileKey: captured };
}

/** Encrypts a byte stream into the open file handle. */
export async function encryptTo(plain: AsyncIterable<Uint8Array>, out: FileHandle, keys: AgeKeys, scryptLogN?: number): Promise<void> {
  const { header, fileKey } = await makeHeader(keys, scryptLogN);
  const nonce = randomBytes(16);
  const key = payloadKey(fileKey, nonce);
  await writeFully(out, Buffer.concat([header, nonce]));
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let counter = 0;
  // A full chunk is held back until more data arrives: only then do we know it is not the last.
  let held: Buffer | null = null;
  for await (const piece of plain) {
    pending.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    pendingLen += piece.byteLength;
    if (pendingLen <= CHUNK) continue;
    // Join once, then cut every whole chunk that is certainly not the last.
    const all = Buffer.concat(pending);
    let off = 0;
    const sealed: Buffer[] = [];
    while (all.length - off > CHUNK) {
      if (held) sealed.push(seal(key, counter++, false, held));
      held = all.subarray(off, off + CHUNK);
      off += CHUNK;
    }
    if (sealed.length) await writeFully(out, Buffer.concat(sealed));
    pending = [all.subarray(off)];
    pendingLen = all.length - off;
  }
  const rest = Buffer.concat(pending);
  if (held && rest.length > 0) {
    await writeFully(out, seal(key, counter++, false, held));
    held = null;
  }
  await writeFully(out, seal(key, counter, true, held ?? rest));
}

/** Reads and unwraps the header (wrong key or passphrase fails here), then streams the plaintext. */
export async function decryptFrom(file: string, keys: DecryptKeys): Promise<AsyncIterable<Buffer>> {
  const fh = await fsp.open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER));
    await fh.read(head, 0, head.length, 0);
    const macAt = head.indexOf('\n--- ');
    const end = macAt < 0 ? -1 : head.indexOf('\n', macAt + 1);
    if (!head.subarray(0, 22).equals(Buffer.from('age-encryption.org/v1\n')) || end < 0) throw new Error('invalid header');
    const headerLen = end + 1;
    const { Decrypter } = await age();
    const d = new Decrypter();
    if ('passphrase' in keys) d.addPassphrase(keys.passphrase);
    else for (const i of keys.identities) d.addIdentity(i);
    const fileKey = await d.decryptHeader(head.subarray(0, headerLen));
    if (size < headerLen + 16 + TAG) throw new Error('ciphertext is too small: the file is truncated');
    const nonce = Buffer.alloc(16);
    await fh.read(nonce, 0, 16, headerLen);
    const key = payloadKey(fileKey, nonce);
    const start = headerLen + 16;
    const chunks = Math.ceil((size - start) / (CHUNK + TAG));
    const lastLen = size - start - (chunks - 1) * (CHUNK + TAG);
    if (lastLen < TAG) throw new Error('ciphertext size is invalid: the file is truncated');
    // Read 16 chunks (about 1 MiB) per system call; decrypt and hand on one batch at a time.
    const BATCH = 16;
    return (async function* () {
      try {
        for (let first = 0; first < chunks; first += BATCH) {
          const count = Math.min(BATCH, chunks - first);
          const includesLast = first + count === chunks;
          const len = (count - (includesLast ? 1 : 0)) * (CHUNK + TAG) + (includesLast ? lastLen : 0);
          const buf = Buffer.allocUnsafe(len);
          const { bytesRead } = await fh.read(buf, 0, len, start + first * (CHUNK + TAG));
          if (bytesRead !== len) throw new Error('ciphertext is truncated');
          const out: Buffer[] = [];
          for (let j = 0; j < count; j++) {
            const i = first + j;
            const last = i === chunks - 1;
            const plain = open(key, i, last, buf.subarray(j * (CHUNK + TAG), last ? len : (j + 1) * (CHUNK + TAG)));
            if (last && plain.length === 0 && i > 0) throw new Error('final chunk is empty');
            out.push(plain);
          }
          const joined = Buffer.concat(out);
          if (joined.length) yield joined;
        }
      } finally {
        await fh.close();
      }
    })();
  } catch (e) {
    await fh.close();
    throw e;
  }
}
