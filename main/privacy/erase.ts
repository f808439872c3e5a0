/**
 * Erasure that erases. A record and everything that belongs to it (an item's attachments, quotes,
 * links and their links) leave every place this installation keeps them:
 *  - the live tables (so the recycle bin too) and every stored revision;
 *  - the search indexes: rows leave through the same triggers a deletion uses, then each FTS5 index
 *    is merged into one segment ('optimize'), so no old segment still holds their words;
 *  - attachment text (read and pseudonymised), and attachment files no other record refers to,
 *    with their encrypted copies in the team folder when this installation wrote them;
 *  - bookkeeping that names them: open conflicts (which hold a partner's whole row), team origins;
 *  - the file itself: secure_delete zeroes freed pages, then the WAL is checkpointed and truncated
 *    and the database VACUUMed, so neither the file nor its WAL keeps the bytes.
 * A tombstone (the record's table and id, never its content) is added so partners and team members
 * erase it too; the erasure log keeps the kind, a hash of the title, counts, who, when and why.
 * Snapshots taken before the erasure are full copies: they are listed so the user can prune them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { ErasePreview, EraseResult, ErasureLogEntry } from '../../shared/domain/privacy';
import { reportsShowing, snapshotsBefore } from './copies';
import { AppError } from '../../shared/errors';
import { removeBlob } from '../core/attachmentStore';
import { writeContext, type ServiceContext } from '../core/context';
import { APPEND_ONLY_TABLES, RECORD_TABLES, type RecordTableSpec } from '../core/recordTables';
import { newId } from '../db/ids';

export const snake = (s: string): string => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * What may be erased, and so what an erasure may take with it: the records that hold what people
 * said and wrote. An organisation or a hypothesis is not personal data; erasing one would take
 * every item that refers to it, so it is refused.
 */
export const ERASABLE_TABLES: ReadonlySet<string> = new Set([
  'evidenceItems',
  'evidenceAttachments',
  'evidenceQuotes',
  'evidenceLinks',
  'evidenceQuoteLinks',
  'learningEntries',
  'learningLinks',
  'actions',
]);

export type ErasureSource = 'here' | 'retention' | 'partner' | 'team';

export interface Target {
  spec: RecordTableSpec;
  id: string;
}

/** The table that holds `id` (live, in the recycle bin, or only in its history), or null. */
export function findRecord(sqlite: BetterSqlite3.Database, id: string): RecordTableSpec | null {
  for (const spec of Object.values(RECORD_TABLES)) {
    if (sqlite.prepare(`SELECT 1 FROM ${snake(spec.table)} WHERE id = ?`).get(id)) return spec;
  }
  const r = sqlite.prepare('SELECT table_name AS t FROM record_revisions WHERE record_id = ? LIMIT 1').get(id) as { t: string } | undefined;
  return r ? (RECORD_TABLES[r.t] ?? null) : null;
}

/** The record and everything that refers to it, children before parents (the order rows can be deleted in). */
function cascade(sqlite: BetterSqlite3.Database, root: Target): Target[] {
  const seen = new Map<string, Target>([[`${root.spec.table}:${root.id}`, root]]);
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const spec of Object.values(RECORD_TABLES)) {
      for (const [col, target] of Object.entries(spec.refs)) {
        if (target !== parent.spec.table) continue;
        for (const { id } of sqlite.prepare(`SELECT id FROM ${snake(spec.table)} WHERE ${snake(col)} = ?`).all(parent.id) as { id: string }[]) {
          const key = `${spec.table}:${id}`;
          if (seen.has(key)) continue;
          if (!ERASABLE_TABLES.has(spec.table)) {
            throw new AppError('REFUSED', `This ${parent.spec.noun.toLowerCase()} cannot be erased: a ${spec.noun.toLowerCase()} refers to it, and those are not erased with it. Nothing was erased.`);
          }
          const t = { spec, id };
          seen.set(key, t);
          queue.push(t);
        }
      }
    }
  }
  return [...seen.values()].reverse();
}

