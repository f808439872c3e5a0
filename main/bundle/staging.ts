/**
 * Where checked records wait between reading a bundle and applying it: a private SQLite file in
 * the import's staging folder (beside the database, so on the same disk, and removed with it).
 * Records go in one at a time as they are read, so however large a bundle is, memory holds one
 * record; planning and applying read them back in pages. Nothing here touches the workbench's
 * own database.
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { createPrivateFile } from '../db/housekeeping';
import type { Revision } from './format';
import type { CheckedRecord } from './records';

export type StagedAction = 'add' | 'update' | 'conflict' | 'unchanged';

export interface StagedRecord {
  seq: number;
  table: string;
  id: string;
  rev: string;
  label: string;
  row: Record<string, unknown>;
  history: Revision[];
  action: StagedAction | null;
  localRev: string | null;
  replaces: string | null;
}

interface RawStaged {
  seq: number;
  tbl: string;
  id: string;
  rev: string;
  label: string;
  row: string;
  history: string;
  action: StagedAction | null;
  local_rev: string | null;
  replaces: string | null;
}

export interface StagedKey {
  seq: number;
  id: string;
  rev: string;
  label: string;
  name: unknown;
  deleted: boolean;
}

const PAGE = 500;

export class Staging {
  private readonly db: BetterSqlite3.Database;
  private readonly insertRecord: BetterSqlite3.Statement;
  private readonly insertExtra: BetterSqlite3.Statement;
  private readonly insertBlob: BetterSqlite3.Statement;
  private open = true;

  constructor(dir: string) {
    const file = path.join(dir, 'records.db');
    createPrivateFile(file);
    this.db = new BetterSqlite3(file);
    // A scratch file: thrown away on any failure, so no journal and no fsync.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE records (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL, label TEXT NOT NULL,
        row TEXT NOT NULL, history TEXT NOT NULL, action TEXT, local_rev TEXT, replaces TEXT, UNIQUE (tbl, id));
      CREATE TABLE extra (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row TEXT NOT NULL);
      CREATE TABLE blobs (sha256 TEXT PRIMARY KEY, tbl TEXT NOT NULL, label TEXT NOT NULL);
    `);
    this.insertRecord = this.db.prepare('INSERT INTO records (tbl, id, rev, label, row, history) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertExtra = this.db.prepare('INSERT INTO extra (tbl, row) VALUES (?, ?)');
    this.insertBlob = this.db.prepare('INSERT OR IGNORE INTO blobs (sha256, tbl, label) VALUES (?, ?, ?)');
    this.db.exec('BEGIN');
  }

  addRecord(r: CheckedRecord, where: string): void {
    try {
      this.insertRecord.run(r.table, r.row.id as string, r.row.rev as string, r.label, JSON.stringify(r.row), JSON.stringify(r.history));
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AppError('BAD_FILE', `${where} lists the same record twice; refused.`);
      throw e;
    }
    for (const sha of r.blobs) this.insertBlob.run(sha, r.table, r.label);
  }

  addExtra(table: string, row: Record<string, unknown>): void {
    this.insertExtra.run(table, JSON.stringify(row));
  }

  /** Ends the reading phase. Planning then writes its decisions in one more transaction (never committed one by one). */
  sealed(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.exec('BEGIN');
  }

  /** Tables that have records staged. */
  tables(): string[] {
    return (this.db.prepare('SELECT DISTINCT tbl FROM records').all() as { tbl: string }[]).map((r) => r.tbl);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  }

  /** Every staged record of a table (optionally only those given an action), a page at a time. */
  *records(table: string, action?: StagedAction): Generator<StagedRecord[]> {
    const stmt = this.db.prepare(
      `SELECT seq, tbl, id, rev, label, row, history, action, local_rev, replaces FROM records WHERE tbl = ? ${action ? 'AND action = ?' : ''} AND seq > ? ORDER BY seq LIMIT ${PAGE}`,
    );
    let after = 0;
    for (;;) {
      const page = (action ? stmt.all(table, action, after) : stmt.all(table, after)) as RawStaged[];
      if (page.length === 0) return;
      after = page.at(-1)!.seq;
      yield page.map((r) => ({
        seq: r.seq,
        table: r.tbl,
        id: r.id,
        rev: r.rev,
        label: r.label,
        row: JSON.parse(r.row) as Record<string, unknown>,
        history: JSON.parse(r.history) as Revision[],
        action: r.action,
        localRev: r.local_rev,
        replaces: r.replaces,
      }));
    }
  }

  /** Ids, revisions and names only (no row bodies), for planning: a page at a time. */
  *keys(table: string): Generator<StagedKey[]> {
    const stmt = this.db.prepare(
      `SELECT seq, id, rev, label, json_extract(row, '$.name') AS name, json_extract(row, '$.deletedAt') IS NOT NULL AS deleted FROM records WHERE tbl = ? AND seq > ? ORDER BY seq LIMIT ${PAGE}`,
    );
    let after = 0;
    for (;;) {
      const page = stmt.all(table, after) as { seq: number; id: string; rev: string; label: string; name: unknown; deleted: number }[];
      if (page.length === 0) return;
      after = page.at(-1)!.seq;
      yield page.map((r) => ({ seq: r.seq, id: r.id, rev: r.rev, label: r.label, name: r.name, deleted: r.deleted === 1 }));
    }
  }

  /** Whether a staged record's history holds this revision. */
  historyHas(seq: number, rev: string): boolean {
    return this.db.prepare("SELECT 1 FROM records, json_each(records.history) WHERE seq = ? AND json_extract(value, '$.rev') = ? LIMIT 1").get(seq, rev) !== undefined;
  }

  setAction(seq: number, action: StagedAction, localRev: string | null = null, replaces: string | null = null): void {
    this.db.prepare('UPDATE records SET action = ?, local_rev = ?, replaces = ? WHERE seq = ?').run(action, localRev, replaces, seq);
  }

  *extraRows(): Generator<{ table: string; row: Record<string, unknown> }[]> {
    const stmt = this.db.prepare(`SELECT seq, tbl, row FROM extra WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`);
    let after = 0;
    for (;;) {
      const page = stmt.all(after) as { seq: number; tbl: string; row: string }[];
      if (page.length === 0) return;
      after = page.at(-1)!.seq;
      yield page.map((r) => ({ table: r.tbl, row: JSON.parse(r.row) as Record<string, unknown> }));
    }
  }

  /** Attachment hashes referred to by staged records, with a record that refers to each. */
  blobs(): { sha256: string; table: string; label: string }[] {
    return (this.db.prepare('SELECT sha256, tbl, label FROM blobs').all() as { sha256: string; tbl: string; label: string }[]).map((b) => ({ sha256: b.sha256, table: b.tbl, label: b.label }));
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    this.db.close();
  }
}
