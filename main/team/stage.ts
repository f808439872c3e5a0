/**
 * Where the checked items of files read in one sync wait until their file's signed hash has been
 * seen to match: a private SQLite file in the temp folder (beside the database), thrown away after
 * the sync. Memory holds one item at a time, however large a snapshot is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { TeamItem } from './fileFormat';

export interface StagedItem {
  seq: number;
  item: TeamItem;
}

export class Stage {
  private readonly db: BetterSqlite3.Database;
  private readonly file: string;
  private readonly insert: BetterSqlite3.Statement;
  private readonly touch: BetterSqlite3.Statement;

  constructor(tempDir: string) {
    fs.mkdirSync(tempDir, { recursive: true });
    this.file = path.join(tempDir, `team-stage-${randomBytes(6).toString('hex')}.db`);
    this.db = new BetterSqlite3(this.file);
    // Scratch: thrown away whatever happens, so no journal and no fsync.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE items (seq INTEGER PRIMARY KEY, file INTEGER NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL);
      CREATE INDEX items_file ON items (file, kind, seq);
      CREATE TABLE touched (file INTEGER NOT NULL, ord INTEGER NOT NULL, tbl TEXT NOT NULL, rid TEXT NOT NULL, PRIMARY KEY (file, tbl, rid));
    `);
    // One transaction for the stage's whole life: writes are not each their own commit (the file is
    // scratch, read back within the same transaction, and deleted unsaved at the end).
    this.db.exec('BEGIN');
    this.insert = this.db.prepare('INSERT INTO items (file, kind, body) VALUES (?, ?, ?)');
    this.touch = this.db.prepare('INSERT OR IGNORE INTO touched (file, ord, tbl, rid) VALUES (?, ?, ?, ?)');
  }

  add(file: number, item: TeamItem): void {
    this.insert.run(file, item.k, JSON.stringify(item));
  }

  /** Records that a file's items changed; `ord` is the table's place in dependency order. */
  touched(file: number, ord: number, table: string, id: string): void {
    this.touch.run(file, ord, table, id);
  }

  /** A file's items of one kind, in the order they were read (a page at a time: the stage stays writable meanwhile). */
  *items(file: number, kind: TeamItem['k']): Generator<TeamItem> {
    const page = this.db.prepare('SELECT seq, body FROM items WHERE file = ? AND kind = ? AND seq > ? ORDER BY seq LIMIT 500');
    for (let after = 0; ; ) {
      const rows = page.all(file, kind, after) as { seq: number; body: string }[];
      for (const r of rows) yield JSON.parse(r.body) as TeamItem;
      if (rows.length < 500) return;
      after = rows.at(-1)!.seq;
    }
  }

  count(file: number, kind?: TeamItem['k']): number {
    const r = kind
      ? (this.db.prepare('SELECT count(*) AS n FROM items WHERE file = ? AND kind = ?').get(file, kind) as { n: number })
      : (this.db.prepare('SELECT count(*) AS n FROM items WHERE file = ?').get(file) as { n: number });
    return r.n;
  }

  /** Records a file changed, in dependency order (referenced tables first), a page at a time. */
  *touchedRecords(file: number): Generator<{ table: string; id: string }> {
    const page = this.db.prepare('SELECT rowid AS k, tbl, rid FROM touched WHERE file = ? ORDER BY ord, tbl, rid LIMIT 500 OFFSET ?');
    for (let offset = 0; ; offset += 500) {
      const rows = page.all(file, offset) as { tbl: string; rid: string }[];
      for (const r of rows) yield { table: r.tbl, id: r.rid };
      if (rows.length < 500) return;
    }
  }

  /** Forgets a file's items (it was applied, or turned out not to be usable). */
  drop(file: number): void {
    this.db.prepare('DELETE FROM items WHERE file = ?').run(file);
    this.db.prepare('DELETE FROM touched WHERE file = ?').run(file);
  }

  close(): void {
    this.db.close();
    fs.rmSync(this.file, { force: true });
  }
}
