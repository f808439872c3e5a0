/**
 * The team folder's file format (change files and snapshots): an age file, encrypted to the
 * members current when it was written, whose plaintext is
 *
 *   "TPWTEAM1\n"
 *   <header JSON, one line>\n          who wrote it, which sequence, what it depends on, the body's SHA-256
 *   <base64 Ed25519 signature>\n       by the writer's signing key, over "tpw-team-file-v1\n" + the header line
 *   <body: gzip of JSON lines>         one item per line: a record revision, a resolved conflict,
 *                                      a signed membership event, an append-only row, an attachment key
 *
 * Signed inside the encryption, so a teammate can pass a file on (or a snapshot can carry another
 * member's events) and the signature still holds; only a member can read who signed it. The body
 * is read as a stream and checked against the signed hash before anything in it is used, so a
 * half-copied or altered file changes nothing. Items are checked one by one against the domain's
 * rules (main/bundle/records.ts), the same as a partner's bundle.
 *
 * Versions: formatVersion 1. A reader refuses a file whose minReaderVersion is above its own, with
 * a note saying to update; it never half-reads one.
 */
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { z } from 'zod';
import { Id, Rev } from '../../shared/domain/common';
import type { TeamNoteKind } from '../../shared/domain/team';
import { decryptFrom, encryptTo } from '../bundle/ageStream';
import { Fingerprint, jsonDepth, LIMITS, Revision } from '../bundle/format';
import { parseJsonText } from '../bundle/jsonArray';
import { decodePublicKey, ed25519PublicKey } from '../bundle/minisign';
import { writeAtomic, type FolderIo } from './folder';

export const TEAM_FORMAT = 'tpw-team-file';
export const TEAM_FORMAT_VERSION = 1;
export const TEAM_READER_VERSION = 1;
const MAGIC = 'TPWTEAM1\n';
const SIGNED_PREFIX = 'tpw-team-file-v1\n';
const MAX_HEADER = 512 * 1024;
/** Decompressed body size a file may claim before it is refused (a bomb, not a pilot). */
const MAX_BODY_ITEMS = LIMITS.recordsPerMember;

export const InstallationId = z.string().regex(/^[0-9a-f]{16}$/);
const TableName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/);
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const TeamFileHeader = z.strictObject({
  format: z.literal(TEAM_FORMAT),
  formatVersion: z.number().int().min(1),
  minReaderVersion: z.number().int().min(1),
  kind: z.enum(['change', 'snapshot']),
  teamId: Id,
  installationId: InstallationId,
  seq: z.number().int().min(1).max(1e12),
  lamport: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  signer: Fingerprint,
  /** The writer's clock: shown ("last synced"), never used to order anything. */
  createdAt: z.string().max(40),
  /** What had been applied where it was written ({installation: seq}); a snapshot covers exactly this. */
  deps: z.record(InstallationId, z.number().int().min(0).max(1e12)).refine((d) => Object.keys(d).length <= 5000, 'too many installations'),
  recipients: z.array(Fingerprint).max(1000),
  body: z.strictObject({ sha256: Hex64, bytes: z.number().int().min(0), items: z.number().int().min(0).max(MAX_BODY_ITEMS) }),
});
export type TeamFileHeader = z.infer<typeof TeamFileHeader>;

const RevItem = z.strictObject({ k: z.literal('rev'), t: TableName, id: Id, r: Revision });
const CoverItem = z.strictObject({ k: z.literal('cover'), t: TableName, id: Id, covered: Rev, by: Rev, choice: z.enum(['mine', 'theirs', 'merged']) });
const EventItem = z.strictObject({ k: z.literal('event'), body: z.string().max(20_000), sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/) });
const RowItem = z.strictObject({ k: z.literal('row'), t: TableName, row: z.record(z.string().max(64), z.unknown()) });
const BlobItem = z.strictObject({
  k: z.literal('blob'),
  sha256: Hex64,
  file: z.string().regex(/^blobs\/[0-9a-f]{16}\/[0-9a-f]{32}\.tpwb$/),
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  size: z.number().int().min(0),
});
export const TeamItem = z.discriminatedUnion('k', [RevItem, CoverItem, EventItem, RowItem, BlobItem]);
export type TeamItem = z.infer<typeof TeamItem>;
export type RevItem = z.infer<typeof RevItem>;
export type CoverItem = z.infer<typeof CoverItem>;
export type EventItem = z.infer<typeof EventItem>;
export type RowItem = z.infer<typeof RowItem>;
export type BlobItem = z.infer<typeof BlobItem>;

