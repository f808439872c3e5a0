/**
 * Snapshots: everything this installation holds of the team's pilot, in one signed file, so a
 * member who joins (or comes back after a long time offline) catches up from one file instead of
 * replaying every change file — including files written before they joined, which were never
 * encrypted to them. A snapshot says exactly which change files it covers (its deps); applying it
 * is the same idempotent merge as applying those files.
 *
 * Each member writes one when the membership changes (so a newcomer can read everything the team
 * holds) and after every five thousand changes; each keeps only its latest two.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { APPEND_ONLY_TABLES } from '../core/recordTables';
import { activeMembers, rosterKey } from './events';
import { DIRS, EXT, relOf, seqName, type FolderIo } from './folder';
import { writeTeamFile, type TeamItem } from './fileFormat';
import { paged, revItem, rowItems, type ExportEnv } from './outbox';
import { exclusive, progressVector } from './state';
import path from 'node:path';
import { sql } from './statements';

/** Changes (written or applied) after which a fresh snapshot saves a newcomer replaying them. */
export const SNAPSHOT_EVERY = 5000;

export function snapshotDue(env: ExportEnv): boolean {
  if (!activeMembers(env.roster).some((m) => m.fingerprint === env.identity.fingerprint)) return false;
  return env.team.snapshotRoster !== rosterKey(env.roster) || env.team.changesSinceSnapshot >= SNAPSHOT_EVERY;
}

function* snapshotItems(sqlite: BetterSqlite3.Database): Generator<TeamItem> {
  for (const e of sql(sqlite, 'SELECT body, signature FROM team_events ORDER BY lamport, author, id').all() as { body: string; signature: string }[]) {
    yield { k: 'event', body: e.body, sig: e.signature };
  }
  for (const r of paged<Parameters<typeof revItem>[0]>(
    sqlite,
    'SELECT rowid AS k, table_name AS t, record_id AS id, rev, parent_rev AS parentRev, op, actor, at, data FROM record_revisions WHERE rowid > ? ORDER BY rowid LIMIT ?',
    [],
  )) {
    yield revItem(r);
  }
  for (const c of paged<{ k: number; t: string; id: string; covered: string; by: string; choice: 'mine' }>(
    sqlite,
    'SELECT rowid AS k, table_name AS t, record_id AS id, covered_rev AS covered, by_rev AS "by", choice FROM team_coverage WHERE rowid > ? ORDER BY rowid LIMIT ?',
    [],
  )) {
    yield { k: 'cover', t: c.t, id: c.id, covered: c.covered, by: c.by, choice: c.choice };
  }
  for (const a of APPEND_ONLY_TABLES) yield* rowItems(sqlite, a.table, 'WHERE 1', []);
  for (const b of sql(sqlite, 'SELECT sha256, file, key, size FROM team_blobs ORDER BY sha256').all() as { sha256: string; file: string; key: string; size: number }[]) {
    yield { k: 'blob', ...b };
  }
}

/**
 * `afterErasure`: a record was erased since our last snapshot. The new snapshot no longer holds it,
 * and our older ones (which may) are removed at once instead of keeping the previous one.
 */
export async function writeSnapshot(env: ExportEnv, opts: { afterErasure?: boolean } = {}): Promise<string> {
  const { ctx, team, identity } = env;
  const seq = team.nextSnapshot;
  const rel = relOf(DIRS.snapshots, team.installationId, seqName(seq, EXT.snapshot));
  const deps = await progressVector(ctx);
  const members = activeMembers(env.roster);
  const now = ctx.now().toISOString();
  const lamport = team.lamport;
  await writeTeamFile(env.io, team.folder, rel, {
    header: {
      kind: 'snapshot',
      teamId: team.id,
      installationId: team.installationId,
      seq,
      lamport,
      signer: identity.fingerprint,
      createdAt: now,
      deps,
      recipients: members.map((m) => m.fingerprint).sort(),
    },
    recipients: members.map((m) => m.ageRecipient),
    signingKey: identity.signingKey,
    items: snapshotItems(ctx.sqlite),
    tempDir: ctx.paths.tempDir,
  });
  await exclusive(ctx, (sqlite) => {
    sql(sqlite, 'UPDATE team SET next_snapshot = ?, snapshot_roster = ?, changes_since_snapshot = 0, last_snapshot_at = ?').run(seq + 1, rosterKey(env.roster), now);
  });
  await pruneOwnSnapshots(env.io, team.folder, team.installationId, opts.afterErasure ? seq + 1 : seq);
  return rel;
}

/** Our snapshots older than the previous one are superseded (the previous stays while the new one syncs). */
async function pruneOwnSnapshots(io: FolderIo, root: string, installationId: string, latest: number): Promise<void> {
  const dir = path.join(root, DIRS.snapshots, installationId);
  try {
    for (const d of await io.readdir(dir)) {
      const m = /^(\d{10})/.exec(d.name);
      if (m && Number(m[1]) < latest - 1 && d.name.endsWith(EXT.snapshot)) await io.rm(path.join(dir, d.name));
    }
  } catch {
    // Pruning is housekeeping: a folder that is read-only or gone just keeps its old snapshots.
  }
}
