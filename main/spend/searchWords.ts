/**
 * What a search word asks of a line, in SQL: that one of its six text columns holds the word, in
 * any case (SQLite's LIKE). Asked as such of every line, that is six LIKEs a line, 0.7 s of one
 * core at a million lines. But most columns repeat a few hundred values, and each imported file
 * lists its different values of every column that is not too varied (migration 0018). So the word
 * is first matched against those lists, with the same LIKE, and a column is then asked:
 * - nothing, where no listed value holds the word (most columns, for most words);
 * - `IN (the values that hold it)`, a lookup rather than a scan of the text;
 * - the LIKE itself only on lines of files that do not list it (references, most descriptions),
 *   and where too many listed values match for a lookup to be worth it; and not on a file whose
 *   values of the column lack one of the word's characters (migration 0019: a search for a name
 *   does not read references made of a few letters and digits).
 * A line matches the result exactly when it matches the six LIKEs: a listed column's value is one
 * of its file's values, and is in the IN list exactly when it holds the word; a value without one
 * of the word's characters cannot hold it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { fileRange, inKeyRanges } from './aggregates';
import { charSet, mayHold } from './columnChars';

/** The columns a search looks in, in the order they are asked. */
export const SEARCHED_COLUMNS = ['supplier', 'service_area', 'expense_type', 'description', 'transaction_ref', 'org_unit'] as const;
export type SearchedColumn = (typeof SEARCHED_COLUMNS)[number];

/**
 * More matching values than this in a column: the LIKE, not a lookup. A lookup among a few values
 * beats the LIKE; among many it costs more (measured at a million lines, one core: a word in 134 of
 * 400 suppliers' names took 0.33 s by lookup, 0.22 s by LIKE with the other columns left out).
 */
const MOST_LOOKED_UP = 16;
/** Values looked up in one search, at most (SQLite takes 32,766 parameters; a search has up to 100 words). */
const LOOKUP_BUDGET = 3000;
/** Runs of files that do not list a column, at most, for the LIKE to be kept to their lines; past it, every line is asked. */
const MOST_RANGES = 8;

const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Consecutive file numbers as ranges of line keys [from, to), one range per run. */
function rangesOf(fileNos: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const f of [...fileNos].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    const [from, to] = fileRange(f);
    if (last && last[1] === from) last[1] = to;
    else ranges.push([from, to]);
  }
  return ranges;
}

/**
 * The condition for each word (all must hold), over the files in reach (null: every file). Built
 * from the lists as they are now, it stays right as files come and go: a file deleted only leaves
 * values no line holds, and a file imported after it was built (a read racing an import) is past
 * every file it knew, where each word is asked with the LIKEs.
 */
export function searchConditions(sqlite: BetterSqlite3.Database, fileNos: number[] | null, words: string[]): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (words.length === 0) return { where, params };
  const inReach = fileNos ? `file_no IN (${fileNos.map(() => '?').join(',')})` : '1';
  const reach = fileNos ?? (sqlite.prepare('SELECT file_no FROM spend_files').pluck().all() as number[]);
  const listedRows = sqlite.prepare(`SELECT field, file_no FROM spend_file_fields WHERE ${inReach}`).raw().all(...(fileNos ?? [])) as [string, number][];
  const listed = new Map<string, Set<number>>(SEARCHED_COLUMNS.map((c) => [c, new Set()]));
  for (const [field, fileNo] of listedRows) listed.get(field)?.add(fileNo);
  // Per column, the files in reach that do not list it, each with its values' characters when known.
  const charRows = sqlite.prepare(`SELECT field, file_no, chars FROM spend_file_chars WHERE ${inReach}`).raw().all(...(fileNos ?? [])) as [string, number, string][];
  const chars = new Map<string, Map<number, string>>(SEARCHED_COLUMNS.map((c) => [c, new Map()]));
  for (const [field, fileNo, known] of charRows) chars.get(field)?.set(fileNo, known);
  // As sets when a word is first checked against them (most searches check few files' characters).
  const sets = new Map<string, Set<number>>();
  const setOf = (known: string) => sets.get(known) ?? sets.set(known, charSet(known)).get(known)!;
  const unlisted = new Map(SEARCHED_COLUMNS.map((c) => [c, reach.filter((f) => !listed.get(c)!.has(f))]));
  /**
   * The lines of a column's unlisted files that may hold the word, as ranges of keys; null when that
   * is every file in reach, or too many runs of them to be worth telling apart (every line is asked).
   */
  const mayHoldIn = (column: SearchedColumn, word: string): [number, number][] | null => {
    const known = chars.get(column)!;
    const files = unlisted.get(column)!.filter((f) => {
      const c = known.get(f);
      return c === undefined || mayHold(setOf(c), word);
    });
    const ranges = rangesOf(files);
    return files.length === reach.length || ranges.length > MOST_RANGES ? null : ranges;
  };
  const matching = sqlite.prepare(`SELECT DISTINCT field, value FROM spend_file_values WHERE ${inReach} AND value LIKE ? ESCAPE '\\'`).raw();
  const newest = reach.length ? Math.max(...reach) : 0;
  let budget = LOOKUP_BUDGET;

  for (const word of words) {
    const pattern = likeWord(word);
    const values = new Map<string, string[]>(SEARCHED_COLUMNS.map((c) => [c, []]));
    if (listedRows.length) for (const [field, value] of matching.all(...(fileNos ?? []), pattern) as [string, string][]) values.get(field)?.push(value);
    const terms: string[] = [];
    let everyLineAsked = true;
    for (const column of SEARCHED_COLUMNS) {
      const found = values.get(column)!;
      const elsewhere = mayHoldIn(column, word);
      if (elsewhere === null || found.length > MOST_LOOKED_UP || found.length > budget) {
        terms.push(`l.${column} LIKE ? ESCAPE '\\'`);
        params.push(pattern);
        continue;
      }
      everyLineAsked = false;
      if (found.length) {
        terms.push(`l.${column} IN (${found.map(() => '?').join(',')})`);
        params.push(...found);
        budget -= found.length;
      }
      if (elsewhere.length) {
        terms.push(`(${inKeyRanges(elsewhere.length)} AND l.${column} LIKE ? ESCAPE '\\')`);
        params.push(...elsewhere.flat(), pattern);
      }
    }
    // Lines of a file imported since the lists were read (every file, when none was chosen).
    if (!fileNos && !everyLineAsked) {
      terms.push(`(l.line_key >= ? AND (${SEARCHED_COLUMNS.map((c) => `l.${c} LIKE ? ESCAPE '\\'`).join(' OR ')}))`);
      params.push(fileRange(newest)[1], ...Array(SEARCHED_COLUMNS.length).fill(pattern));
    }
    where.push(terms.length ? `(${terms.join(' OR ')})` : '0');
  }
  return { where, params };
}