export function labelOf(sqlite: BetterSqlite3.Database, t: Target): string {
  const row = sqlite.prepare(`SELECT * FROM ${snake(t.spec.table)} WHERE id = ?`).get(t.id) as Record<string, unknown> | undefined;
  if (row) return t.spec.label(camel(row));
  const rev = sqlite.prepare('SELECT data FROM record_revisions WHERE table_name = ? AND record_id = ? ORDER BY rowid DESC LIMIT 1').get(t.spec.table, t.id) as { data: string } | undefined;
  return rev ? t.spec.label(JSON.parse(rev.data) as Record<string, unknown>) : '';
}

const camel = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));

export function plan(sqlite: BetterSqlite3.Database, id: string): { root: Target; targets: Target[] } {
  const spec = findRecord(sqlite, id);
  if (!spec) throw new AppError('NOT_FOUND', `Nothing with the id ${id} is held here (it may have been erased already).`);
  if (!ERASABLE_TABLES.has(spec.table)) throw new AppError('REFUSED', `A ${spec.noun.toLowerCase()} is not personal content and cannot be erased; delete it instead. Nothing was erased.`);
  const root = { spec, id };
  return { root, targets: cascade(sqlite, root) };
}

/** How many of each kind an erasure takes, as a person reads it ("3 Quotes"). */
export function partsOf(targets: Target[], root: Target): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of targets) if (t !== root) counts[t.spec.noun] = (counts[t.spec.noun] ?? 0) + 1;
  return counts;
}

export async function previewErasure(ctx: ServiceContext, id: string): Promise<ErasePreview> {
  const { root, targets } = plan(ctx.sqlite, id);
  const parts = Object.entries(partsOf(targets, root)).map(([noun, n]) => `${n} ${noun.toLowerCase()}${n === 1 ? '' : 's'}`);
  const revisions = targets.reduce((n, t) => n + (ctx.sqlite.prepare('SELECT count(*) AS n FROM record_revisions WHERE table_name = ? AND record_id = ?').get(t.spec.table, t.id) as { n: number }).n, 0);
  return { id, kind: root.spec.noun, label: labelOf(ctx.sqlite, root), parts: [...parts, `${revisions} stored revision${revisions === 1 ? '' : 's'}`] };
}

/** Removes the rows of `targets` from every table that holds them; returns the attachment hashes they used. */
export function deleteTargets(sqlite: BetterSqlite3.Database, targets: Target[], now: string): { blobs: string[]; revisions: number } {
  // Soft-delete first: the triggers that keep the search indexes and the matrix counts right for a
  // deletion run exactly as for the recycle bin; then the rows go.
  for (const t of targets) sqlite.prepare(`UPDATE ${snake(t.spec.table)} SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`).run(now, t.id);
  const blobs: string[] = [];
  let revisions = 0;
  for (const t of targets) {
    const table = snake(t.spec.table);
    if (t.spec.table === 'evidenceAttachments') {
      const a = sqlite.prepare('SELECT sha256 FROM evidence_attachments WHERE id = ?').get(t.id) as { sha256: string } | undefined;
      if (a) blobs.push(a.sha256);
      sqlite.prepare('DELETE FROM evidence_attachment_text WHERE attachment_id = ?').run(t.id);
    }
    for (const r of sqlite.prepare('SELECT data FROM record_revisions WHERE table_name = ? AND record_id = ?').all(t.spec.table, t.id) as { data: string }[]) {
      const sha = (JSON.parse(r.data) as { sha256?: unknown }).sha256;
      if (t.spec.table === 'evidenceAttachments' && typeof sha === 'string') blobs.push(sha);
    }
    if (t.spec.table === 'evidenceItems') {
      sqlite.prepare('DELETE FROM evidence_item_spread WHERE evidence_id = ?').run(t.id);
      sqlite.prepare('DELETE FROM evidence_search_rows WHERE evidence_id = ?').run(t.id);
      sqlite.prepare('DELETE FROM retention_reviews WHERE evidence_id = ?').run(t.id);
    }
    sqlite.prepare('DELETE FROM search_rows WHERE record_id = ?').run(t.id);
    revisions += sqlite.prepare('DELETE FROM record_revisions WHERE table_name = ? AND record_id = ?').run(t.spec.table, t.id).changes;
    sqlite.prepare('DELETE FROM bundle_conflicts WHERE table_name = ? AND record_id = ?').run(t.spec.table, t.id);
    sqlite.prepare('DELETE FROM team_revision_origin WHERE table_name = ? AND record_id = ?').run(t.spec.table, t.id);
    sqlite.prepare('DELETE FROM team_coverage WHERE table_name = ? AND record_id = ?').run(t.spec.table, t.id);
    sqlite.prepare(`DELETE FROM ${table} WHERE id = ?`).run(t.id);
  }
  // Append-only rows that refer to what went (none of today's do for erasable tables, but a future one may).
  for (const a of APPEND_ONLY_TABLES) {
    for (const [col, target] of Object.entries(a.refs)) {
      for (const t of targets) if (t.spec.table === target) sqlite.prepare(`DELETE FROM ${snake(a.table)} WHERE ${snake(col)} = ?`).run(t.id);
    }
  }
  // Text read from a file no attachment uses any more.
  const unused = [...new Set(blobs)].filter((sha) => !sqlite.prepare('SELECT 1 FROM evidence_attachments WHERE sha256 = ?').get(sha));
  for (const sha of unused) sqlite.prepare('DELETE FROM evidence_blob_text WHERE sha256 = ?').run(sha);
  return { blobs: unused, revisions };
}

