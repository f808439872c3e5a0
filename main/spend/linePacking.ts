/**
 * Batches of transactions for the trip from the reading thread to the writing thread.
 *
 * A ledger repeats the same few hundred suppliers, service areas, expense types, dates and themes a
 * million times; only references and descriptions are near-unique. So each text field is sent as
 * a code into a dictionary both ends keep for the file (a value is sent once, the first time it
 * is seen), numbers travel in a typed array, and both arrays are transferred rather than copied.
 * The writer then binds the same string objects again and again: no string is made per line on
 * either side except for near-unique values, which travel as one NUL-joined string (an array when
 * one of them itself holds NUL — possible in a CSV, never in a real ledger).
 */
import { LINE_FIELDS, type LineBatch } from './scan';

/** Positions of a line's numbers (row, amountPence) and text fields (see LINE_FIELDS). */
const NUMBER_FIELDS = [0, 3] as const;
export const TEXT_FIELDS = [1, 2, 4, 5, 6, 7, 8, 9] as const;
export const TEXTS = TEXT_FIELDS.length;
/** Where each line field is among the text fields (the codes' order). */
export const TEXT = { date: 0, financialYear: 1, supplier: 2, serviceArea: 3, expenseType: 4, transactionRef: 5, orgUnit: 6, description: 7 } as const;

/** Codes: a dictionary index, or one of these. */
export const NULL_CODE = -1;
export const LITERAL_CODE = -2;
/** A field with this many different values stops growing its dictionary (references, descriptions): later new values travel as text. */
const MAX_DICTIONARY = 20_000;
/**
 * Every code plus 2 (the special codes are -1 and -2) is below this, so a few codes combine into
 * one safe integer: the writer's keys for a line's theme and group (lineInserter.ts, lineGroups.ts).
 */
export const CODE_BASE = 1 << 15;
const SEP = '\u0000';

export interface PackedLines {
  count: number;
  /** NUMBER_FIELDS per line. */
  numbers: Float64Array;
  /** TEXT_FIELDS per line. */
  codes: Int32Array;
  /** Values new to each text field's dictionary, in code order. */
  added: string[][];
  /** The values sent as text, in line order. */
  literals: string | string[];
}

/**
 * A field whose dictionary is full is looked up this many times more; if nearly every lookup then
 * misses (references, descriptions), it is free text and its values travel as text without one.
 */
const TRIAL_LOOKUPS = 5000;
const FREE_TEXT_MISSES = 0.9;

/** The reading end: one per file read. */
export class LinePacker {
  private readonly dictionaries = Array.from({ length: TEXTS }, () => new Map<string, number>());
  /** Per field, after its dictionary filled: lookups tried and missed; and whether it is free text. */
  private readonly tried = new Int32Array(TEXTS);
  private readonly missed = new Int32Array(TEXTS);
  private readonly freeText: boolean[] = new Array<boolean>(TEXTS).fill(false);

  pack(batch: LineBatch): PackedLines {
    const count = batch.length / LINE_FIELDS;
    const numbers = new Float64Array(count * NUMBER_FIELDS.length);
    const codes = new Int32Array(count * TEXTS);
    const added: string[][] = Array.from({ length: TEXTS }, () => []);
    const literals: string[] = [];
    let joinable = true;
    for (let line = 0; line < count; line++) {
      const at = line * LINE_FIELDS;
      numbers[line * 2] = batch[at] as number;
      numbers[line * 2 + 1] = batch[at + 3] as number;
      for (let t = 0; t < TEXTS; t++) {
        const v = batch[at + TEXT_FIELDS[t]!] as string | null;
        let code: number;
        if (v === null || v === undefined) code = NULL_CODE;
        else if (this.freeText[t]) {
          code = LITERAL_CODE;
          literals.push(v);
          if (joinable && v.includes(SEP)) joinable = false;
        } else {
          const dict = this.dictionaries[t]!;
          const known = dict.get(v);
          if (known !== undefined) code = known;
          else if (dict.size < MAX_DICTIONARY) {
            code = dict.size;
            dict.set(v, code);
            added[t]!.push(v);
          } else {
            code = LITERAL_CODE;
            literals.push(v);
            if (joinable && v.includes(SEP)) joinable = false;
          }
          if (dict.size >= MAX_DICTIONARY) this.judge(t, known === undefined);
        }
        codes[line * TEXTS + t] = code;
      }
    }
    return { count, numbers, codes, added, literals: joinable ? literals.join(SEP) : literals };
  }

  /** Counts a lookup in a full dictionary; after enough of them, decides whether the field is free text. */
  private judge(t: number, missed: boolean): void {
    if (this.tried[t]! >= TRIAL_LOOKUPS) return;
    this.tried[t]!++;
    if (missed) this.missed[t]!++;
    if (this.tried[t] === TRIAL_LOOKUPS) this.freeText[t] = this.missed[t]! >= TRIAL_LOOKUPS * FREE_TEXT_MISSES;
  }
}

/** What to transfer (not copy) with a packed batch. */
export const transferables = (p: PackedLines): ArrayBuffer[] => [p.numbers.buffer as ArrayBuffer, p.codes.buffer as ArrayBuffer];

/**
 * The writing end: one per file read, fed the batches in the order they were packed. `begin` takes
 * a batch's new dictionary values; `text` then gives each value, called for every line and text
 * field in order (values sent as text are taken in that order).
 */
export class LineUnpacker {
  readonly dictionaries: string[][] = Array.from({ length: TEXTS }, () => []);
  private literals: string[] = [];
  private next = 0;

  begin(p: PackedLines): void {
    for (let t = 0; t < TEXTS; t++) for (const v of p.added[t]!) this.dictionaries[t]!.push(v);
    // A lone literal that is the empty string joins to '' too: `text` gives '' for a missing one.
    this.literals = typeof p.literals === 'string' ? (p.literals === '' ? [] : p.literals.split(SEP)) : p.literals;
    this.next = 0;
  }

  text(t: number, code: number): string | null {
    return code >= 0 ? this.dictionaries[t]![code]! : code === NULL_CODE ? null : (this.literals[this.next++] ?? '');
  }

  /** A whole batch back as flat lines (the tests' view of a round trip). */
  unpack(p: PackedLines): LineBatch {
    this.begin(p);
    const out: LineBatch = new Array(p.count * LINE_FIELDS);
    for (let line = 0; line < p.count; line++) {
      const at = line * LINE_FIELDS;
      out[at] = p.numbers[line * 2]!;
      out[at + 3] = p.numbers[line * 2 + 1]!;
      for (let t = 0; t < TEXTS; t++) out[at + TEXT_FIELDS[t]!] = this.text(t, p.codes[line * TEXTS + t]!);
    }
    return out;
  }
}
