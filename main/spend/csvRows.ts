/**
 * A CSV file as a stream of rows of cell text, decoded from its detected encoding (iconv-lite's
 * streaming decoder) and split by a hand-written scanner over the decoded text, so a million-row
 * file never sits in memory and no per-row objects are made beyond the cells themselves.
 *
 * The rules are RFC 4180's, as spreadsheets write them (and as papaparse, which this replaced,
 * read them): a cell that starts with a double quote runs to the next quote that is followed by
 * the delimiter, a line break or the end of the file, "" inside it is one quote, and a quote
 * followed by anything else stays in the cell as written; quotes inside an unquoted cell are
 * text. A record ends at a line feed (a carriage return before it is dropped); a file with only
 * carriage returns (old Mac) ends records at those. Row numbers are record numbers, what a
 * spreadsheet shows, not physical lines: a quoted cell may span lines.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AppError } from '../../shared/errors';
import type { SpendEncoding } from './sniff';

export interface SourceRow {
  row: number;
  cells: string[];
}

export interface RowStream {
  /** Rows in file order, in batches. */
  rows: AsyncIterable<SourceRow[]>;
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number;
  /** The SHA-256 of every byte read, once the rows are all read (when asked for). */
  sha256?(): string | null;
}

/**
 * Said by a scan of a file taken for UTF-8 from its start (sniffFile's `wholeFile: false`) when a
 * later byte is not UTF-8: the file is then read again as Windows-1252 (importCommon.ts).
 */
export const NOT_UTF8 = 'not-utf-8';

const CANDIDATES = [',', ';', '\t', '|'];

