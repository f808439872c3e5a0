/**
 * Three-way merge of staged records (main/bundle/staging.ts) into this database, decided per
 * record by revision ancestry (never by timestamps):
 *   - not here                                   → add
 *   - incoming revision already known here       → unchanged (same, or older: never rolls back)
 *   - our current revision is in its history     → fast-forward to the incoming version
 *   - neither                                    → conflict: both versions kept for a person to resolve
 * "Known" revisions of a record are all its rows in record_revisions: each install only ever holds
 * revisions that its current version incorporates, because a conflict's remote history is stored
 * only when the conflict is resolved.
 * Records are read from the staging file a page at a time, so a bundle of any size is planned and
 * applied with memory bounded by a page, not by the bundle.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ImportPreviewItem } from '../../shared/domain/bundles';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import type { AnyDb } from '../db/records';
import { recordTable, RECORD_TABLES } from '../core/recordTables';
import type { Database } from '../core/database';
import type { Revision } from '../bundle/format';
import type { StagedAction, StagedRecord, Staging } from '../bundle/staging';

type Db = Kysely<Database> | Transaction<Database>;

export interface PlanSummary {
  added: number;
  updated: number;
  conflicts: number;
  unchanged: number;
  /** What changes (the first 500; conflicts, adds and updates first). */
  items: ImportPreviewItem[];
  /** Tables with staged records, in dependency order. */
  tables: string[];
}

const bad = (m: string) => new AppError('BAD_FILE', m);
const PREVIEW = 500;

/** The staged tables in the registry's dependency order, whatever order the bundle listed them in. */
function ordered(staging: Staging): string[] {
  const order = Object.keys(RECORD_TABLES);
  return staging.tables().sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** Live names that must be unique (an index "<table>_live_name" on lower(name)), or null if none. */
async function liveNames(db: Db, table: string): Promise<Map<string, string> | null> {
  const snake = table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const indexes = await sql<{ name: string }>`SELECT name FROM pragma_index_list(${snake}) WHERE "unique" = 1 AND partial = 1`.execute(db);
  if (!indexes.rows.some((i) => i.name === `${snake}_live_name`)) return null;
  const adb: AnyDb = db;
  const here = (await adb.selectFrom(table).select(['id', 'name']).where('deletedAt', 'is', null).execute()) as { id: string; name: string }[];
  return new Map(here.map((r) => [r.name.toLowerCase(), r.id]));
}

/** Decides every staged record's action (written back to the staging file) and counts them. */
export async function planMerge(db: Db, staging: Staging): Promise<PlanSummary> {
  const adb: AnyDb = db;
  const counts = { add: 0, update: 0, conflict: 0, unchanged: 0 };
  const preview: Record<StagedAction, ImportPreviewItem[]> = { conflict: [], add: [], update: [], unchanged: [] };
  const tables = ordered(staging);
  for (const table of tables) {
    const spec = recordTable(table)!;
    const current = new Map(((await adb.selectFrom(table).select(['id', 'rev']).execute()) as { id: string; rev: string }[]).map((r) => [r.id, r.rev]));
    const known = new Map<string, Set<string>>();
    for (const r of await db.selectFrom('recordRevisions').select(['recordId', 'rev']).where('tableName', '=', table).execute()) {
      let s = known.get(r.recordId);
      if (!s) known.set(r.recordId, (s = new Set()));
      s.add(r.rev);
    }
    const open = new Map<string, { id: string; remoteRev: string }>();
    for (const c of await db.selectFrom('bundleConflicts').select(['id', 'recordId', 'remoteRev']).where('tableName', '=', table).where('resolvedAt', 'is', null).execute()) {
      open.set(c.recordId, { id: c.id, remoteRev: c.remoteRev });
    }
    const names = await liveNames(db, table);
    for (const page of staging.keys(table)) {
      for (const k of page) {
        const decide = (action: StagedAction, localRev: string | null = null, replaces: string | null = null) => {
          staging.setAction(k.seq, action, localRev, replaces);
          counts[action]++;
          if (preview[action].length < PREVIEW) preview[action].push({ table, noun: spec.noun, id: k.id, label: k.label, action });
        };
        const localRev = current.get(k.id);
        if (localRev === undefined) {
          // A new record with the same name as a different one here cannot be stored: say so now.
          const clash = names && !k.deleted && typeof k.name === 'string' ? names.get(k.name.toLowerCase()) : undefined;
          if (clash !== undefined && clash !== k.id) {
            throw new AppError(
              'CONFLICT',
              `The bundle has a ${spec.noun.toLowerCase()} "${k.name as string}" that was created separately from your own with the same name. Rename yours (or ask the sender to rename theirs) and import again; nothing was imported.`,
            );
          }
          decide('add');
          continue;
        }
        const mine = known.get(k.id) ?? new Set([localRev]);
        if (k.rev === localRev || mine.has(k.rev)) {
          decide('unchanged');
          continue;
        }
        if (staging.historyHas(k.seq, localRev)) {
          decide('update');
          continue;
        }
        const pending = open.get(k.id);
        if (pending && pending.remoteRev === k.rev) {
          decide('unchanged');
          continue;
        }
        // An open conflict with an older remote version is superseded by this newer one.
        const replaces = pending && staging.historyHas(k.seq, pending.remoteRev) ? pending.id : null;
        if (pending && !replaces) {
          // The remote side's older conflicting version is newer than this one: nothing new here.
          decide('unchanged');
          continue;
        }
        decide('conflict', localRev, replaces);
      }
    }
  }
  return {
    added: counts.add,
    updated: counts.update,
    conflicts: counts.conflict,
    unchanged: counts.unchanged,
    items: [...preview.conflict, ...preview.add, ...preview.update, ...preview.unchanged].slice(0, PREVIEW),
    tables,
  };
}

export interface ApplyMeta {
  bundleId: string;
  sender: string;
  now: string;
}

function historyRows(r: StagedRecord) {
  const rows = r.history.map((h) => ({ tableName: r.table, recordId: r.id, rev: h.rev, parentRev: h.parentRev, op: h.op, actor: h.actor, at: h.at, data: JSON.stringify(h.data) }));
  if (!r.history.some((h) => h.rev === r.rev)) {
    rows.push({ tableName: r.table, recordId: r.id, rev: r.rev, parentRev: r.history.at(-1)?.rev ?? null, op: 'merge', actor: 'bundle', at: String(r.row.updatedAt ?? ''), data: JSON.stringify(r.row) });
  }
  return rows;
}

/** Rows per multi-row INSERT, kept under SQLite's limit on bound parameters. */
const batchSize = (columns: number) => Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns))));

