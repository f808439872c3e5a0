/**
 * First look at a file: what it is, its encoding and its SHA-256, in one streaming pass over its
 * bytes (never held whole). Anything that is not a CSV/XLSX spend file is refused here with a
 * message naming what it is.
 */
import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import chardet from 'chardet';
import { AppError } from '../../shared/errors';

export type SpendEncoding = 'utf-8' | 'windows-1252';

export interface Sniffed {
  kind: 'csv' | 'xlsx';
  encoding: SpendEncoding | null;
  /** '' while `partial`. */
  sha256: string;
  size: number;
  /**
   * Only the start of a large CSV was read (sniffFile's `wholeFile: false`): its encoding is
   * Windows-1252 if the start is not UTF-8, otherwise UTF-8 until the scan, which reads every byte
   * anyway, finds otherwise; the scan works out the SHA-256 too (scanner.ts, csvRows.ts).
   */
  partial?: boolean;
}

const bad = (message: string) => new AppError('BAD_FILE', message);

/** Magic numbers of files people pick by mistake. */
const SIGNATURES: [Buffer, string][] = [
  [Buffer.from('%PDF'), 'a PDF document'],
  [Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'a legacy Excel 97–2003 (.xls) or Word file: open it in Excel and save it as .xlsx or CSV'],
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'a PNG image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'a JPEG image'],
  [Buffer.from([0x1f, 0x8b]), 'a gzip archive'],
  [Buffer.from('GIF8'), 'a GIF image'],
];

/** The most of a file read to look at it (and, for a large CSV read by an import, all that is read before the scan). */
const HEAD_BYTES = 65536;

/**
 * `wholeFile: false` (an import): a large CSV is not read through here — the scan reads it
 * anyway, and hashes and checks it as it goes, rather than after a pass of its own (a tenth of a
 * second or more per 100 MB, before anything else could start).
 */
export async function sniffFile(file: string, name: string, opts: { wholeFile?: boolean } = {}): Promise<Sniffed> {
  const stat = await fsp.stat(file);
  if (stat.size === 0) throw bad(`"${name}" is empty (0 bytes): there is nothing to import.`);
  const fh = await fsp.open(file, 'r');
  const head = Buffer.alloc(Math.min(stat.size, HEAD_BYTES));
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  for (const [sig, what] of SIGNATURES) {
    if (head.subarray(0, sig.length).equals(sig)) throw bad(`"${name}" is ${what}, not a spend file. Import CSV or XLSX files.`);
  }
  const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (isZip) {
    await assertCompleteZip(file, stat.size, name);
    return { kind: 'xlsx', encoding: null, sha256: await hashFile(file), size: stat.size };
  }
  if (head.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) || head.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))) {
    throw bad(`"${name}" is saved as UTF-16 text. Save it from Excel as "CSV UTF-8" or "CSV (comma delimited)" and import that.`);
  }
  if (looksBinary(head)) throw bad(`"${name}" is a binary file, not a spend file. Import CSV or XLSX files as published.`);
  if (opts.wholeFile === false && stat.size > HEAD_BYTES) {
    const start = head.subarray(0, head.length - incompleteTail(head));
    return { kind: 'csv', encoding: isUtf8(start) ? 'utf-8' : notUtf8(head, name), sha256: '', size: stat.size, partial: true };
  }
  const { sha256, utf8 } = await hashAndCheckUtf8(file);
  return { kind: 'csv', encoding: utf8 ? 'utf-8' : notUtf8(head, name), sha256, size: stat.size };
}

/**
 * A text file that is not valid UTF-8: Windows-1252 is what Excel on a UK council laptop writes.
 * chardet only confirms it is a single-byte text encoding rather than, say, UTF-16 without a mark.
 */
function notUtf8(head: Buffer, name: string): SpendEncoding {
  const guess = chardet.detect(head);
  if (guess && /^(UTF-16|UTF-32)/i.test(guess)) throw bad(`"${name}" is saved as ${guess}. Save it as "CSV UTF-8" and import that.`);
  return 'windows-1252';
}

/** Text has no NUL bytes and few control characters; binaries have plenty of both. */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > head.length * 0.01;
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Bytes at the end of `b` that start a UTF-8 sequence the buffer does not finish. */
function incompleteTail(b: Buffer): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * SHA-256 and "is this valid UTF-8?" in one pass. buffer.isUtf8 checks natively without building
 * strings (decoding a 100 MB file to test it would allocate 200 MB of garbage).
 */
async function hashAndCheckUtf8(file: string): Promise<{ sha256: string; utf8: boolean }> {
  const hash = crypto.createHash('sha256');
  let utf8 = true;
  let carry = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    if (!utf8) continue;
    const b = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const tail = incompleteTail(b);
    if (!isUtf8(b.subarray(0, b.length - tail))) utf8 = false;
    carry = Buffer.from(b.subarray(b.length - tail));
  }
  if (carry.length) utf8 = false;
  return { sha256: hash.digest('hex'), utf8 };
}

/**
 * A ZIP (XLSX) ends with its central directory; a truncated download or copy loses it. Checking
 * for it up front gives a clear message instead of a parser failing half-way.
 */
async function assertCompleteZip(file: string, size: number, name: string): Promise<void> {
  const tailLen = Math.min(size, 65_557);
  const tail = Buffer.alloc(tailLen);
  const fh = await fsp.open(file, 'r');
  try {
    await fh.read(tail, 0, tailLen, size - tailLen);
  } finally {
    await fh.close();
  }
  if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
    throw bad(`"${name}" is an incomplete XLSX file (it looks truncated: the end of the workbook is missing). Copy or download it again.`);
  }
}
