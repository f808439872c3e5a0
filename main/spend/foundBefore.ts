/**
 * What a search (or a rule's filter) found, remembered on a read connection until the data
 * changes. Counting a search reads every line (0.3–0.5 s at a million lines); the next page of it,
 * or the same search in another order, needs the same count, so it is not counted again.
 *
 * Only on a read-only connection: PRAGMA data_version changes with every commit made by any other
 * connection, which is what makes a remembered count safe, but not with the connection's own.
 */
import type BetterSqlite3 from 'better-sqlite3';

export interface Found {
  n: number;
  p: number;
  /** The keys of the lines found, as a JSON array, while they are few; null otherwise. */
  keys: string | null;
}

/** Searches remembered per connection (the keys kept are at most ~70 KB each). */
const KEPT = 16;

const memos = new WeakMap<BetterSqlite3.Database, { version: number; found: Map<string, Found> }>();

export async function foundBefore(sqlite: BetterSqlite3.Database, selection: string, count: () => Found | Promise<Found>): Promise<Found> {
  if (!sqlite.readonly) return count();
  // Read before counting: a commit landing after it leaves a count filed under the version before
  // that commit, which the next call finds out of date and counts again. Never the other way round.
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  let memo = memos.get(sqlite);
  if (!memo || memo.version !== version) {
    memo = { version, found: new Map() };
    memos.set(sqlite, memo);
  }
  const before = memo.found.get(selection);
  if (before) {
    // Most recently used last, so the oldest goes first when the memo is full.
    memo.found.delete(selection);
    memo.found.set(selection, before);
    return before;
  }
  const found = await count();
  memo.found.set(selection, found);
  if (memo.found.size > KEPT) memo.found.delete(memo.found.keys().next().value!);
  return found;
}
