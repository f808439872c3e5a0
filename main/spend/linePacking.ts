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
import { ColumnChars } from './columnChars';
import { ownCopy } from './ownCopy';
import type { ParsedSpendLine } from '../../shared/domain/spend';
import { LINE_FIELDS, type LineBatch, type LineSink } from './scan';

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
  /**
   * Per text field, the characters of the values sent as text in this batch that no earlier batch
   * of the file had (the reading end notes them while the writing end is busy writing).
   */
  literalChars: string[];
}

/**
 * A field whose dictionary is full is looked up this many times more; if nearly every lookup then
 * misses (references, descriptions), it is free text and its values travel as text without one.
 */
const TRIAL_LOOKUPS = 5000;
const FREE_TEXT_MISSES = 0.9;

/** Lines a packer makes room for at first (a scan hands over a batch at 1,024); it grows if given more. */
const INITIAL_LINES = 1024;

/** The reading end: one per file read. Lines go in one at a time (`line`) and leave in batches (`take`). */
export class LinePacker implements LineSink {
  private readonly dictionaries = Array.from({ length: TEXTS }, () => new Map<string, number>());
  /** Per field, after its dictionary filled: lookups tried and missed; and whether it is free text. */
  private readonly tried = new Int32Array(TEXTS);
  private readonly missed = new Int32Array(TEXTS);
  private readonly freeText: boolean[] = new Array<boolean>(TEXTS).fill(false);
  // The batch being filled: coded straight from each line, with no flat copy of it in between.
  private numbers = new Float64Array(INITIAL_LINES * NUMBER_FIELDS.length);
  private codes = new Int32Array(INITIAL_LINES * TEXTS);
  private count = 0;
  private added: string[][] = Array.from({ length: TEXTS }, () => []);
  private literals: string[] = [];
  private joinable = true;
  private readonly literalChars = Array.from({ length: TEXTS }, () => new ColumnChars());

  /** Lines coded since the last `take`. */
  get pending(): number {
    return this.count;
  }

  line(l: ParsedSpendLine): void {
    if (this.count * TEXTS === this.codes.length) this.grow();
    const n = this.count++;
    this.numbers[n * 2] = l.row;
    this.numbers[n * 2 + 1] = l.amountPence;
    const at = n * TEXTS;
    this.code(at, TEXT.date, l.date);
    this.code(at, TEXT.financialYear, l.financialYear);
    this.code(at, TEXT.supplier, l.supplier);
    this.code(at, TEXT.serviceArea, l.serviceArea);
    this.code(at, TEXT.expenseType, l.expenseType);
    this.code(at, TEXT.transactionRef, l.transactionRef);
    this.code(at, TEXT.orgUnit, l.orgUnit);
    this.code(at, TEXT.description, l.description);
  }

  /** The lines coded since the last call, ready to send; the next lines start a new batch. */
  take(): PackedLines {
    const count = this.count;
    const packed: PackedLines = {
      count,
      numbers: this.numbers.subarray(0, count * NUMBER_FIELDS.length),
      codes: this.codes.subarray(0, count * TEXTS),
      added: this.added,
      literals: this.joinable ? this.literals.join(SEP) : this.literals,
      literalChars: this.literalChars.map((c) => c.takeNew()),
    };
    // The arrays go to the other thread (transferred): the next batch gets new ones.
    this.numbers = new Float64Array(Math.max(INITIAL_LINES, count) * NUMBER_FIELDS.length);
    this.codes = new Int32Array(Math.max(INITIAL_LINES, count) * TEXTS);
    this.count = 0;
    this.added = Array.from({ length: TEXTS }, () => []);
    this.literals = [];
    this.joinable = true;
    return packed;
  }

  /** A flat batch (LINE_FIELDS values a line) packed in one go: the tests' way in. */
  pack(batch: LineBatch): PackedLines {
    for (let at = 0; at < batch.length; at += LINE_FIELDS) {
      const v = (i: number) => batch[at + i] as never;
      this.line({ row: v(0), date: v(1), financialYear: v(2), amountPence: v(3), supplier: v(4), serviceArea: v(5), expenseType: v(6), transactionRef: v(7), orgUnit: v(8), description: v(9) });
    }
    return this.take();
  }

  private grow(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    const codes = new Int32Array(this.codes.length * 2);
    codes.set(this.codes);
    this.numbers = numbers;
    this.codes = codes;
  }

  /** Codes one text field of the line whose codes start at `at`. */
  private code(at: number, t: number, v: string | null): void {
    let code: number;
    if (v === null || v === undefined) code = NULL_CODE;
    else if (this.freeText[t]) {
      code = LITERAL_CODE;
      this.literal(t, v);
    } else {
      const dict = this.dictionaries[t]!;
      const known = dict.get(v);
      if (known !== undefined) code = known;
      else if (dict.size < MAX_DICTIONARY) {
        code = dict.size;
        const kept = ownCopy(v);
        dict.set(kept, code);
        this.added[t]!.push(kept);
      } else {
        code = LITERAL_CODE;
        this.literal(t, v);
      }
      if (dict.size >= MAX_DICTIONARY) this.judge(t, known === undefined);
    }
    this.codes[at + t] = code;
  }

  private literal(t: number, v: string): void {
    this.literals.push(v);
    this.literalChars[t]!.add(v);
    if (this.joinable && v.includes(SEP)) this.joinable = false;
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
  /** Per field: whether some value came as text, outside the dictionary (so the dictionary is not all its values). */
  readonly uncoded: boolean[] = new Array<boolean>(TEXTS).fill(false);
  private readonly literalChars = Array.from({ length: TEXTS }, () => new ColumnChars());
  private literals: string[] = [];
  private next = 0;

  begin(p: PackedLines): void {
    for (let t = 0; t < TEXTS; t++) for (const v of p.added[t]!) this.dictionaries[t]!.push(v);
    // A lone literal that is the empty string joins to '' too: `text` gives '' for a missing one.
    this.literals = typeof p.literals === 'string' ? (p.literals === '' ? [] : p.literals.split(SEP)) : p.literals;
    for (let t = 0; t < TEXTS; t++) if (p.literalChars[t]) this.literalChars[t]!.addChars(p.literalChars[t]!);
    this.next = 0;
  }

  /** Every character of a field's values so far (folded as LIKE folds: see columnChars.ts). */
  charsOf(t: number): string {
    const chars = new ColumnChars();
    for (const v of this.dictionaries[t]!) chars.add(v);
    chars.addChars(this.literalChars[t]!.toString());
    return chars.toString();
  }

  text(t: number, code: number): string | null {
    if (code >= 0) return this.dictionaries[t]![code]!;
    if (code === NULL_CODE) return null;
    this.uncoded[t] = true;
    return this.literals[this.next++] ?? '';
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
