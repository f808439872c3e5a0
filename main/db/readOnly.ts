/**
 * Read-only opens with the driver alone (no kysely, no services), shared by connection.ts and by
 * `tpw check`, which must start in a fraction of a second.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { MIGRATIONS } from './migrations';
import { schemaVersionOf, tooNew } from './migrate';
import { nativeBindingFor } from './native';
import { ownershipOf } from './ownership';

export interface ReadOnlyOptions {
  nativeBinding?: string;
}

/** Refuses another program's file, or one written by a newer version, before anything touches it. */
export function refuseIfTooNew(dbPath: string, opts: ReadOnlyOptions): void {
  ownershipOf(dbPath);
  const probe = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingFor(opts.nativeBinding) });
  try {
    const found = schemaVersionOf(probe);
    const supported = MIGRATIONS.length;
    if (found > supported) throw tooNew(found, supported);
  } finally {
    probe.close();
  }
}

/**
 * Opens an existing, up-to-date file without the right to write it (SQLite refuses any write): no
 * migration, no snapshot, no pragma that changes the file. A missing file, or one that needs
 * migrating, is refused instead.
 */
export function openReadOnlySqlite(dbPath: string, opts: ReadOnlyOptions = {}): BetterSqlite3.Database {
  if (!fs.existsSync(dbPath)) throw new AppError('NOT_FOUND', `There is no workbench database at ${dbPath} (nothing was created: it was opened read-only).`);
  refuseIfTooNew(dbPath, opts);
  const sqlite = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true, nativeBinding: nativeBindingFor(opts.nativeBinding) });
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
    return sqlite;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

export function setSessionPragmas(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/** What `tpw check` reports: SQLite's integrity check and the schema version, read-only. */
export function inspectDatabase(dbPath: string, opts: ReadOnlyOptions = {}): { integrity: string; schemaVersion: number } {
  const sqlite = openReadOnlySqlite(dbPath, opts);
  try {
    return { integrity: sqlite.pragma('integrity_check', { simple: true }) as string, schemaVersion: schemaVersionOf(sqlite) };
  } finally {
    sqlite.close();
  }
}
