/** Messages between countHost.ts (the thread serving pages) and a counting worker (spendWorker.ts, role 'count'). */
export type ToCounter =
  /** Read one range of lines (splitReads.ts) on the worker's own read connection: its first row, or the first column of every row. */
  | { type: 'read'; id: number; dbPath: string; nativeBinding?: string; sql: string; params: unknown[]; all: boolean }
  /** A workbench closes: the worker closes its connection to that database. */
  | { type: 'close'; dbPath: string };

export type FromCounter =
  | { type: 'ready' }
  | { type: 'done'; id: number; value: unknown }
  | { type: 'failed'; id: number; message: string }
  | { type: 'closed'; dbPath: string };
