/**
 * Our side of a sync: everything made here since the last change file — record revisions (edits,
 * deletions, restores, resolutions, what a partner's bundle brought), resolved conflicts, rows of
 * append-only tables, membership events, attachments — is assigned to the next change file in one
 * transaction (team_outbox), then written. What a change file carries is fixed before it is
 * written, so a write that fails (folder gone, read-only, full) is retried later with the same
 * content and the same body hash: readers see one file, never two versions of it.
 *
 * "Made here" is told from "received from the team" by team_revision_origin / team_row_origin:
 * what a teammate's file brought is recorded there as it is applied, so it is never sent back.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { RecordRevisionsTable } from '../db/coreTables';
import { isHashColumn } from '../bundle/records';
import type { Identity } from '../bundle/identity';
import { hasBlob, blobPath } from '../core/attachmentStore';
import { APPEND_ONLY_TABLES, RECORD_TABLES } from '../core/recordTables';
import type { ServiceContext } from '../core/context';
import { activeMembers, memberOfInstallation, type Roster } from './events';
import { uploadBlob } from './blobs';
import { DIRS, EXT, relOf, seqName, type FolderIo } from './folder';
import { readHeader, writeTeamFile, type TeamItem } from './fileFormat';
import { exclusive, progressVector } from './state';
import { Settler, snake, TEAM_CONFLICT } from './apply';
import type { TeamTable } from './tables';
import fs from 'node:fs';
import { sql } from './statements';

/** Revisions per change file: a first sync of a big pilot is split into files of bounded size. */
const PER_FILE = 20_000;
/**
 * With nothing new to send, a file that only says "I synced, and am up to date to here" at most
 * this often: the newest file of each member is what the others show as when they last synced, so
 * that time is right to within this, at the cost of a small file per member per half hour of syncing.
 */
export const HEARTBEAT_MS = 30 * 60 * 1000;

export interface ExportEnv {
  ctx: ServiceContext;
  io: FolderIo;
  team: TeamTable;
  roster: Roster;
  identity: Identity;
}

const camelRow = (row: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), v]));

const HASH_TABLES = Object.values(RECORD_TABLES)
  .map((s) => ({ table: s.table, columns: Object.keys(s.columns).filter(isHashColumn) }))
  .filter((t) => t.columns.length > 0);

function watermark(sqlite: BetterSqlite3.Database, name: string): number {
  return (sql(sqlite, 'SELECT value FROM team_watermarks WHERE name = ?').get(name) as { value: number } | undefined)?.value ?? 0;
}

const pendingRevisionsSql = `SELECT rr.rowid AS rowid, rr.table_name, rr.record_id, rr.rev, rr.data FROM record_revisions rr
  WHERE rr.rowid > ? AND NOT EXISTS (SELECT 1 FROM team_revision_origin o WHERE o.table_name = rr.table_name AND o.record_id = rr.record_id AND o.rev = rr.rev)
  ORDER BY rr.rowid LIMIT ?`;

/** Resolutions made here (of team or partner conflicts) become facts to publish. */
function absorbResolutions(sqlite: BetterSqlite3.Database, me: string): void {
  sql(sqlite, 
      `INSERT OR IGNORE INTO team_coverage (table_name, record_id, covered_rev, by_rev, choice, installation_id)
       SELECT bc.table_name, bc.record_id, bc.remote_rev, bc.resolved_rev, bc.resolution, ? FROM bundle_conflicts bc
       WHERE bc.resolved_rev IS NOT NULL AND bc.resolution IS NOT NULL
         AND EXISTS (SELECT 1 FROM record_revisions rr WHERE rr.table_name = bc.table_name AND rr.record_id = bc.record_id AND rr.rev = bc.remote_rev)`,
    )
    .run(me);
}

