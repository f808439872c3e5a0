/**
 * A column's characters (main/spend/columnChars.ts) let a search skip a file only when SQLite's
 * LIKE could not match there: checked against SQLite's own LIKE on random text (ASCII in both
 * cases, letters outside ASCII, characters beyond the Basic Multilingual Plane, a lone surrogate,
 * which reaches SQLite as bytes that its LIKE reads as U+FFFD).
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ColumnChars, charSet, mayHold } from '../../main/spend/columnChars';

const db = new BetterSqlite3(':memory:');
afterAll(() => db.close());
const like = db.prepare("SELECT ? LIKE ? ESCAPE '\\'").pluck();
const escaped = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const ALPHABET = ['a', 'B', 'c', 'Z', 'z', '0', '9', ' ', '-', '%', '_', '\\', 'é', 'É', 'ß', 'Ω', 'ω', '🏠', '\ud800'];
let seed = 7;
const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
const text = (most: number) => Array.from({ length: 1 + rand(most) }, () => ALPHABET[rand(ALPHABET.length)]!).join('');

describe('the characters of a column', () => {
  it('are each character once, in code point order, ASCII letters folded and nothing else', () => {
    const chars = new ColumnChars();
    for (const v of ['TX0042', 'tx-9', 'Émile', 'émile', 'Straße', '🏠 Home']) chars.add(v);
    expect(chars.toString()).toBe(' -0249aehilmorstxÉßé🏠');
    const again = new ColumnChars();
    again.addChars(chars.toString());
    expect(again.toString()).toBe(chars.toString());
  });

  it('hold a lone surrogate as LIKE reads it, as U+FFFD', () => {
    const chars = new ColumnChars();
    chars.add('a\ud800b');
    expect(chars.toString()).toBe('ab\ufffd');
    expect(like.get('a\ud800b', '%\ufffd%')).toBe(1);
    expect(like.get('a\ufffdb', '%\udc00%')).toBe(1);
    expect(mayHold(charSet(chars.toString()), '\udfff')).toBe(true);
  });

  it('never rule out a value that LIKE matches (3,000 random values and words), and rule out most that it does not', () => {
    let ruledOut = 0;
    let misses = 0;
    for (let i = 0; i < 3000; i++) {
      const value = text(12);
      const word = text(3);
      const chars = new ColumnChars();
      chars.add(value);
      const may = mayHold(charSet(chars.toString()), word);
      const matches = like.get(value, escaped(word)) === 1;
      if (matches) expect(may, `${JSON.stringify(value)} holds ${JSON.stringify(word)}`).toBe(true);
      else {
        misses++;
        if (!may) ruledOut++;
      }
    }
    expect(misses).toBeGreaterThan(1000);
    expect(ruledOut).toBeGreaterThan(misses / 3);
  });
});
