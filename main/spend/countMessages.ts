/** Messages between countHost.ts (the thread serving pages) and a counting worker (spendWorker.ts, role 'count'). */
import type { Found } from './foundBefore';

export type ToCounter =
  /** Count one range of lines: the SQL is linesQuery's ranged scan, run on the worker's own read connection. */
  | { type: 'count'; id: number; dbPath: string; nativeBinding?: string; sql: string; params: unknown[] }
  /** A workbench closes: the worker closes its connection to that database. */
  | { type: 'close'; dbPath: string };

export type FromCounter =
  | { type: 'ready' }
  | { type: 'counted'; id: number; value: Found }
  | { type: 'failed'; id: number; message: string }
  | { type: 'closed'; dbPath: string };