/** Puts attachments that revisions made here refer to into the folder (before the file that names them). */
async function uploadAttachments(env: ExportEnv): Promise<void> {
  const { ctx, team } = env;
  const w = watermark(ctx.sqlite, 'revisions');
  const needed = new Set<string>();
  for (const t of HASH_TABLES) {
    const rows = sql(ctx.sqlite, 
        `SELECT rr.data FROM record_revisions rr WHERE rr.table_name = ? AND rr.rowid > ?
         AND NOT EXISTS (SELECT 1 FROM team_revision_origin o WHERE o.table_name = rr.table_name AND o.record_id = rr.record_id AND o.rev = rr.rev)`,
      )
      .all(t.table, w) as { data: string }[];
    for (const r of rows) {
      const data = JSON.parse(r.data) as Record<string, unknown>;
      for (const c of t.columns) if (typeof data[c] === 'string' && /^[0-9a-f]{64}$/.test(data[c] as string)) needed.add(data[c] as string);
    }
  }
  const known = sql(ctx.sqlite, 'SELECT 1 FROM team_blobs WHERE sha256 = ?');
  for (const sha of needed) {
    // Not here either (a partner's record whose file never came): nobody can send it; the record travels without it.
    if (known.get(sha) || !hasBlob(ctx.paths.attachmentsDir, sha)) continue;
    const size = fs.statSync(blobPath(ctx.paths.attachmentsDir, sha)).size;
    const item = await uploadBlob(env.io, team.folder, team.installationId, ctx.paths.attachmentsDir, sha, size);
    sql(ctx.sqlite, 'INSERT OR IGNORE INTO team_blobs (sha256, file, key, size, installation_id) VALUES (?, ?, ?, ?, ?)').run(item.sha256, item.file, item.key, item.size, team.installationId);
  }
}

