/**
 * Messages between countHost.ts (the thread serving pages) and a counting worker (spendWorker.ts,
 * role 'count'), and how one part is read, the same on either side.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** One read of a part (splitReads.ts): its first row, or the first column of every row. */
export interface PartRead {
  sql: string;
  params: unknown[];
  all: boolean;
}

export function runRead(sqlite: BetterSqlite3.Database, read: PartRead): unknown {
  const statement = sqlite.prepare(read.sql);
  return read.all ? statement.pluck().all(...read.params) : statement.get(...read.params);
}
export type ToCounter =
  /** Read one part of the lines (splitReads.ts) on the worker's own read connection. */
  | ({ type: 'read'; id: number; dbPath: string; nativeBinding?: string } & PartRead)
  /** A workbench closes: the worker closes its connection to that database. */
  | { type: 'close'; dbPath: string };

export type FromCounter =
  | { type: 'ready' }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; message: string }
  | { type: 'closed'; dbPath: string };