/** The delimiter that splits the opening rows into the most columns most consistently. */
export async function detectDelimiter(file: string, encoding: SpendEncoding): Promise<string> {
  const fh = await fsp.open(file, 'r');
  const buf = Buffer.alloc(65536);
  let n = 0;
  try {
    n = (await fh.read(buf, 0, buf.length, 0)).bytesRead;
  } finally {
    await fh.close();
  }
  let sample = iconv.decode(buf.subarray(0, n), encoding);
  // Drop the last (probably partial) line.
  const cut = sample.lastIndexOf('\n');
  if (cut > 0 && n === buf.length) sample = sample.slice(0, cut);
  let best = { delimiter: ',', score: 0 };
  for (const delimiter of CANDIDATES) {
    const rows = Papa.parse<string[]>(sample, { delimiter, preview: 60, skipEmptyLines: true }).data;
    const widths = new Map<number, number>();
    for (const r of rows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let score = 0;
    for (const [width, count] of widths) if (width > 1) score = Math.max(score, count * Math.log2(width));
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Where the scanner is between characters (it keeps its place across chunks of text). */
const enum At {
  /** At the start of a cell. */
  CellStart,
  /** In a cell that did not start with a quote. */
  Plain,
  /** In a quoted cell. */
  Quoted,
  /** Just after a quote inside a quoted cell: closing, escaping or stray, the next character says. */
  AfterQuote,
  /** After a closing quote and a carriage return: a line feed ends the record. */
  AfterQuoteCr,
}

/** The index of `what` in `text` from `from`, or `n` (the end) when it is not there. */
function indexOr(text: string, what: string, from: number, n: number): number {
  const at = text.indexOf(what, from);
  return at < 0 ? n : at;
}

/**
 * Splits decoded CSV text into records, one chunk at a time. The common case (a cell wholly
 * inside the chunk) costs one slice; only a cell split across chunks is assembled in `part`.
 */
export class CsvScanner {
  private readonly delim: number;
  /** Records end at LF, or at CR in a file that has no LF (decided on the first chunk). */
  private lineEnd = LF;
  private decided = false;
  private at = At.CellStart;
  private part = '';
  private cells: string[] = [];
  private record = 0;
  private blanks: number[] = [];

  private readonly delimText: string;
  private get lineEndText(): string {
    return this.lineEnd === LF ? '\n' : '\r';
  }

  constructor(delimiter: string) {
    this.delim = delimiter.charCodeAt(0);
    this.delimText = delimiter;
  }

  /** Scans the next piece of text, appending the records it completes to `out`. */
  push(text: string, out: SourceRow[] = []): SourceRow[] {
    if (!this.decided) {
      // A carriage return as the chunk's last character may be the first half of CRLF: wait.
      const cr = text.indexOf('\r');
      if (text.indexOf('\n') >= 0) this.decided = true;
      else if (cr >= 0 && cr < text.length - 1) {
        this.decided = true;
        this.lineEnd = CR;
      }
    }
    const delim = this.delim;
    const lineEnd = this.lineEnd;
    const n = text.length;
    let i = 0;
    let nextDelim = -1;
    let nextEnd = -1;
    while (i < n) {
      switch (this.at) {
        case At.CellStart:
          if (text.charCodeAt(i) === QUOTE) {
            this.at = At.Quoted;
            i++;
          } else this.at = At.Plain;
          break;
        case At.Plain: {
          // Native searches for the next delimiter and line end (kept until passed) beat a
          // character loop several times over on a 100 MB file.
          if (nextDelim < i) nextDelim = indexOr(text, this.delimText, i, n);
          if (nextEnd < i) nextEnd = indexOr(text, this.lineEndText, i, n);
          const j = nextDelim < nextEnd ? nextDelim : nextEnd;
          if (j === n) {
            this.part += text.slice(i);
            return out;
          }
          let cell = this.part ? this.part + text.slice(i, j) : text.slice(i, j);
          this.part = '';
          const endsRecord = j === nextEnd;
          if (endsRecord && lineEnd === LF && cell.charCodeAt(cell.length - 1) === CR) cell = cell.slice(0, -1);
          this.cells.push(cell);
          if (endsRecord) this.endRecord(out);
          this.at = At.CellStart;
          i = j + 1;
          break;
        }
        case At.Quoted: {
          const q = text.indexOf('"', i);
          if (q < 0) {
            this.part += text.slice(i);
            return out;
          }
          // The common case: the closing quote, then the delimiter or the line end, in this chunk.
          const after = q + 1 < n ? text.charCodeAt(q + 1) : -1;
          if (after === delim || after === lineEnd) {
            this.cells.push(this.part ? this.part + text.slice(i, q) : text.slice(i, q));
            this.part = '';
            if (after === lineEnd) this.endRecord(out);
            this.at = At.CellStart;
            i = q + 2;
            break;
          }
          this.part += text.slice(i, q);
          this.at = At.AfterQuote;
          i = q + 1;
          break;
        }
        case At.AfterQuote: {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            this.part += '"';
            this.at = At.Quoted;
            i++;
          } else if (c === delim || c === lineEnd) {
            this.cells.push(this.part);
            this.part = '';
            if (c === lineEnd) this.endRecord(out);
            this.at = At.CellStart;
            i++;
          } else if (c === CR && lineEnd === LF) {
            this.at = At.AfterQuoteCr;
            i++;
          } else {
            // A stray quote inside a quoted cell stays in it, as written.
            this.part += '"';
            this.at = At.Quoted;
          }
          break;
        }
        case At.AfterQuoteCr:
          if (text.charCodeAt(i) === LF) {
            this.cells.push(this.part);
            this.part = '';
            this.endRecord(out);
            this.at = At.CellStart;
            i++;
          } else {
            this.part += '"\r';
            this.at = At.Quoted;
          }
          break;
      }
    }
    return out;
  }

  /** The end of the file: the last record, if no line break follows it. */
  finish(out: SourceRow[] = []): SourceRow[] {
    const open = this.at !== At.CellStart || this.cells.length > 0;
    if (!open) return out;
    let cell = this.part;
    if (this.at === At.Plain && this.lineEnd === LF && cell.endsWith('\r')) cell = cell.slice(0, -1);
    this.cells.push(cell);
    this.part = '';
    this.at = At.CellStart;
    this.endRecord(out);
    return out;
  }

  private endRecord(out: SourceRow[]): void {
    this.record++;
    const cells = this.cells;
    this.cells = [];
    if (cells.length === 1 && cells[0]!.trim() === '') {
      // Blank rows are held back until a later row arrives, so line breaks at the very end of the
      // file are not reported as blank rows.
      this.blanks.push(this.record);
      return;
    }
    if (this.blanks.length) {
      for (const b of this.blanks) out.push({ row: b, cells: [] });
      this.blanks = [];
    }
    out.push({ row: this.record, cells });
  }
}

/**
 * Rows in batches of a few thousand, decoded and split as they are read. `hash`: the SHA-256 of
 * the bytes is worked out on the way (RowStream.sha256).
 */
export function csvRows(file: string, encoding: SpendEncoding, delimiter: string, hash = false): RowStream {
  let bytes = 0;
  const hasher = hash ? crypto.createHash('sha256') : null;
  let sha256: string | null = null;
  async function* rows(): AsyncGenerator<SourceRow[]> {
    const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    // UTF-8 through the platform's decoder (several times quicker than a JavaScript one; it drops
    // a byte-order mark and keeps a character split across chunks), refusing a byte that is not
    // UTF-8 rather than reading it as U+FFFD; Windows-1252 through iconv.
    const utf8 = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : null;
    const cp1252 = utf8 ? null : iconv.getDecoder(encoding);
    const scanner = new CsvScanner(delimiter);
    const decode = (chunk?: Buffer): string => {
      try {
        return chunk ? utf8!.decode(chunk, { stream: true }) : utf8!.decode();
      } catch {
        throw new AppError('BAD_FILE', `"${path.basename(file)}" is not UTF-8 after all (byte ${bytes.toLocaleString('en-GB')} or before).`, { encoding: NOT_UTF8 });
      }
    };
    try {
      for await (const chunk of input as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        hasher?.update(chunk);
        const batch = scanner.push(utf8 ? decode(chunk) : cp1252!.write(chunk));
        if (batch.length) yield batch;
      }
      const tail = utf8 ? decode() : (cp1252!.end() ?? '');
      const last = scanner.finish(tail ? scanner.push(tail) : []);
      if (hasher) sha256 = hasher.digest('hex');
      if (last.length) yield last;
    } finally {
      input.destroy();
    }
  }
  return { rows: rows(), bytesRead: () => bytes, sha256: () => sha256 };
}