/** Assigns everything pending to new outbox entries; returns how many were made. */
function assign(sqlite: BetterSqlite3.Database, env: ExportEnv, now: string, heartbeat: boolean): Set<string> {
  const me = env.team.installationId;
  absorbResolutions(sqlite, me);
  const records = new Set<string>();
  let made = 0;
  for (;;) {
    const t = sql(sqlite, 'SELECT next_seq AS nextSeq, lamport FROM team').get() as { nextSeq: number; lamport: number };
    const seq = t.nextSeq;
    let items = 0;
    const w = watermark(sqlite, 'revisions');
    const revs = sql(sqlite, pendingRevisionsSql).all(w, PER_FILE) as { rowid: number; table_name: string; record_id: string; rev: string }[];
    const setOrigin = sql(sqlite, 'INSERT INTO team_revision_origin (table_name, record_id, rev, installation_id, outbox_seq) VALUES (?, ?, ?, ?, ?)');
    for (const r of revs) {
      setOrigin.run(r.table_name, r.record_id, r.rev, me, seq);
      records.add(`${r.table_name}\u0000${r.record_id}`);
    }
    items += revs.length;
    const full = revs.length === PER_FILE;
    // The watermark moves only past what this file took (the rest goes in the next one).
    const maxRow = full ? revs.at(-1)!.rowid : ((sql(sqlite, 'SELECT max(rowid) AS m FROM record_revisions').get() as { m: number | null }).m ?? 0);
    sql(sqlite, 'INSERT INTO team_watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run('revisions', Math.max(w, maxRow));
    if (!full) {
      items += sql(sqlite, 'UPDATE team_coverage SET outbox_seq = ? WHERE installation_id = ? AND outbox_seq IS NULL').run(seq, me).changes;
      items += sql(sqlite, "UPDATE team_events SET outbox_seq = ? WHERE origin = 'local' AND outbox_seq IS NULL").run(seq).changes;
      items += sql(sqlite, 'UPDATE team_blobs SET outbox_seq = ? WHERE installation_id = ? AND outbox_seq IS NULL').run(seq, me).changes;
      for (const a of APPEND_ONLY_TABLES) {
        const name = `rows:${a.table}`;
        const from = watermark(sqlite, name);
        const rows = sql(sqlite, `SELECT rowid AS rowid, id FROM ${snake(a.table)} t WHERE rowid > ? AND NOT EXISTS (SELECT 1 FROM team_row_origin o WHERE o.table_name = ? AND o.row_id = t.id) ORDER BY rowid`)
          .all(from, a.table) as { rowid: number; id: string }[];
        const ins = sql(sqlite, 'INSERT INTO team_row_origin (table_name, row_id, installation_id, outbox_seq) VALUES (?, ?, ?, ?)');
        for (const r of rows) ins.run(a.table, r.id, me, seq);
        items += rows.length;
        const top = (sql(sqlite, `SELECT max(rowid) AS m FROM ${snake(a.table)}`).get() as { m: number | null }).m ?? 0;
        sql(sqlite, 'INSERT INTO team_watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, Math.max(from, top));
      }
    }
    if (items === 0 && !(heartbeat && made === 0)) break;
    const deps = Object.fromEntries(
      (sql(sqlite, 'SELECT installation_id AS i, applied_seq AS s FROM team_progress WHERE applied_seq > 0').all() as { i: string; s: number }[]).map((r) => [r.i, r.s]),
    );
    deps[me] = seq - 1;
    if (deps[me] === 0) delete deps[me];
    const lamport = t.lamport + 1;
    sql(sqlite, 'INSERT INTO team_outbox (seq, lamport, created_at, deps, recipients, items) VALUES (?, ?, ?, ?, ?, ?)').run(seq, lamport, now, JSON.stringify(deps), '[]', items);
    sql(sqlite, 'UPDATE team SET next_seq = ?, lamport = ?, changes_since_snapshot = changes_since_snapshot + ?').run(seq + 1, lamport, items);
    made++;
    if (!full) break;
  }
  return records;
}

/**
 * Rows of a query a page at a time, by rowid: between pages the connection is free for the app's
 * own requests (a better-sqlite3 cursor held open across an await would block every other query).
 */
export function* paged<T extends { k: number }>(sqlite: BetterSqlite3.Database, query: string, params: unknown[], size = 500): Generator<T> {
  const stmt = sql(sqlite, query);
  let after = -1;
  for (;;) {
    const page = stmt.all(...params, after, size) as T[];
    yield* page;
    if (page.length < size) return;
    after = page.at(-1)!.k;
  }
}

type RevRow = { k: number; t: string; id: string } & Pick<RecordRevisionsTable, 'rev' | 'parentRev' | 'op' | 'actor' | 'at' | 'data'>;
export const revItem = (r: RevRow): TeamItem => ({ k: 'rev', t: r.t, id: r.id, r: { rev: r.rev, parentRev: r.parentRev, op: r.op, actor: r.actor, at: r.at, data: JSON.parse(r.data) as Record<string, unknown> } });

export function* rowItems(sqlite: BetterSqlite3.Database, table: string, where: string, params: unknown[]): Generator<TeamItem> {
  for (const r of paged<Record<string, unknown> & { k: number }>(sqlite, `SELECT t.rowid AS k, t.* FROM ${snake(table)} t ${where} AND t.rowid > ? ORDER BY t.rowid LIMIT ?`, params)) {
    const { k: _k, ...row } = r;
    void _k;
    yield { k: 'row', t: table, row: camelRow(row) };
  }
}

/** The items of one of our change files, in a fixed order (the same every time it is written). */
function* itemsOf(sqlite: BetterSqlite3.Database, me: string, seq: number): Generator<TeamItem> {
  for (const e of sql(sqlite, "SELECT body, signature FROM team_events WHERE origin = 'local' AND outbox_seq = ? ORDER BY lamport, id").all(seq) as { body: string; signature: string }[]) {
    yield { k: 'event', body: e.body, sig: e.signature };
  }
  const revs = paged<RevRow>(
    sqlite,
    `SELECT rr.rowid AS k, rr.table_name AS t, rr.record_id AS id, rr.rev, rr.parent_rev AS parentRev, rr.op, rr.actor, rr.at, rr.data
     FROM team_revision_origin o JOIN record_revisions rr ON rr.table_name = o.table_name AND rr.record_id = o.record_id AND rr.rev = o.rev
     WHERE o.outbox_seq = ? AND o.installation_id = ? AND rr.rowid > ? ORDER BY rr.rowid LIMIT ?`,
    [seq, me],
  );
  for (const r of revs) yield revItem(r);
  for (const c of sql(sqlite, 'SELECT table_name AS t, record_id AS id, covered_rev AS covered, by_rev AS "by", choice FROM team_coverage WHERE installation_id = ? AND outbox_seq = ? ORDER BY table_name, record_id, covered_rev').all(me, seq) as { t: string; id: string; covered: string; by: string; choice: 'mine' }[]) {
    yield { k: 'cover', ...c };
  }
  for (const a of APPEND_ONLY_TABLES) {
    yield* rowItems(sqlite, a.table, 'JOIN team_row_origin o ON o.table_name = ? AND o.row_id = t.id WHERE o.outbox_seq = ? AND o.installation_id = ?', [a.table, seq, me]);
  }
  for (const b of sql(sqlite, 'SELECT sha256, file, key, size FROM team_blobs WHERE installation_id = ? AND outbox_seq = ? ORDER BY sha256').all(me, seq) as { sha256: string; file: string; key: string; size: number }[]) {
    yield { k: 'blob', ...b };
  }
}

export const changeFileOf = (installationId: string, seq: number): string => relOf(DIRS.changes, installationId, seqName(seq, EXT.change));

/** Is our change file already in the folder, whole and ours (a write that succeeded before a crash)? */
async function alreadyThere(env: ExportEnv, rel: string, seq: number): Promise<boolean> {
  try {
    const h = await readHeader(`${env.team.folder}/${rel}`, env.identity.ageIdentity, (hd) => (hd.signer === env.identity.fingerprint ? env.identity.minisignPublicKey : null));
    return h.header.seq === seq && h.header.installationId === env.team.installationId && h.header.kind === 'change';
  } catch {
    return false;
  }
}

export interface Written {
  file: string;
  changes: number;
}

/** Sends what is pending: assigns it to change files, then writes every file not yet written. */
export async function sendChanges(env: ExportEnv, opts: { heartbeat: boolean }): Promise<Written | null> {
  const { ctx, team } = env;
  await uploadAttachments(env);
  const now = ctx.now().toISOString();
  const lastFile = team.lastFileAt ? Date.parse(team.lastFileAt) : 0;
  const progressed = await progressSinceLastFile(ctx);
  // Having applied a removed member's change the others do not know we have, we say so at once:
  // it decides which of their changes everyone keeps (see events.ts).
  const urgent = progressed.some((inst) => [...env.roster.members.values()].some((m) => m.installationId === inst && m.status !== 'active'));
  // One waiting to be written (the folder read-only for a while) will say it: no pile of them.
  const waiting = await ctx.db.selectFrom('teamOutbox').select('seq').where('writtenAt', 'is', null).limit(1).executeTakeFirst();
  const heartbeat = urgent || (opts.heartbeat && !waiting && (Number.isNaN(lastFile) || ctx.now().getTime() - lastFile >= HEARTBEAT_MS));
  await exclusive(ctx, (sqlite) => {
    const records = assign(sqlite, env, now, heartbeat);
    // A record changed here that is in conflict: its conflict now stands against the new version.
    const settler = new Settler({ sqlite, now, nameOfInstallation: (i) => memberOfInstallation(env.roster, i)?.name ?? null, note: () => undefined });
    for (const key of records) {
      const [table, id] = key.split('\u0000') as [string, string];
      if (sql(sqlite, 'SELECT 1 FROM bundle_conflicts WHERE table_name = ? AND record_id = ? AND bundle_id = ? AND resolved_at IS NULL LIMIT 1').get(table, id, TEAM_CONFLICT)) settler.settle(table, id);
    }
  });
  const pending = await ctx.db.selectFrom('teamOutbox').selectAll().where('writtenAt', 'is', null).orderBy('seq').execute();
  let last: Written | null = null;
  const members = activeMembers(env.roster);
  for (const o of pending) {
    const rel = changeFileOf(team.installationId, o.seq);
    // Encrypted to the members as they are now: someone removed since the change was made does not get it.
    const recipients = members.map((m) => m.fingerprint).sort();
    if (!(await alreadyThere(env, rel, o.seq))) {
      const r = await writeTeamFile(env.io, team.folder, rel, {
        header: {
          kind: 'change',
          teamId: team.id,
          installationId: team.installationId,
          seq: o.seq,
          lamport: o.lamport,
          signer: env.identity.fingerprint,
          createdAt: o.createdAt,
          deps: JSON.parse(o.deps) as Record<string, number>,
          recipients,
        },
        recipients: members.map((m) => m.ageRecipient),
        signingKey: env.identity.signingKey,
        items: itemsOf(ctx.sqlite, team.installationId, o.seq),
        tempDir: ctx.paths.tempDir,
      });
      await ctx.db.updateTable('teamOutbox').set({ bodySha256: r.bodySha256 }).where('seq', '=', o.seq).execute();
    }
    await exclusive(ctx, (sqlite) => {
      sql(sqlite, 'UPDATE team_outbox SET file = ?, recipients = ?, written_at = ? WHERE seq = ?').run(rel, JSON.stringify(recipients), now, o.seq);
      sql(sqlite, 'UPDATE team SET last_file_at = ?').run(now);
      sql(sqlite, 'INSERT INTO team_progress (installation_id, applied_seq, signer, lamport, last_created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (installation_id) DO UPDATE SET applied_seq = max(applied_seq, excluded.applied_seq), signer = excluded.signer, lamport = max(lamport, excluded.lamport), last_created_at = excluded.last_created_at, last_seen_at = excluded.last_seen_at')
        .run(team.installationId, o.seq, env.identity.fingerprint, o.lamport, o.createdAt, now);
    });
    last = { file: rel, changes: o.items };
  }
  return last;
}

/** Installations whose files we have applied beyond what our last change file said. */
async function progressSinceLastFile(ctx: ServiceContext): Promise<string[]> {
  const t = await ctx.db.selectFrom('team').select('installationId').executeTakeFirstOrThrow();
  const last = await ctx.db.selectFrom('teamOutbox').select('deps').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const now = await progressVector(ctx);
  const then = last ? (JSON.parse(last.deps) as Record<string, number>) : {};
  return Object.entries(now)
    .filter(([k, v]) => k !== t.installationId && (then[k] ?? 0) < v)
    .map(([k]) => k);
}