/** Merges every full-text index into one segment, so deleted entries' words are gone from its pages. */
function optimizeIndexes(sqlite: BetterSqlite3.Database): void {
  const fts = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'").all() as { name: string }[];
  for (const { name } of fts) sqlite.prepare(`INSERT INTO "${name}"("${name}") VALUES ('optimize')`).run();
}

/**
 * After the erasure's transaction: the freed pages and the WAL must not keep the bytes. Returns
 * whether the WAL could be emptied now (a reader elsewhere, such as the search worker, can hold it
 * for a moment; it is emptied at the next checkpoint then, and the pages were zeroed anyway).
 */
export function compact(sqlite: BetterSqlite3.Database): boolean {
  optimizeIndexes(sqlite);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('VACUUM');
  const r = sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return r[0]?.busy === 0;
}

/** Attachment files nothing refers to any more, with this installation's encrypted copies in the team folder. */
export async function removeFiles(ctx: ServiceContext, blobs: string[]): Promise<number> {
  let removed = 0;
  const team = ctx.sqlite.prepare('SELECT folder, installation_id AS me FROM team').get() as { folder: string; me: string } | undefined;
  for (const sha of blobs) {
    const copy = ctx.sqlite.prepare('SELECT file, installation_id AS by FROM team_blobs WHERE sha256 = ?').get(sha) as { file: string; by: string } | undefined;
    if (copy && team && copy.by === team.me) fs.rmSync(path.join(team.folder, ...copy.file.split('/')), { force: true });
    ctx.sqlite.prepare('DELETE FROM team_blobs WHERE sha256 = ?').run(sha);
    await removeBlob(ctx.paths.attachmentsDir, sha);
    removed++;
  }
  return removed;
}