/** Why a file could not be used; `kind` decides whether it is retried and what the person is told. */
export class TeamFileError extends Error {
  constructor(
    readonly kind: TeamNoteKind,
    message: string,
  ) {
    super(message);
    this.name = 'TeamFileError';
  }
}

const signedBytes = (headerText: string) => Buffer.from(SIGNED_PREFIX + headerText);

/** The key a member's minisign public key names, for checking their signatures. */
export function verifyingKey(minisignPublicKey: string): KeyObject {
  return ed25519PublicKey(decodePublicKey(minisignPublicKey).raw);
}

export interface WriteSpec {
  header: Omit<TeamFileHeader, 'body' | 'format' | 'formatVersion' | 'minReaderVersion'>;
  /** Age recipients of the members it is for. */
  recipients: string[];
  signingKey: KeyObject;
  /** JSON lines of the body, in order. */
  items: AsyncIterable<TeamItem> | Iterable<TeamItem>;
  /** A local folder for the compressed body while its hash is taken (never the team folder). */
  tempDir: string;
}

/**
 * Writes a team file: the body is compressed to a local temporary first (its hash goes in the
 * signed header, which comes first in the file), then header + body are encrypted into the target
 * through a hidden temporary that is renamed into place only when complete.
 */
export async function writeTeamFile(io: FolderIo, root: string, rel: string, spec: WriteSpec): Promise<{ bodySha256: string; items: number; bytes: number }> {
  await fsp.mkdir(spec.tempDir, { recursive: true });
  const bodyFile = path.join(spec.tempDir, `team-body-${process.pid}-${Math.random().toString(36).slice(2)}.gz`);
  try {
    let items = 0;
    const hash = createHash('sha256');
    let bytes = 0;
    async function* lines() {
      for await (const item of spec.items) {
        items++;
        yield `${JSON.stringify(item)}\n`;
      }
    }
    // Level 6 and no timestamp: the same items always compress to the same bytes, so a retried
    // write carries the same body hash and readers see one change file, not two.
    const gzip = zlib.createGzip({ level: 6 });
    gzip.on('data', (b: Buffer) => {
      hash.update(b);
      bytes += b.length;
    });
    await pipeline(Readable.from(lines()), gzip, fs.createWriteStream(bodyFile));
    const bodySha256 = hash.digest('hex');
    const header: TeamFileHeader = { format: TEAM_FORMAT, formatVersion: TEAM_FORMAT_VERSION, minReaderVersion: 1, ...spec.header, body: { sha256: bodySha256, bytes, items } };
    const headerText = JSON.stringify(header);
    const signature = sign(null, signedBytes(headerText), spec.signingKey).toString('base64');
    async function* plain() {
      yield Buffer.from(`${MAGIC}${headerText}\n${signature}\n`);
      for await (const chunk of fs.createReadStream(bodyFile, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
    }
    await writeAtomic(io, root, rel, (fh) => encryptTo(plain(), fh, { recipients: spec.recipients }));
    return { bodySha256, items, bytes };
  } finally {
    await fsp.rm(bodyFile, { force: true });
  }
}

/** Maps what age or the file system said to what a person is told. */
function classify(e: unknown, size: number): TeamFileError {
  if (e instanceof TeamFileError) return e;
  const msg = String((e as Error)?.message ?? e);
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && code !== 'ERR_INVALID_ARG_TYPE') return new TeamFileError('unreadable', `it could not be read from the folder (${code}); it may not be downloaded yet`);
  if (/no identity matched/.test(msg)) return new TeamFileError('not-for-us', 'it is not encrypted to this installation');
  if (size === 0) return new TeamFileError('incomplete', 'it is empty: the sync app may not have downloaded it yet');
  if (/truncated|too small|size is invalid|final chunk|invalid header|invalid version|invalid stanza/i.test(msg)) {
    return new TeamFileError('incomplete', 'it is incomplete: the sync app may still be copying it');
  }
  // A half-copied file fails the check of its last chunk exactly as a damaged one does.
  if (/authenticate|HMAC|unable to/i.test(msg)) return new TeamFileError('incomplete', 'it is incomplete or damaged (its encryption does not check out): the sync app may still be copying it');
  return new TeamFileError('damaged', `it is damaged (${msg.slice(0, 120)})`);
}

/** Reads the plaintext's first lines: magic, header, signature. The rest is handed back as a stream. */
async function splitHead(plain: AsyncIterable<Buffer>): Promise<{ headerText: string; signature: string; rest: AsyncIterable<Buffer> }> {
  const it = plain[Symbol.asyncIterator]();
  let buf = Buffer.alloc(0);
  const newlines: number[] = [];
  while (newlines.length < 3) {
    const from = buf.length;
    const next = await it.next();
    if (next.done) throw new TeamFileError('incomplete', 'it ends before its header: the sync app may still be copying it');
    buf = Buffer.concat([buf, next.value]);
    for (let i = from; i < buf.length && newlines.length < 3; i++) if (buf[i] === 0x0a) newlines.push(i);
    if (newlines.length < 3 && buf.length > MAX_HEADER) throw new TeamFileError('damaged', 'its header is too large: it is not a team file');
  }
  if (buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new TeamFileError('damaged', 'it is not a workbench team file');
  const headerText = buf.subarray(MAGIC.length, newlines[1]).toString('utf8');
  const signature = buf.subarray(newlines[1]! + 1, newlines[2]).toString('latin1');
  const tail = buf.subarray(newlines[2]! + 1);
  async function* rest() {
    if (tail.length) yield tail;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  }
  return { headerText, signature, rest: rest() };
}

function parseHeader(headerText: string): TeamFileHeader {
  let raw: unknown;
  try {
    raw = parseJsonText(headerText, 'The header');
  } catch {
    throw new TeamFileError('damaged', 'its header is not valid');
  }
  const needs = (raw as { minReaderVersion?: unknown } | null)?.minReaderVersion;
  if (typeof needs === 'number' && needs > TEAM_READER_VERSION) {
    throw new TeamFileError('newer-version', `it was written by a newer version of the workbench (team file format ${needs}); update the workbench to read it`);
  }
  const parsed = TeamFileHeader.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new TeamFileError('damaged', `its header is not valid (${i.path.join('.') || 'header'}: ${i.message})`);
  }
  if (parsed.data.installationId !== parsed.data.signer.slice(0, 16).toLowerCase()) throw new TeamFileError('damaged', 'its header names another installation than its signer');
  return parsed.data;
}

export interface OpenedHeader {
  header: TeamFileHeader;
  headerText: string;
  signature: string;
}

/**
 * Decrypts just enough of a team file to read and check its header. `keyOf` gives the signer's
 * public key (minisign text) or null when the signer is not (yet) known as a member.
 */
export async function readHeader(file: string, ageIdentity: string, keyOf: (h: TeamFileHeader) => string | null): Promise<OpenedHeader> {
  const size = await fsp.stat(file).then((s) => s.size).catch((e: unknown) => {
    throw classify(e, 0);
  });
  let plain: AsyncIterable<Buffer>;
  try {
    plain = await decryptFrom(file, { identities: [ageIdentity] });
  } catch (e) {
    throw classify(e, size);
  }
  const iterator = plain[Symbol.asyncIterator]();
  try {
    const head = await splitHead({ [Symbol.asyncIterator]: () => iterator }).catch((e: unknown) => {
      throw classify(e, size);
    });
    const header = parseHeader(head.headerText);
    checkSignature(head.headerText, head.signature, header, keyOf);
    return { header, headerText: head.headerText, signature: head.signature };
  } finally {
    // Stops reading (and closes the file) without decrypting the body.
    await iterator.return?.();
  }
}

function checkSignature(headerText: string, signature: string, header: TeamFileHeader, keyOf: (h: TeamFileHeader) => string | null): void {
  const key = keyOf(header);
  if (!key) throw new TeamFileError('unknown-signer', 'it is signed by someone who is not (yet) a member of the team here');
  let ok = false;
  try {
    ok = /^[A-Za-z0-9+/]{86}==$/.test(signature) && verify(null, signedBytes(headerText), verifyingKey(key), Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw new TeamFileError('damaged', 'its signature does not match: it was altered after it was written');
}

/**
 * Reads a whole team file: header checked, then every body item parsed, checked and handed to
 * `onItem` (which stages it; nothing may be applied before this resolves, because the body's hash
 * is only known to match at the end).
 */
export async function readTeamFile(file: string, ageIdentity: string, keyOf: (h: TeamFileHeader) => string | null, onItem: (item: TeamItem, index: number) => void): Promise<TeamFileHeader> {
  const size = await fsp.stat(file).then((s) => s.size).catch((e: unknown) => {
    throw classify(e, 0);
  });
  try {
    const plain = await decryptFrom(file, { identities: [ageIdentity] });
    const head = await splitHead(plain);
    const header = parseHeader(head.headerText);
    checkSignature(head.headerText, head.signature, header, keyOf);
    const hash = createHash('sha256');
    let bytes = 0;
    async function* hashed() {
      for await (const chunk of head.rest) {
        hash.update(chunk);
        bytes += chunk.length;
        if (bytes > header.body.bytes) throw new TeamFileError('damaged', 'its body is longer than its header says');
        yield chunk;
      }
    }
    let count = 0;
    const gunzip = zlib.createGunzip();
    const source = Readable.from(hashed());
    source.on('error', (e) => gunzip.destroy(e));
    source.pipe(gunzip);
    for await (const line of jsonLines(gunzip)) {
      if (++count > header.body.items) throw new TeamFileError('damaged', 'it holds more items than its header says');
      if (jsonDepth(line) > LIMITS.jsonDepth) throw new TeamFileError('damaged', `item ${count} is nested too deeply`);
      let raw: unknown;
      try {
        raw = parseJsonText(line, `Item ${count}`);
      } catch (e) {
        throw new TeamFileError('damaged', (e as Error).message);
      }
      const parsed = TeamItem.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new TeamFileError('damaged', `item ${count} is not valid (${i.path.join('.')}: ${i.message})`);
      }
      onItem(parsed.data, count);
    }
    if (bytes !== header.body.bytes || hash.digest('hex') !== header.body.sha256 || count !== header.body.items) {
      throw new TeamFileError('damaged', 'its contents do not match its signed header');
    }
    return header;
  } catch (e) {
    if (e instanceof TeamFileError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || (e as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') throw new TeamFileError('damaged', 'its contents are not readable (bad compression)');
    throw classify(e, size);
  }
}

/** Splits a byte stream into lines of at most one record's size. */
async function* jsonLines(source: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let len = 0;
  for await (const chunk of source) {
    let start = 0;
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, start)) {
      parts.push(chunk.subarray(start, i));
      const line = Buffer.concat(parts).toString('utf8');
      parts = [];
      len = 0;
      start = i + 1;
      if (line.length) yield line;
    }
    if (start < chunk.length) {
      parts.push(chunk.subarray(start));
      len += chunk.length - start;
      if (len > LIMITS.recordBytes) throw new TeamFileError('damaged', 'an item is larger than any record may be');
    }
  }
  if (len > 0) throw new TeamFileError('damaged', 'its last item is cut off');
}
