import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { MIGRATIONS } from '../../main/db/migrations';
import { migrate, schemaVersionOf, type Migration } from '../../main/db/migrate';
import { AppError } from '../../shared/errors';
import { tempDir } from '../helpers/workbench';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/**
 * Data written at version N-1 that migration N must carry over. Each new migration adds an entry
 * for the version before it, so every migration is tested from its predecessor with data in it.
 */
const SEED_AT_VERSION: Record<number, (db: BetterSqlite3.Database) => void> = {
  1: (db) => {
    db.prepare(`INSERT INTO organisations (id, rev, created_at, updated_at, name, type) VALUES ('00000000-0000-7000-8000-000000000001', '1-aaaaaaaa', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Borough Council', 'council')`).run();
    db.prepare(`INSERT INTO hypotheses (id, rev, created_at, updated_at, statement, status) VALUES ('00000000-0000-7000-8000-000000000002', '1-bbbbbbbb', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Falls prevention saves money', 'testing')`).run();
  },
  2: (db) => {
    db.prepare(`INSERT INTO evidence_items (id, rev, created_at, updated_at, title, kind, sensitivity, citizen_perspective) VALUES ('00000000-0000-7000-8000-000000000003', '1-cccccccc', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', 'Mrs B''s journey after a fall', 'citizen_journey', 'partners', 1)`).run();
  },
  3: (db) => {
    db.prepare(`INSERT INTO spend_files (id, file_no, sha256, file_name, organisation_id, kind, header_row, date_order, mapping, skipped, imported_at, imported_by, row_count, total_pence) VALUES ('00000000-0000-7000-8000-000000000004', 1, '${'a'.repeat(64)}', 'spend.csv', '00000000-0000-7000-8000-000000000001', 'csv', 1, 'dmy', '{}', '[]', '2026-01-03T00:00:00Z', 'test', 1, 12345)`).run();
    db.prepare(`INSERT INTO spend_lines (line_key, file_no, row_number, date, financial_year, amount_pence, supplier) VALUES (4294967298, 1, 2, '2026-01-03', '2025-26', 12345, 'Acme Care Ltd')`).run();
  },
  4: (db) => {
    db.prepare(`INSERT INTO interventions (id, rev, created_at, updated_at, name, start_year, years, price_year, discount, optimism_bias, simulation) VALUES ('00000000-0000-7000-8000-000000000005', '1-dddddddd', '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z', 'Integrated falls service', '2026-27', 5, '2026-27', '{"schedule":"green-book"}', '{"costs":0,"benefits":0}', '{"iterations":1000,"seed":1}')`).run();
  },
  5: (db) => {
    db.prepare(`INSERT INTO learning_entries (id, rev, created_at, updated_at, kind, title, occurred_on) VALUES ('00000000-0000-7000-8000-000000000006', '1-eeeeeeee', '2026-01-05T00:00:00Z', '2026-01-05T00:00:00Z', 'failed', 'Data sharing agreement took four months', '2026-01-05')`).run();
  },
};

