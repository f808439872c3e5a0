import os from 'node:os';
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './database';
import { companionPaths } from '../db/paths';
import type { WriteContext } from '../db/records';
import type { Policy } from './policy';
import type { WriteQueue } from './writeQueue';

/** Everything a service needs, handed in by whoever opened the database (app, CLI, tests). */
export interface ServiceContext {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  dbPath: string;
  paths: ReturnType<typeof companionPaths>;
  mode: 'desktop' | 'browser' | 'cli';
  appVersion: string;
  /** Current time; injectable so tests can pin it. */
  now(): Date;
  /** What only the desktop shell can do; absent in browser mode and the CLI. */
  platform?: PlatformServices;
  /** The machine's central policy (main/core/policy.ts); absent means nothing is managed. */
  policy?: Policy;
  /** The Electron-ABI better-sqlite3 the database was opened with, for worker threads that open their own connection. */
  nativeBinding?: string;
  /** Writes one at a time (the dispatcher queues every method that mutates); absent in a bare context. */
  writes?: WriteQueue;
  /** Registers something to release when the workbench closes (a worker thread and its connection). */
  onClose?(release: () => Promise<void>): void;
}

export interface PlatformServices {
  /** Opens a file with the system's default viewer (shell.openPath). */
  openPath(file: string): Promise<void>;
  /** Encrypts a secret with the OS keychain (Electron safeStorage), when available. */
  protectSecret?(plain: Buffer): Buffer;
  unprotectSecret?(sealed: Buffer): Buffer;
  /** Prints an HTML file to PDF with the shell's own Chromium (webContents.printToPDF). */
  printToPdf?(htmlFile: string, pdfFile: string): Promise<void>;
}

export async function currentActor(ctx: ServiceContext): Promise<string> {
  const row = await ctx.db.selectFrom('meta').select('value').where('key', '=', 'actor').executeTakeFirst();
  return row?.value ?? defaultActor();
}

function defaultActor(): string {
  try {
    return os.userInfo().username || 'Unknown user';
  } catch {
    return 'Unknown user';
  }
}

export async function writeContext(ctx: ServiceContext): Promise<WriteContext> {
  return { actor: await currentActor(ctx), now: ctx.now().toISOString() };
}
