import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../../shared/errors';
import { MIGRATIONS } from './migrations';
import { migrate, schemaVersionOf, tooNew, type MigrateReport } from './migrate';
import { companionPaths } from './paths';

export interface OpenOptions {
  /** Path to an Electron-ABI better_sqlite3.node (the packaged app); Node's build is used otherwise. */
  nativeBinding?: string;
  /**
   * Open an existing, up-to-date file without the right to write it (SQLite refuses any write):
   * no migration, no snapshot, no pragma that changes the file. A file that does not exist or
   * needs migrating is refused instead.
   */
  readOnly?: boolean;
}

/** `DB` is the kysely type of the whole database, which the caller composes (main/core/database.ts). */
export interface Connection<DB> {
  path: string;
  sqlite: BetterSqlite3.Database;
  db: Kysely<DB>;
  migration: MigrateReport;
  readOnly: boolean;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) a workbench database: refuses a file from a newer version before
 * touching it, sets the durability pragmas, snapshots and migrates.
 */
// The default lets a caller that only needs the file (tests, tools) leave the type out.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function openDatabase<DB = any>(dbPath: string, opts: OpenOptions = {}): Connection<DB> {
  if (opts.readOnly) return openReadOnly(dbPath, opts);
  const exists = fs.existsSync(dbPath);
  if (exists) refuseIfTooNew(dbPath, opts);
  else fs.mkdirSync(path.dirname(dbPath), { recursive: true });

  const sqlite = new BetterSqlite3(dbPath, { nativeBinding: opts.nativeBinding });
  try {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit survives power loss, which a laptop on battery will meet sooner or later.
    sqlite.pragma('synchronous = FULL');
    setSessionPragmas(sqlite);
    const migration = migrate(sqlite, MIGRATIONS, { snapshotsDir: companionPaths(dbPath).snapshotsDir });
    return connection(dbPath, sqlite, migration, false);
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

function openReadOnly<DB>(dbPath: string, opts: OpenOptions): Connection<DB> {
  if (!fs.existsSync(dbPath)) throw new AppError('NOT_FOUND', `There is no workbench database at ${dbPath} (nothing was created: it was opened read-only).`);
  refuseIfTooNew(dbPath, opts);
  const sqlite = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, nativeBinding: opts.nativeBinding });
  try {
    // Per-connection settings only: journal_mode is a property of the file and is left as it is.
    setSessionPragmas(sqlite);
    const version = schemaVersionOf(sqlite);
    const latest = MIGRATIONS.length;
    if (version < latest) {
      throw new AppError(
        'REFUSED',
        `This database is at schema version ${version} and needs upgrading to version ${latest}, which cannot be done read-only. ` +
          'Open it once normally (a snapshot is taken first) and try again; nothing was changed.',
      );
    }
    return connection(dbPath, sqlite, { from: version, to: version, snapshot: null }, true);
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

function setSessionPragmas(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

function connection<DB>(dbPath: string, sqlite: BetterSqlite3.Database, migration: MigrateReport, readOnly: boolean): Connection<DB> {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return {
    path: dbPath,
    sqlite,
    db,
    migration,
    readOnly,
    // Kysely's destroy() closes the better-sqlite3 handle for us.
    close: () => db.destroy(),
  };
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