/** What of a record a report would show: its title or name, and a quote's passage. */
export function needlesOf(sqlite: BetterSqlite3.Database, targets: Target[]): string[] {
  return targets.flatMap((t) => {
    const row = sqlite.prepare(`SELECT * FROM ${snake(t.spec.table)} WHERE id = ?`).get(t.id) as Record<string, unknown> | undefined;
    if (!row) return [];
    return ['title', 'text', 'name'].map((k) => row[k]).filter((v): v is string => typeof v === 'string').map((v) => v.slice(0, 60));
  });
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

function toEntry(row: Record<string, unknown>): ErasureLogEntry {
  const r = camel(row) as unknown as ErasureLogEntry & { counts: string };
  return { ...r, counts: JSON.parse(r.counts) as Record<string, number> };
}

/** One line of the erasure log: the kind and a hash of the title, never the content. */
export function writeLog(
  sqlite: BetterSqlite3.Database,
  e: { at: string; actor: string; root: Target; label: string; reason: string; action: 'erase' | 'anonymise'; source: ErasureSource; counts: Record<string, number> },
): ErasureLogEntry {
  const row = { id: newId(), at: e.at, actor: e.actor, record_table: e.root.spec.table, record_id: e.root.id, kind: e.root.spec.noun, title_sha256: e.label ? sha256Hex(e.label) : null, reason: e.reason, action: e.action, source: e.source, counts: JSON.stringify(e.counts) };
  sqlite.prepare('INSERT INTO erasure_log (id, at, actor, record_table, record_id, kind, title_sha256, reason, action, source, counts) VALUES (@id, @at, @actor, @record_table, @record_id, @kind, @title_sha256, @reason, @action, @source, @counts)').run(row);
  return toEntry(row);
}

/** When this installation last erased or anonymised something (the team writes a fresh snapshot after it). */
export function lastErasureAt(ctx: ServiceContext): string | null {
  return (ctx.sqlite.prepare('SELECT max(at) AS at FROM erasure_log').get() as { at: string | null }).at;
}

export function erasureLog(ctx: ServiceContext): ErasureLogEntry[] {
  return (ctx.sqlite.prepare('SELECT * FROM erasure_log ORDER BY at DESC, rowid DESC').all() as Record<string, unknown>[]).map(toEntry);
}

export interface EraseOptions {
  id: string;
  reason: string;
  source: ErasureSource;
  /** A tombstone to send on (false when one arrived from elsewhere: it is already here). */
  tombstone: boolean;
}

/** Erases a record everywhere this installation keeps it (see the top of this file). */
export async function eraseRecord(ctx: ServiceContext, opts: EraseOptions): Promise<EraseResult> {
  const w = await writeContext(ctx);
  const sqlite = ctx.sqlite;
  sqlite.pragma('secure_delete = ON');
  const entry = await ctx.db.transaction().execute(async () => {
    const { root, targets } = plan(sqlite, opts.id);
    const label = labelOf(sqlite, root);
    const needles = needlesOf(sqlite, targets);
    const { blobs, revisions } = deleteTargets(sqlite, targets, w.now);
    if (opts.tombstone) {
      sqlite.prepare('INSERT INTO erasure_tombstones (id, record_table, record_id, erased_at) VALUES (?, ?, ?, ?)').run(newId(), root.spec.table, root.id, w.now);
    }
    const counts = { ...partsOf(targets, root), revisions, files: blobs.length };
    const log = writeLog(sqlite, { at: w.now, actor: w.actor, root, label, reason: opts.reason, action: 'erase', source: opts.source, counts });
    return { entry: log, blobs, needles };
  });
  const blobsRemoved = await removeFiles(ctx, entry.blobs);
  const walTruncated = compact(sqlite);
  return { log: entry.entry, olderSnapshots: snapshotsBefore(ctx, w.now), blobsRemoved, walTruncated, reportVersions: reportsShowing(ctx, entry.needles) };
}

/**
 * Tombstones from partners (bundle import) or the team (sync) whose record is still here, or came
 * back in the same import: each is erased, recorded in the log as asked for by `source`.
 */
export async function applyTombstones(ctx: ServiceContext, source: 'partner' | 'team'): Promise<number> {
  const pending = (ctx.sqlite.prepare('SELECT record_table AS t, record_id AS id, erased_at AS at FROM erasure_tombstones').all() as { t: string; id: string; at: string }[]).filter(
    (s) => RECORD_TABLES[s.t] && ERASABLE_TABLES.has(s.t) && findRecord(ctx.sqlite, s.id) !== null,
  );
  for (const s of pending) {
    await eraseRecord(ctx, { id: s.id, reason: `Erasure asked for by ${source === 'partner' ? 'a partner' : 'a team member'} (erased there on ${s.at.slice(0, 10)})`, source, tombstone: false });
  }
  return pending.length;
}

