/**
 * Prepared statements, kept per connection: sync runs the same few dozen statements thousands of
 * times, and preparing one costs more than running it.
 */
import type BetterSqlite3 from 'better-sqlite3';

const cache = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

export function sql(db: BetterSqlite3.Database, text: string): BetterSqlite3.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = db.prepare(text)));
  return s;
}
