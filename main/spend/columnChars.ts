/**
 * The characters a column's values are made of, in one file, for a column too varied to list
 * (references, free-text descriptions: migration 0019, searchWords.ts).
 *
 * A search word is matched with LIKE '%word%', which folds ASCII letters and nothing else. So a
 * value can hold the word only if it holds each of the word's characters, folded the same way; a
 * word with a character that no value of the column has, in a file, is in no line of that file,
 * and its LIKE need not be asked there. A file's references are usually made of a few letters and
 * digits ("TX00500001", "INV-2041"): a search for a name or a service skips them.
 *
 * Characters are compared as SQLite's LIKE reads them: by code point, a lone surrogate in a
 * JavaScript string (which reaches SQLite as bytes that are not UTF-8) as U+FFFD.
 */

const REPLACEMENT = 0xfffd;

/** The code points of `s`, folded as LIKE folds (A–Z to a–z), each passed to `each`. */
function eachFolded(s: string, each: (cp: number) => void): void {
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 128) {
      each(c >= 65 && c <= 90 ? c + 32 : c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else c = REPLACEMENT;
    }
    each(c);
  }
}

/** Code points as a string, without spreading them into one call (a file may hold a million different ones). */
function stringOf(cps: Iterable<number>): string {
  let out = '';
  for (const cp of cps) out += String.fromCodePoint(cp);
  return out;
}

/** Characters seen so far in a column's values. ASCII is kept in a table: most text is ASCII, and this runs on every reference. */
export class ColumnChars {
  private readonly ascii = new Uint8Array(128);
  private readonly others = new Set<number>();
  /** Characters first seen since the last `takeNew`. */
  private fresh: number[] = [];
  private readonly note = (cp: number) => {
    if (cp < 128) {
      if (this.ascii[cp]) return;
      this.ascii[cp] = 1;
    } else {
      if (this.others.has(cp)) return;
      this.others.add(cp);
    }
    this.fresh.push(cp);
  };

  add(value: string): void {
    const ascii = this.ascii;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 128) {
        // The rest of the value, with its letters outside ASCII.
        eachFolded(value.slice(i), this.note);
        return;
      }
      const folded = c >= 65 && c <= 90 ? c + 32 : c;
      if (!ascii[folded]) this.note(folded);
    }
  }

  /** Adds characters given as `toString` or `takeNew` gives them (already folded). */
  addChars(chars: string): void {
    for (const ch of chars) this.note(ch.codePointAt(0)!);
  }

  /** The characters first seen since the last call: what the other end of a file's reading has not been sent yet. */
  takeNew(): string {
    const fresh = this.fresh;
    this.fresh = [];
    return stringOf(fresh);
  }

  /** The characters seen, each once, in code point order. */
  toString(): string {
    const ascii: number[] = [];
    for (let c = 0; c < 128; c++) if (this.ascii[c]) ascii.push(c);
    return stringOf(ascii) + stringOf([...this.others].sort((a, b) => a - b));
  }
}

/** Whether a value made only of `chars` (as ColumnChars gives them) could hold `word`, as LIKE matches it. */
export function mayHold(chars: ReadonlySet<number>, word: string): boolean {
  let all = true;
  eachFolded(word, (cp) => {
    if (!chars.has(cp)) all = false;
  });
  return all;
}

/** A ColumnChars string as a set of code points, for `mayHold`. */
export const charSet = (chars: string): Set<number> => new Set(Array.from(chars, (ch) => ch.codePointAt(0)!));
