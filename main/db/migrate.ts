import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { createPrivateFile, privateDir, pruneSnapshots } from './housekeeping';

export interface Migration {
  version: number;
  name: string;
  /** Runs inside the runner's transaction; must not open its own. */
  up(db: BetterSqlite3.Database): void;
}

export interface MigrateOptions {
  /** Where to put the VACUUM INTO copy taken before an existing file is migrated. */
  snapshotsDir: string;
  now?: () => Date;
}

export interface MigrateReport {
  from: number;
  to: number;
  snapshot: string | null;
}

export const schemaVersionOf = (db: BetterSqlite3.Database): number => db.pragma('user_version', { simple: true }) as number;

/**
 * Applies pending migrations, each in its own transaction together with the version bump, so a
 * failure leaves the file exactly at the last good version. The version lives in PRAGMA
 * user_version (in the file header, covered by the transaction); schema_migrations is the audit.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[], opts: MigrateOptions): MigrateReport {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const from = schemaVersionOf(db);
  if (from > latest) throw tooNew(from, latest);
  const pending = migrations.filter((m) => m.version > from);
  let snapshot: string | null = null;
  if (pending.length > 0 && from > 0) snapshot = takeSnapshot(db, opts.snapshotsDir, `before-v${latest}`, opts.now);
  for (const m of pending) {
    db.transaction(() => {
      db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.name,
        (opts.now?.() ?? new Date()).toISOString(),
      );
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: schemaVersionOf(db), snapshot };
}

export function tooNew(found: number, supported: number): AppError {
  return new AppError(
    'DB_TOO_NEW',
    `This database is at schema version ${found}, but this version of the workbench understands up to ${supported}. ` +
      'Install the newer workbench to open it; nothing was changed.',
  );
}

/** A consistent copy of the live database (WAL included) in one file, via VACUUM INTO. */
export function takeSnapshot(db: BetterSqlite3.Database, dir: string, label: string, now?: () => Date): string {
  privateDir(dir);
  const stamp = (now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  let file = path.join(dir, `${stamp}-${label}.db`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(dir, `${stamp}-${label}-${n}.db`);
  // VACUUM INTO writes into an empty file: made first, so the copy is private like the original.
  createPrivateFile(file);
  try {
    db.prepare('VACUUM INTO ?').run(file);
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
  pruneSnapshots(dir);
  return file;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is not contiguous at ${m.name} (expected version ${i + 1})`);
  });
}
