import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from './migrations';
import { migrate, schemaVersionOf, tooNew, type MigrateReport } from './migrate';
import { companionPaths } from './paths';
import type { Database } from '../core/database';

export interface OpenOptions {
  /** Path to an Electron-ABI better_sqlite3.node (the packaged app); Node's build is used otherwise. */
  nativeBinding?: string;
  readonly?: boolean;
}

export interface Connection {
  path: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<Database>;
  migration: MigrateReport;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) a workbench database: refuses a file from a newer version before
 * touching it, sets the durability pragmas, snapshots and migrates.
 */
export function openDatabase(dbPath: string, opts: OpenOptions = {}): Connection {
  const exists = fs.existsSync(dbPath);
  if (exists) refuseIfTooNew(dbPath, opts);
  else fs.mkdirSync(path.dirname(dbPath), { recursive: true });

  const sqlite = new BetterSqlite3(dbPath, { nativeBinding: opts.nativeBinding });
  try {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit survives power loss, which a laptop on battery will meet sooner or later.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const migration = migrate(sqlite, MIGRATIONS, { snapshotsDir: companionPaths(dbPath).snapshotsDir });
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
    return {
      path: dbPath,
      sqlite,
      db,
      migration,
      // Kysely's destroy() closes the better-sqlite3 handle for us.
      close: () => db.destroy(),
    };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

function refuseIfTooNew(dbPath: string, opts: OpenOptions): void {
  const probe = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding });
  try {
    const found = schemaVersionOf(probe);
    const supported = MIGRATIONS.length;
    if (found > supported) throw tooNew(found, supported);
  } finally {
    probe.close();
  }
}
