import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { MIGRATIONS } from './migrations';
import { migrate, schemaVersionOf, type MigrateReport } from './migrate';
import { nativeBindingFor } from './native';
import { createPrivateFile, privateDir, prune, tightenAll } from './housekeeping';
import { APPLICATION_ID } from './ownership';
import { companionPaths } from './paths';
import { openReadOnlySqlite, refuseIfTooNew, setSessionPragmas } from './readOnly';

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
  // Another program's database is refused here, untouched (ownership.ts); a newer version's too.
  if (exists) refuseIfTooNew(dbPath, opts);
  else {
    privateDir(path.dirname(dbPath));
    // Created empty and private first: SQLite's WAL and shared-memory files take the same mode.
    createPrivateFile(dbPath);
  }

  const sqlite = new BetterSqlite3(dbPath, { nativeBinding: nativeBindingFor(opts.nativeBinding) });
  try {
    sqlite.pragma('journal_mode = WAL');
    // FULL: a commit survives power loss, which a laptop on battery will meet sooner or later.
    sqlite.pragma('synchronous = FULL');
    setSessionPragmas(sqlite);
    const paths = companionPaths(dbPath);
    const migration = migrate(sqlite, MIGRATIONS, { snapshotsDir: paths.snapshotsDir });
    // Marks the file as ours (a new file, or one from before the application_id).
    if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
    tightenAll(dbPath, paths);
    prune(paths);
    return connection(dbPath, sqlite, migration, false);
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/**
 * A second, read-only connection to a database this process has open for writing (and so has
 * migrated): queries run on it while a long write holds the other connection. In WAL mode a
 * reader sees the last commit and never waits for a writer, so a page stays quick during a
 * million-line import and never shows half of one.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function openReader<DB = any>(dbPath: string, opts: Pick<OpenOptions, 'nativeBinding'> = {}): Connection<DB> {
  const sqlite = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingFor(opts.nativeBinding) });
  try {
    setSessionPragmas(sqlite);
    sqlite.pragma(`mmap_size = ${READER_MMAP_BYTES}`);
    const version = schemaVersionOf(sqlite);
    return connection(dbPath, sqlite, { from: version, to: version, snapshot: null }, true);
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/**
 * Queries read the file through a memory map rather than copying each page into SQLite's cache: a
 * page sorting a million lines reads the whole table, and took a fifth to a third less time
 * (`npm run bench -- spend`). Only the read connection: the writer's pages are ones it changes. A
 * gigabyte covers some five million lines; beyond that SQLite reads the rest as before. The mapped
 * pages are the operating system's file cache, given back under memory pressure.
 */
const READER_MMAP_BYTES = 1024 * 1024 * 1024;

function openReadOnly<DB>(dbPath: string, opts: OpenOptions): Connection<DB> {
  const sqlite = openReadOnlySqlite(dbPath, opts);
  const version = schemaVersionOf(sqlite);
  return connection(dbPath, sqlite, { from: version, to: version, snapshot: null }, true);
}

function connection<DB>(dbPath: string, sqlite: BetterSqlite3.Database, migration: MigrateReport, readOnly: boolean): Connection<DB> {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return {
    path: dbPath,
    sqlite,
    db,
    migration,
    readOnly,
    // Kysely's destroy() closes the better-sqlite3 handle only if kysely ever used it (its driver
    // connects lazily), so close it ourselves when it is still open: a closed workbench holds no file.
    close: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}