describe('migrations', () => {
  it('are numbered 1..N without gaps, and a fresh file reaches the latest version', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const db = new BetterSqlite3(path.join(fresh(), 'a.db'));
    const report = migrate(db, MIGRATIONS, { snapshotsDir: path.join(fresh(), 'snaps') });
    expect(report).toMatchObject({ from: 0, to: MIGRATIONS.length, snapshot: null });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const all = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string; sql: string }[];
    // Virtual tables (FTS5) and their shadow tables cannot be STRICT; every ordinary table must be
    // (a table may also be WITHOUT ROWID).
    const virtual = all.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
    const tables = all.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`)));
    for (const t of tables) expect(t.sql, `${t.name} should be STRICT`).toMatch(/\)\s*(STRICT(\s*,\s*WITHOUT ROWID)?|WITHOUT ROWID\s*,\s*STRICT)\s*$/);
    db.close();
  });

  it('each migration upgrades a file at the previous version and keeps its data', () => {
    for (let v = 1; v <= MIGRATIONS.length; v++) {
      const dir = fresh();
      const db = new BetterSqlite3(path.join(dir, 'w.db'));
      // Each seed is written at its own version (a later schema may no longer take it as written).
      for (let s = 1; s < v; s++) {
        migrate(db, MIGRATIONS.slice(0, s), { snapshotsDir: path.join(dir, 'snaps') });
        SEED_AT_VERSION[s]?.(db);
      }
      const countsBefore = countRows(db);
      const report = migrate(db, MIGRATIONS.slice(0, v), { snapshotsDir: path.join(dir, 'snaps') });
      expect(report.to).toBe(v);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const [table, n] of Object.entries(countsBefore)) expect(countRows(db)[table], `${table} after migration ${v}`).toBe(n);
      SEED_AT_VERSION[v]?.(db); // the new schema accepts the data the next migration will be tested with
      db.close();
    }
    // Every version from scratch: quadratic in the number of migrations, so more than the default time.
  }, 120_000);

  it('takes a VACUUM INTO snapshot before migrating an existing file', () => {
    const dir = fresh();
    const file = path.join(dir, 'w.db');
    const db = new BetterSqlite3(file);
    migrate(db, MIGRATIONS, { snapshotsDir: path.join(dir, 'snaps') });
    SEED_AT_VERSION[1]!(db);
    const extra: Migration = { version: MIGRATIONS.length + 1, name: 'test_extra', up: (d) => d.exec('CREATE TABLE extra (x INTEGER) STRICT') };
    const report = migrate(db, [...MIGRATIONS, extra], { snapshotsDir: path.join(dir, 'snaps') });
    expect(report.snapshot).not.toBeNull();
    const snap = new BetterSqlite3(report.snapshot!, { readonly: true });
    expect(schemaVersionOf(snap)).toBe(MIGRATIONS.length);
    expect((snap.prepare('SELECT count(*) n FROM organisations').get() as { n: number }).n).toBe(1);
    snap.close();
    db.close();
  });

  it('a failing migration leaves the file exactly at the previous version', () => {
    const dir = fresh();
    const db = new BetterSqlite3(path.join(dir, 'w.db'));
    migrate(db, MIGRATIONS, { snapshotsDir: path.join(dir, 'snaps') });
    SEED_AT_VERSION[1]!(db);
    const schemaBefore = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: (d) => {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        d.exec(`UPDATE organisations SET name = 'changed'`);
        d.exec('THIS IS NOT SQL');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken], { snapshotsDir: path.join(dir, 'snaps') })).toThrow();
    expect(schemaVersionOf(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schemaBefore);
    expect((db.prepare('SELECT name FROM organisations').get() as { name: string }).name).toBe('Borough Council');
    db.close();
  });

  it('refuses a database from a newer version with a clear message and writes nothing', () => {
    const dir = fresh();
    const file = path.join(dir, 'w.db');
    const conn = openDatabase(file);
    conn.sqlite.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    conn.sqlite.close();
    const before = sha(file);
    const filesBefore = fs.readdirSync(dir).sort();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DB_TOO_NEW');
    expect((error as AppError).message).toMatch(/newer workbench/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(dir).sort().filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal'))).toEqual(filesBefore.filter((f) => !f.endsWith('-shm') && !f.endsWith('-wal')));
  });

  it('opens with WAL, synchronous=FULL and foreign keys on', async () => {
    const conn = openDatabase(path.join(fresh(), 'w.db'));
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await conn.close();
  });
});

function countRows(db: BetterSqlite3.Database): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE '%fts%' AND name <> 'schema_migrations'`).all() as { name: string }[];
  return Object.fromEntries(tables.map((t) => [t.name, (db.prepare(`SELECT count(*) n FROM "${t.name}"`).get() as { n: number }).n]));
}
