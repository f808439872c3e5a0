/**
 * Applying a teammate's changes so that every member ends up with the same pilot, whatever order
 * the files arrive in. A record's state is decided by its set of revisions, never by clocks:
 *
 *   - every revision anyone made is kept (record_revisions; a revision is its id, its parent, its
 *     full row), and a resolution says which revisions it superseded (team_coverage);
 *   - the record's heads are its revisions that no other revision builds on and no resolution
 *     superseded. One head: that is the record. Several: members changed it concurrently — the
 *     highest head (by sequence, then id: the same on every laptop) is shown, and each other head
 *     is kept beside it as a conflict (bundle_conflicts, bundle_id 'team') for someone to resolve;
 *   - resolving (exchange/conflicts.ts, as for partners) writes a revision on top of the shown one
 *     and records that it superseded the other; that travels like any change, so everyone converges.
 *
 * Files are applied only when what they build on has been applied here (their header's deps), so
 * a revision's parent is always known before the revision: no false conflicts from files arriving
 * out of order. Applying is idempotent — a revision, resolution, row or event already here is
 * skipped — so a file read twice (a sync client's copy) changes nothing the second time.
 *
 * Two members creating records the database requires to be unique (a theme "Older people", the
 * same evidence linked to the same hypothesis, a second pilot) cannot both stay live: the one with
 * the higher id moves to the recycle bin by a revision every member derives identically (same id,
 * same content), with a note saying so. Nothing is lost; it can be renamed and restored.
 *
 * Runs on the raw SQLite connection inside one transaction the caller holds, synchronously (a
 * checked file is applied whole or not at all, and nothing else runs in between).
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { TEAM_CONFLICT_SOURCE } from '../../shared/domain/team';
import { newId } from '../db/ids';
import { APPEND_ONLY_TABLES, recordTable, RECORD_TABLES, type RecordTableSpec } from '../core/recordTables';
import type { Stage } from './stage';
import type { TeamFileHeader } from './fileFormat';
import { sql } from './statements';

type Sql = BetterSqlite3.Database;
type Row = Record<string, unknown>;

/** bundle_conflicts.bundle_id of a conflict between team members (partner conflicts name their bundle). */
export const TEAM_CONFLICT = TEAM_CONFLICT_SOURCE;
/** The actor of revisions team sync derives itself (a duplicate moved to the recycle bin). */
export const SYNC_ACTOR = 'Team sync';

export const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

const seqOf = (rev: string): number => Number(rev.split('-')[0]);
/** The order of revisions every member agrees on: sequence number, then the id itself. */
export const revOrder = (a: string, b: string): number => seqOf(a) - seqOf(b) || (a < b ? -1 : a > b ? 1 : 0);

export const TABLE_ORDER: ReadonlyMap<string, number> = new Map(Object.keys(RECORD_TABLES).map((t, i) => [t, i]));

export interface ApplyEnv {
  sqlite: Sql;
  now: string;
  /** The member's name for an installation, to label conflicts. */
  nameOfInstallation(installationId: string): string | null;
  /** A note for the person (a duplicate moved to the recycle bin). */
  note(key: string, kind: 'duplicate-name', message: string): void;
}

interface Covered {
  by: string;
  choice: string;
}

/** Decides records from their revisions and writes the result: the engine both applying and exporting use. */
export class Settler {
  private readonly revs: BetterSqlite3.Statement;
  private readonly data: BetterSqlite3.Statement;
  private readonly coverage: BetterSqlite3.Statement;
  private readonly resolved: BetterSqlite3.Statement;
  private readonly teamRows: BetterSqlite3.Statement;
  private readonly origin: BetterSqlite3.Statement;
  private readonly insertRevision: BetterSqlite3.Statement;
  private readonly cache = new Map<string, BetterSqlite3.Statement>();
  private readonly uniqueIndexes = new Map<string, { columns: string; where: string }[]>();
  newConflicts = 0;
  changedRecords = 0;

