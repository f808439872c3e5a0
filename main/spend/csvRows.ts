/**
 * A CSV file as a stream of rows of cell text: decoded from its detected encoding (iconv-lite),
 * split by papaparse in streaming mode, so a million-row file never sits in memory.
 * Row numbers are record numbers (what a spreadsheet shows), not physical lines: a quoted cell
 * may span lines.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
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
}

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

/**
 * Where a chunk of CSV text can be cut safely: after the last line break that is not inside a
 * quoted cell (quote parity even; an escaped "" toggles twice, so parity stays right).
 */
function safeCut(text: string): number {
  let quoted = false;
  let cut = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === 10 && !quoted) cut = i;
  }
  return cut;
}

/**
 * Rows in batches: the decoded text is read in large chunks, cut at a line break outside quotes,
 * and each piece parsed by papaparse in one synchronous call. (Row-at-a-time streaming cost a
 * promise per row; this keeps a million rows to a few seconds.)
 */
export function csvRows(file: string, encoding: SpendEncoding, delimiter: string): RowStream {
  let bytes = 0;
  async function* rows(): AsyncGenerator<SourceRow[]> {
    const input = fs.createReadStream(file, { highWaterMark: 64 * 1024 });
    input.on('data', (c) => (bytes += c.length));
    // iconv strips a UTF-8 byte-order mark by default.
    const decoded = input.pipe(iconv.decodeStream(encoding));
    input.on('error', (e) => decoded.emit('error', e));
    let row = 0;
    let carry = '';
    // Blank rows are held back until a later row arrives, so trailing newlines at the end of the
    // file are not reported as blank rows.
    let pendingBlanks: number[] = [];
    // Line endings are found for each piece with a native search: papaparse's own guess splits
    // the whole piece twice, which dominated the parse time.
    const parse = (text: string): SourceRow[] => {
      const out: SourceRow[] = [];
      const newline = text.includes('\r\n') ? '\r\n' : text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';
      const data = Papa.parse<string[]>(text, { delimiter, newline, skipEmptyLines: false }).data;
      for (const cells of data) {
        row++;
        if (cells.length === 1 && cells[0]!.trim() === '') {
          pendingBlanks.push(row);
          continue;
        }
        for (const b of pendingBlanks) out.push({ row: b, cells: [] });
        pendingBlanks = [];
        out.push({ row, cells });
      }
      return out;
    };
    try {
      for await (const chunk of decoded as AsyncIterable<string>) {
        // The carried text always starts a record, so quote parity starts even.
        const text = carry + chunk;
        const at = safeCut(text);
        if (at < 0) {
          carry = text;
          continue;
        }
        const end = at > 0 && text.charCodeAt(at - 1) === 13 ? at - 1 : at;
        carry = text.slice(at + 1);
        const batch = parse(text.slice(0, end));
        if (batch.length) yield batch;
      }
      if (carry.replace(/[\r\n]+$/, '') !== '') {
        const batch = parse(carry.replace(/\r?\n$/, ''));
        if (batch.length) yield batch;
      }
    } finally {
      input.destroy();
    }
  }
  return { rows: rows(), bytesRead: () => bytes };
}
