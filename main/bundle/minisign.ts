/**
 * minisign-compatible detached signatures, with node:crypto's Ed25519 and BLAKE2b-512, so a
 * partner's IT can check a bundle with the stock tool: `minisign -V -m <file> -P <public key>`.
 *
 * Formats (https://jedisct1.github.io/minisign/):
 *   public key  = base64("Ed" ‖ key id (8 bytes) ‖ Ed25519 public key (32 bytes))
 *   .minisig    = "untrusted comment: …\n"
 *                 base64("ED" ‖ key id ‖ Ed25519 signature over BLAKE2b-512(file)) "\n"
 *                 "trusted comment: <text>\n"
 *                 base64(Ed25519 signature over (signature ‖ trusted comment text)) "\n"
 * "ED" is the prehashed variant minisign ≥0.10 makes by default: the file is hashed as a stream,
 * so signing a multi-gigabyte bundle needs no memory.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../shared/errors';

const PREHASHED = Buffer.from('ED');
const KEY_ALG = Buffer.from('Ed');

export interface MinisignSignature {
  keyId: Buffer;
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
}

/** Raw 32-byte Ed25519 public key → node KeyObject. */
export function ed25519PublicKey(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' }) as { x?: string };
  return Buffer.from(jwk.x ?? '', 'base64url');
}

export function encodePublicKey(keyId: Buffer, raw: Buffer): string {
  return Buffer.concat([KEY_ALG, keyId, raw]).toString('base64');
}

export function decodePublicKey(text: string): { keyId: Buffer; raw: Buffer } {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== 42 || !bytes.subarray(0, 2).equals(KEY_ALG) || bytes.toString('base64') !== text.trim()) {
    throw new AppError('BAD_FILE', 'That is not a minisign public key.');
  }
  return { keyId: bytes.subarray(2, 10), raw: bytes.subarray(10) };
}

export async function blake2bOfFile(file: string): Promise<Buffer> {
  const h = createHash('blake2b512');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest();
}

export async function signFile(file: string, privateKey: KeyObject, keyId: Buffer, trustedComment: string): Promise<string> {
  if (/[\r\n]/.test(trustedComment)) throw new Error('A trusted comment is one line');
  const digest = await blake2bOfFile(file);
  const signature = sign(null, digest, privateKey);
  const globalSignature = sign(null, Buffer.concat([signature, Buffer.from(trustedComment)]), privateKey);
  return (
    `untrusted comment: signature from Total Place Workbench\n` +
    `${Buffer.concat([PREHASHED, keyId, signature]).toString('base64')}\n` +
    `trusted comment: ${trustedComment}\n` +
    `${globalSignature.toString('base64')}\n`
  );
}

/** Parses a .minisig; refuses anything that is not exactly the four-line prehashed format. */
export function parseSignature(text: string): MinisignSignature {
  const bad = (why: string) => new AppError('BAD_FILE', `The signature file is not a valid minisign signature (${why}).`);
  if (text.length > 4096) throw bad('too long');
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  if (lines.length !== 4) throw bad('expected four lines');
  const [untrusted, sigLine, trustedLine, globalLine] = lines as [string, string, string, string];
  if (!untrusted.startsWith('untrusted comment:')) throw bad('no untrusted comment');
  if (!trustedLine.startsWith('trusted comment: ')) throw bad('no trusted comment');
  const sig = Buffer.from(sigLine, 'base64');
  if (sig.length !== 74 || sig.toString('base64') !== sigLine) throw bad('signature line is damaged');
  if (!sig.subarray(0, 2).equals(PREHASHED)) throw bad('only prehashed (ED) signatures are accepted');
  const globalSignature = Buffer.from(globalLine, 'base64');
  if (globalSignature.length !== 64 || globalSignature.toString('base64') !== globalLine) throw bad('global signature line is damaged');
  return { keyId: sig.subarray(2, 10), signature: sig.subarray(10), trustedComment: trustedLine.slice('trusted comment: '.length), globalSignature };
}

/** True only when both the file signature and the trusted-comment signature hold for this key. */
export async function verifyFile(file: string, sig: MinisignSignature, publicKeyText: string): Promise<boolean> {
  const { keyId, raw } = decodePublicKey(publicKeyText);
  if (!keyId.equals(sig.keyId)) return false;
  const key = ed25519PublicKey(raw);
  const digest = await blake2bOfFile(file);
  if (!verify(null, digest, key, sig.signature)) return false;
  return verify(null, Buffer.concat([sig.signature, Buffer.from(sig.trustedComment)]), key, sig.globalSignature);
}
