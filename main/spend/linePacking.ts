/**
 * A batch of transactions as one string for the trip between threads: the values joined by NUL,
 * a missing value written as U+0001. Copying one string and splitting it is several times cheaper
 * than the structured clone of thousands of small strings. A value that itself holds NUL or
 * U+0001 (possible in a CSV, never in a real ledger) sends its batch as a plain array instead.
 */
import { LINE_FIELDS, type LineBatch } from './scan';

export type PackedLines = { count: number; text: string } | { count: number; values: LineBatch };

const SEP = '\u0000';
const NULL = '\u0001';

/** row and amountPence (positions 0 and 3) are numbers; the rest text or null. */
const NUMERIC = new Set([0, 3]);

export function packLines(batch: LineBatch): PackedLines {
  const count = batch.length / LINE_FIELDS;
  const parts = new Array<string>(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const v = batch[i] ?? null;
    if (v === null) parts[i] = NULL;
    else if (typeof v === 'number') parts[i] = String(v);
    else {
      if (v.indexOf(SEP) >= 0 || v.indexOf(NULL) >= 0) return { count, values: batch };
      parts[i] = v;
    }
  }
  return { count, text: parts.join(SEP) };
}

export function unpackLines(p: PackedLines): LineBatch {
  if ('values' in p) return p.values;
  if (p.count === 0) return [];
  const parts: LineValue[] = p.text.split(SEP);
  for (let i = 0; i < parts.length; i++) {
    const v = parts[i] as string;
    if (v === NULL) parts[i] = null;
    else if (NUMERIC.has(i % LINE_FIELDS)) parts[i] = Number(v);
  }
  return parts;
}

type LineValue = LineBatch[number];