async function insertHistory(trx: Db, rows: ReturnType<typeof historyRows>): Promise<void> {
  const size = batchSize(8);
  for (let i = 0; i < rows.length; i += size) {
    await trx.insertInto('recordRevisions').values(rows.slice(i, i + size)).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Applies the plan inside the caller's transaction: adds in multi-row batches, the rest one by one. */
export async function applyMerge(trx: Db, staging: Staging, plan: PlanSummary, meta: ApplyMeta): Promise<void> {
  const adb: AnyDb = trx;
  // Tables in dependency order, so referenced rows exist first.
  for (const table of plan.tables) {
    const noun = recordTable(table)!.noun;
    for (const page of staging.records(table, 'add')) {
      // One multi-row INSERT per set of columns: a record from an older writer may leave out a
      // column that has a default, and SQLite has no DEFAULT in a VALUES list.
      const byColumns = new Map<string, StagedRecord[]>();
      for (const r of page) {
        const key = Object.keys(r.row).join(',');
        const group = byColumns.get(key);
        if (group) group.push(r);
        else byColumns.set(key, [r]);
      }
      for (const group of byColumns.values()) await insertAdds(adb, table, noun, group);
      await insertHistory(trx, page.flatMap(historyRows));
    }
  }
  for (const table of plan.tables) {
    const noun = recordTable(table)!.noun;
    for (const action of ['update', 'conflict'] as const) {
      for (const page of staging.records(table, action)) {
        for (const item of page) {
          try {
            if (action === 'update') await applyUpdate(trx, item, meta);
            else await applyConflict(trx, item, meta);
          } catch (e) {
            throw explain(e, `${noun} "${item.label}"`);
          }
        }
      }
    }
  }
  for (const page of staging.extraRows()) {
    for (const { table, row } of page) {
      try {
        await adb.insertInto(table).values(row).onConflict((oc) => oc.doNothing()).execute();
      } catch (e) {
        throw explain(e, `a ${table} row`);
      }
    }
  }
  const fk = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(trx);
  if (fk.rows.length) throw bad(`The bundle refers to records that are neither in it nor here (in ${fk.rows[0]!.table}); nothing was imported.`);
}

async function insertAdds(adb: AnyDb, table: string, noun: string, rows: StagedRecord[]): Promise<void> {
  const size = batchSize(Object.keys(rows[0]!.row).length);
  for (let i = 0; i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    try {
      await adb.insertInto(table).values(batch.map((b) => b.row)).execute();
    } catch (e) {
      // Find the record that broke the rule, to name it (the failed statement changed nothing).
      for (const b of batch) {
        try {
          await adb.insertInto(table).values(b.row).execute();
        } catch (one) {
          throw explain(one, `${noun} "${b.label}"`);
        }
      }
      throw explain(e, `a ${noun.toLowerCase()}`);
    }
  }
}

async function applyUpdate(trx: Db, item: StagedRecord, meta: ApplyMeta): Promise<void> {
  const { id: _id, ...rest } = item.row;
  void _id;
  await (trx as AnyDb).updateTable(item.table).set(rest).where('id', '=', item.id).execute();
  await insertHistory(trx, historyRows(item));
  // Our side of an open conflict is in the incoming history: the partner resolved it.
  await trx
    .updateTable('bundleConflicts')
    .set({ resolvedAt: meta.now, resolution: 'theirs', resolvedRev: item.rev })
    .where('tableName', '=', item.table)
    .where('recordId', '=', item.id)
    .where('resolvedAt', 'is', null)
    .execute();
}

async function applyConflict(trx: Db, item: StagedRecord, meta: ApplyMeta): Promise<void> {
  const values = {
    localRev: item.localRev!,
    remoteRev: item.rev,
    remoteData: JSON.stringify(item.row),
    remoteHistory: JSON.stringify(item.history satisfies Revision[]),
    bundleId: meta.bundleId,
    sender: meta.sender,
    createdAt: meta.now,
  };
  if (item.replaces) await trx.updateTable('bundleConflicts').set(values).where('id', '=', item.replaces).execute();
  else await trx.insertInto('bundleConflicts').values({ id: newId(), tableName: item.table, recordId: item.id, ...values }).onConflict((oc) => oc.doNothing()).execute();
}

function explain(e: unknown, what: string): unknown {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new AppError('CONFLICT', `${what} clashes with a different record here that has the same name. Rename one of them (here or at the sender) and import again; nothing was imported.`);
  }
  if (err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return bad(`${what} refers to something that is neither in the bundle nor here; nothing was imported.`);
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) return bad(`${what} breaks a rule of this database (${err.message ?? err.code}); nothing was imported.`);
  return e;
}