  constructor(private readonly env: ApplyEnv) {
    const db = env.sqlite;
    this.revs = sql(db, 'SELECT rev, parent_rev AS parent FROM record_revisions WHERE table_name = ? AND record_id = ?');
    this.data = sql(db, 'SELECT data, actor FROM record_revisions WHERE table_name = ? AND record_id = ? AND rev = ?');
    this.coverage = sql(db, 'SELECT covered_rev AS rev, by_rev AS "by", choice FROM team_coverage WHERE table_name = ? AND record_id = ?');
    this.resolved = sql(db, 'SELECT remote_rev AS rev, resolved_rev AS "by", resolution AS choice FROM bundle_conflicts WHERE table_name = ? AND record_id = ? AND resolved_at IS NOT NULL AND resolved_rev IS NOT NULL');
    this.teamRows = sql(db, 'SELECT id, local_rev, remote_rev, resolved_at FROM bundle_conflicts WHERE table_name = ? AND record_id = ? AND bundle_id = ?');
    this.origin = sql(db, 'SELECT installation_id AS inst FROM team_revision_origin WHERE table_name = ? AND record_id = ? AND rev = ?');
    this.insertRevision = sql(db, 'INSERT OR IGNORE INTO record_revisions (table_name, record_id, rev, parent_rev, op, actor, at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  }

  /** A statement built from the table's columns, prepared once per shape. */
  private stmt(key: string, text: () => string): BetterSqlite3.Statement {
    let s = this.cache.get(key);
    if (!s) this.cache.set(key, (s = sql(this.env.sqlite, text())));
    return s;
  }

  private currentRev(spec: RecordTableSpec, id: string): string | undefined {
    return (this.stmt(`cur:${spec.table}`, () => `SELECT rev FROM ${snake(spec.table)} WHERE id = ?`).get(id) as { rev: string } | undefined)?.rev;
  }

  private coveredOf(table: string, id: string): Map<string, Covered> {
    const out = new Map<string, Covered>();
    // Two members may have resolved the same conflict at once: either resolution supersedes it (the higher is named).
    for (const c of this.coverage.all(table, id) as (Covered & { rev: string })[]) if (!out.has(c.rev) || revOrder(out.get(c.rev)!.by, c.by) < 0) out.set(c.rev, c);
    // Resolved here but not yet published: the resolution already counts.
    for (const c of this.resolved.all(table, id) as (Covered & { rev: string })[]) if (!out.has(c.rev)) out.set(c.rev, c);
    return out;
  }

  /** Brings one record's stored row and its team conflicts in line with its revisions. */
  settle(table: string, id: string): void {
    const spec = recordTable(table);
    if (!spec) return;
    const parentOf = new Map<string, string | null>();
    for (const r of this.revs.all(table, id) as { rev: string; parent: string | null }[]) parentOf.set(r.rev, r.parent);
    const current = this.currentRev(spec, id);
    // A row with no history of its own (seeded by a migration): its revision is a node too.
    if (current !== undefined && !parentOf.has(current)) parentOf.set(current, null);
    if (parentOf.size === 0) return;
    const children = new Set<string>();
    for (const p of parentOf.values()) if (p !== null) children.add(p);
    const covered = this.coveredOf(table, id);
    let heads = [...parentOf.keys()].filter((r) => !children.has(r) && !covered.has(r));
    if (heads.length === 0) heads = [...parentOf.keys()];
    heads.sort(revOrder);
    const winner = heads.at(-1)!;
    if (current !== winner) {
      const d = this.data.get(table, id, winner) as { data: string } | undefined;
      const row = d ? (JSON.parse(d.data) as Row) : null;
      // A redacted revision (a partner's history kept without its content) is never shown.
      if (row && Object.keys(row).length > 0) {
        this.write(spec, row, current !== undefined, 0);
        this.changedRecords++;
      }
    }
    this.reconcile(spec, id, this.currentRev(spec, id) ?? winner, heads.filter((h) => h !== winner), covered);
  }

  private write(spec: RecordTableSpec, row: Row, exists: boolean, depth: number): void {
    const cols = Object.keys(row);
    const values = cols.map((c) => {
      const v = row[c];
      return v !== null && typeof v === 'object' ? JSON.stringify(v) : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    });
    try {
      if (exists) {
        const set = cols.filter((c) => c !== 'id');
        this.stmt(`upd:${spec.table}:${set.join(',')}`, () => `UPDATE ${snake(spec.table)} SET ${set.map((c) => `${snake(c)} = ?`).join(', ')} WHERE id = ?`).run(
          ...set.map((c) => values[cols.indexOf(c)]),
          row.id,
        );
      } else {
        this.stmt(`ins:${spec.table}:${cols.join(',')}`, () => `INSERT INTO ${snake(spec.table)} (${cols.map(snake).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
      }
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE' || row.deletedAt != null || depth > 3) throw e;
      const other = this.findClash(spec, row);
      if (!other) throw e;
      if (other > (row.id as string)) {
        this.retire(spec, other, null, row);
        this.write(spec, row, exists, depth + 1);
      } else {
        this.write(spec, this.retire(spec, row.id as string, row, null), exists, depth + 1);
      }
    }
    if (spec.table === 'pilot' && row.deletedAt == null) this.onePilot();
  }

  /** The live record another unique rule says clashes with `row` (e.g. the same name), if any. */
  private findClash(spec: RecordTableSpec, row: Row): string | null {
    const t = snake(spec.table);
    let indexes = this.uniqueIndexes.get(t);
    if (!indexes) {
      const defs = sql(this.env.sqlite, "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(t) as { sql: string }[];
      indexes = defs.flatMap(({ sql: text }) => {
        const m = /^CREATE\s+UNIQUE\s+INDEX\s+\S+\s+ON\s+\S+\s*\(([\s\S]*)\)\s*(?:WHERE\s+([\s\S]*))?$/i.exec(text.trim());
        return m ? [{ columns: m[1]!, where: m[2] ?? '1' }] : [];
      });
      this.uniqueIndexes.set(t, indexes);
    }
    if (indexes.length === 0) return null;
    const cols = Object.keys(row);
    const tmp = `team_candidate_${t}`;
    this.env.sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS ${tmp} AS SELECT * FROM main.${t} WHERE 0; DELETE FROM temp.${tmp};`);
    sql(this.env.sqlite, `INSERT INTO temp.${tmp} (${cols.map(snake).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((c) => (row[c] !== null && typeof row[c] === 'object' ? JSON.stringify(row[c]) : row[c])),
    );
    try {
      for (const ix of indexes) {
        const hit = sql(this.env.sqlite, `SELECT id FROM main.${t} WHERE id <> ? AND (${ix.where}) AND (${ix.columns}) = (SELECT ${ix.columns} FROM temp.${tmp})`).get(row.id) as { id: string } | undefined;
        if (hit) return hit.id;
      }
      return null;
    } finally {
      this.env.sqlite.exec(`DELETE FROM temp.${tmp}`);
    }
  }

  /**
   * Moves a record to the recycle bin by a revision derived only from what it was (so every member
   * that meets the same clash derives the same revision), and returns the row as now stored.
   */
  private retire(spec: RecordTableSpec, id: string, given: Row | null, survivor: Row | null): Row {
    let base = given;
    if (!base) {
      const stored = sql(this.env.sqlite, `SELECT * FROM ${snake(spec.table)} WHERE id = ?`).get(id) as Row;
      base = Object.fromEntries(Object.entries(stored).map(([k, v]) => [camel(k), v]));
    }
    const parent = base.rev as string;
    const rev = `${seqOf(parent) + 1}-${createHash('sha256').update(`tpw-team-duplicate|${spec.table}|${id}|${parent}`).digest('hex').slice(0, 8)}`;
    const when = String(base.updatedAt);
    const retired: Row = { ...base, rev, deletedAt: when, updatedAt: when };
    this.insertRevision.run(spec.table, id, rev, parent, 'delete', SYNC_ACTOR, when, JSON.stringify(retired));
    if (!given) this.write(spec, retired, true, 9);
    const label = spec.label(base);
    const kept = survivor ? spec.label(survivor) : label;
    this.env.note(
      `record:${spec.table}:${id}`,
      'duplicate-name',
      `Two members added ${spec.noun.toLowerCase()} “${kept}” at the same time. One copy stays; the other (“${label}”) was moved to the recycle bin on every laptop — rename it there and restore it if both are needed.`,
    );
    return retired;
  }

  /** One pilot per team: a second (set up on a laptop before it joined) goes to the recycle bin. */
  private onePilot(): void {
    const live = sql(this.env.sqlite, 'SELECT id FROM pilot WHERE deleted_at IS NULL ORDER BY id').all() as { id: string }[];
    const spec = recordTable('pilot')!;
    for (const extra of live.slice(1)) this.retire(spec, extra.id, null, null);
  }

  private nameOf(table: string, id: string, rev: string, actor: string | undefined): string {
    const o = this.origin.get(table, id, rev) as { inst: string } | undefined;
    return (o && this.env.nameOfInstallation(o.inst)) ?? actor ?? 'a teammate';
  }

  /** Team conflicts for the record: one per head beside the shown one, no more, no fewer. */
  private reconcile(spec: RecordTableSpec, id: string, shown: string, others: string[], covered: Map<string, Covered>): void {
    const db = this.env.sqlite;
    const rows = this.teamRows.all(spec.table, id, TEAM_CONFLICT) as { id: string; local_rev: string; remote_rev: string; resolved_at: string | null }[];
    const known = new Set(rows.map((r) => r.remote_rev));
    for (const r of rows) {
      if (r.resolved_at) continue;
      if (others.includes(r.remote_rev)) {
        if (r.local_rev !== shown) sql(db, 'UPDATE bundle_conflicts SET local_rev = ? WHERE id = ?').run(shown, r.id);
      } else if (covered.has(r.remote_rev)) {
        const c = covered.get(r.remote_rev)!;
        sql(db, 'UPDATE bundle_conflicts SET resolved_at = ?, resolution = ?, resolved_rev = ? WHERE id = ?').run(this.env.now, c.choice, c.by, r.id);
      } else {
        // Superseded by later edits on that side (it is no longer a head): the newer head replaces it.
        sql(db, 'DELETE FROM bundle_conflicts WHERE id = ?').run(r.id);
      }
    }
    for (const h of others) {
      if (known.has(h)) continue;
      const d = this.data.get(spec.table, id, h) as { data: string; actor: string } | undefined;
      const r = sql(db, 
          'INSERT OR IGNORE INTO bundle_conflicts (id, table_name, record_id, local_rev, remote_rev, remote_data, remote_history, bundle_id, sender, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(newId(), spec.table, id, shown, h, d?.data ?? '{}', '[]', TEAM_CONFLICT, this.nameOf(spec.table, id, h, d?.actor), this.env.now);
      this.newConflicts += r.changes;
    }
  }
}

export interface AppliedCounts {
  revisions: number;
  resolutions: number;
  events: number;
  rows: number;
  records: number;
  newConflicts: number;
}

/**
 * Applies one checked file's staged items. The caller holds the transaction; `author` is the
 * installation whose file it is (recorded as the origin of what it brings).
 */
export function applyStaged(env: ApplyEnv, stage: Stage, file: number, header: TeamFileHeader): AppliedCounts {
  const db = env.sqlite;
  db.pragma('defer_foreign_keys = ON');
  const author = header.installationId;
  const counts: AppliedCounts = { revisions: 0, resolutions: 0, events: 0, rows: 0, records: 0, newConflicts: 0 };
  const insRev = sql(db, 'INSERT OR IGNORE INTO record_revisions (table_name, record_id, rev, parent_rev, op, actor, at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insOrigin = sql(db, 'INSERT OR IGNORE INTO team_revision_origin (table_name, record_id, rev, installation_id) VALUES (?, ?, ?, ?)');
  for (const item of stage.items(file, 'rev')) {
    if (item.k !== 'rev') continue;
    const r = item.r;
    if (insRev.run(item.t, item.id, r.rev, r.parentRev, r.op, r.actor, r.at, JSON.stringify(r.data)).changes > 0) {
      counts.revisions++;
      stage.touched(file, TABLE_ORDER.get(item.t) ?? 1e6, item.t, item.id);
    }
    insOrigin.run(item.t, item.id, r.rev, author);
  }
  const insCover = sql(db, 'INSERT OR IGNORE INTO team_coverage (table_name, record_id, covered_rev, by_rev, choice, installation_id) VALUES (?, ?, ?, ?, ?, ?)');
  for (const item of stage.items(file, 'cover')) {
    if (item.k !== 'cover') continue;
    if (insCover.run(item.t, item.id, item.covered, item.by, item.choice, author).changes > 0) {
      counts.resolutions++;
      stage.touched(file, TABLE_ORDER.get(item.t) ?? 1e6, item.t, item.id);
    }
  }
  const settler = new Settler(env);
  for (const { table, id } of stage.touchedRecords(file)) settler.settle(table, id);
  counts.records = settler.changedRecords;
  counts.newConflicts = settler.newConflicts;

  const insRowOrigin = sql(db, 'INSERT OR IGNORE INTO team_row_origin (table_name, row_id, installation_id) VALUES (?, ?, ?)');
  for (const item of stage.items(file, 'row')) {
    if (item.k !== 'row' || !APPEND_ONLY_TABLES.some((a) => a.table === item.t)) continue;
    const cols = Object.keys(item.row);
    const r = sql(db, `INSERT OR IGNORE INTO ${snake(item.t)} (${cols.map(snake).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => item.row[c] as never));
    counts.rows += r.changes;
    insRowOrigin.run(item.t, String(item.row.id), author);
  }
  const insEvent = sql(db, "INSERT OR IGNORE INTO team_events (id, lamport, author, kind, body, signature, origin) VALUES (?, ?, ?, ?, ?, ?, 'received')");
  for (const item of stage.items(file, 'event')) {
    if (item.k !== 'event') continue;
    const ev = JSON.parse(item.body) as { id: string; lamport: number; author: string; kind: string };
    counts.events += insEvent.run(ev.id, ev.lamport, ev.author, ev.kind, item.body, item.sig).changes;
  }
  const insBlob = sql(db, 'INSERT OR IGNORE INTO team_blobs (sha256, file, key, size, installation_id) VALUES (?, ?, ?, ?, ?)');
  for (const item of stage.items(file, 'blob')) if (item.k === 'blob') insBlob.run(item.sha256, item.file, item.key, item.size, author);
  return counts;
}
