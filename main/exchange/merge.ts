/**
 * Three-way merge of bundled records into this database, decided per record by revision ancestry
 * (never by timestamps):
 *   - not here                                   → add
 *   - incoming revision already known here       → unchanged (same, or older: never rolls back)
 *   - our current revision is in its history     → fast-forward to the incoming version
 *   - neither                                    → conflict: both versions kept for a person to resolve
 * "Known" revisions of a record are all its rows in record_revisions: each install only ever holds
 * revisions that its current version incorporates, because a conflict's remote history is stored
 * only when the conflict is resolved.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import type { AnyDb } from '../db/records';
import { APPEND_ONLY_TABLES, recordTable, RECORD_TABLES } from '../core/recordTables';
import type { Database } from '../core/database';
import { Revision, type BundledRecord } from '../bundle/format';
import { LOCAL_ONLY_TABLES } from './recordShapes';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;

export type MergeAction = 'add' | 'update' | 'conflict' | 'unchanged';

export interface PlanItem {
  table: string;
  id: string;
  label: string;
  action: MergeAction;
  incoming: BundledRecord;
  /** For 'conflict': the local revision it is against. */
  localRev?: string;
  /** For 'conflict': an open conflict about this record to replace (a newer remote version). */
  replacesConflict?: string;
}

export interface ValidatedRecords {
  records: { table: string; list: BundledRecord[] }[];
  extra: { table: string; rows: Row[] }[];
}

const bad = (m: string) => new AppError('BAD_FILE', m);

/** Checks every record against its table's row shape (strict: no unknown keys; the domain's limits). */
export function validateRecords(json: Map<string, unknown>): ValidatedRecords {
  const records: ValidatedRecords['records'] = [];
  const extra: ValidatedRecords['extra'] = [];
  for (const [name, value] of json) {
    const [dir, file] = name.split('/') as [string, string];
    const table = file.replace(/\.json$/, '');
    if (dir === 'records') {
      if (LOCAL_ONLY_TABLES.has(table)) throw bad(`The bundle holds "${table}" records, which never travel between installations; refused.`);
      const spec = recordTable(table);
      if (!spec) throw bad(`The bundle holds "${table}" records, which this version of the workbench does not know; it was made by a newer version. Update the workbench and try again.`);
      const schema = spec.rowShape;
      if (!Array.isArray(value)) throw bad(`"${name}" is not a list of records.`);
      const list = value.map((item, i) => {
        const o = item as { row?: unknown; history?: unknown } | null;
        if (!o || typeof o !== 'object' || Array.isArray(o) || Object.keys(o).some((k) => k !== 'row' && k !== 'history')) throw bad(`"${name}" item ${i + 1} is not a record.`);
        const row = schema.safeParse(o.row);
        if (!row.success) throw bad(`"${name}" item ${i + 1} does not fit a ${spec.noun.toLowerCase()} (${row.error.issues[0]!.path.join('.') || 'row'}: ${row.error.issues[0]!.message}); refused.`);
        const history = Revision.array().max(100_000).safeParse(o.history);
        if (!history.success) throw bad(`"${name}" item ${i + 1} has a damaged revision history; refused.`);
        const r = row.data as Row;
        if (typeof r.id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(r.id)) throw bad(`"${name}" item ${i + 1} has no valid id; refused.`);
        if (typeof r.rev !== 'string' || !/^\d+-[0-9a-f]{8,}$/.test(r.rev)) throw bad(`"${name}" item ${i + 1} has no valid revision; refused.`);
        return { row: r, history: history.data };
      });
      const ids = new Set(list.map((l) => l.row.id));
      if (ids.size !== list.length) throw bad(`"${name}" lists the same record twice; refused.`);
      records.push({ table, list });
    } else if (dir === 'extra') {
      const spec = APPEND_ONLY_TABLES.find((a) => a.table === table);
      if (!spec) throw bad(`The bundle holds "${table}" rows, which this version does not know; refused.`);
      const schema = spec.rowShape;
      if (!Array.isArray(value)) throw bad(`"${name}" is not a list of rows.`);
      extra.push({
        table,
        rows: value.map((v, i) => {
          const p = schema.safeParse(v);
          if (!p.success) throw bad(`"${name}" row ${i + 1} is not valid (${p.error.issues[0]!.path.join('.')}: ${p.error.issues[0]!.message}); refused.`);
          return p.data as Row;
        }),
      });
    }
  }
  // Apply in the registry's dependency order, whatever order the bundle listed them in.
  const order = Object.keys(RECORD_TABLES);
  records.sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
  return { records, extra };
}

/**
 * Tables whose live names must be unique (an index "<table>_live_name" on lower(name)): a new
 * record from a partner with the same name as a different one here cannot be stored. Found at
 * preview time, so the person is told before anything is attempted.
 */
async function nameClashes(db: Db, table: string, adds: BundledRecord[]): Promise<void> {
  const snake = table.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const indexes = await sql<{ name: string }>`SELECT name FROM pragma_index_list(${snake}) WHERE "unique" = 1 AND partial = 1`.execute(db);
  if (!indexes.rows.some((i) => i.name === `${snake}_live_name`)) return;
  const live = adds.filter((a) => a.row.deletedAt === null && typeof a.row.name === 'string');
  if (live.length === 0) return;
  const adb: AnyDb = db;
  const here = (await adb.selectFrom(table).select(['id', 'name']).where('deletedAt', 'is', null).execute()) as { id: string; name: string }[];
  const byName = new Map(here.map((r) => [r.name.toLowerCase(), r]));
  for (const a of live) {
    const clash = byName.get((a.row.name as string).toLowerCase());
    if (clash && clash.id !== a.row.id) {
      throw new AppError(
        'CONFLICT',
        `The bundle has a ${recordTable(table)!.noun.toLowerCase()} "${a.row.name as string}" that was created separately from your own with the same name. Rename yours (or ask the sender to rename theirs) and import again; nothing was imported.`,
      );
    }
  }
}

export async function planMerge(db: Db, v: ValidatedRecords): Promise<PlanItem[]> {
  const items: PlanItem[] = [];
  const adb: AnyDb = db;
  for (const { table, list } of v.records) {
    const spec = recordTable(table)!;
    const current = new Map(((await adb.selectFrom(table).select(['id', 'rev']).execute()) as { id: string; rev: string }[]).map((r) => [r.id, r.rev]));
    const known = new Map<string, Set<string>>();
    for (const r of (await db.selectFrom('recordRevisions').select(['recordId', 'rev']).where('tableName', '=', table).execute())) {
      let s = known.get(r.recordId);
      if (!s) known.set(r.recordId, (s = new Set()));
      s.add(r.rev);
    }
    const open = new Map<string, { id: string; remoteRev: string }>();
    for (const c of await db.selectFrom('bundleConflicts').select(['id', 'recordId', 'remoteRev']).where('tableName', '=', table).where('resolvedAt', 'is', null).execute()) {
      open.set(c.recordId, { id: c.id, remoteRev: c.remoteRev });
    }
    await nameClashes(db, table, list.filter((r) => !current.has(r.row.id as string)));
    for (const incoming of list) {
      const id = incoming.row.id as string;
      const base = { table, id, label: spec.label(incoming.row), incoming };
      const localRev = current.get(id);
      if (localRev === undefined) {
        items.push({ ...base, action: 'add' });
        continue;
      }
      const incomingRev = incoming.row.rev as string;
      const mine = known.get(id) ?? new Set([localRev]);
      if (incomingRev === localRev || mine.has(incomingRev)) {
        items.push({ ...base, action: 'unchanged' });
        continue;
      }
      const theirs = new Set(incoming.history.map((h) => h.rev));
      if (theirs.has(localRev)) {
        items.push({ ...base, action: 'update' });
        continue;
      }
      const pending = open.get(id);
      if (pending && pending.remoteRev === incomingRev) {
        items.push({ ...base, action: 'unchanged' });
        continue;
      }
      // An open conflict with an older remote version is superseded by this newer one.
      const replaces = pending && theirs.has(pending.remoteRev) ? pending.id : undefined;
      if (pending && !replaces) {
        // The remote side's older conflicting version is newer than this one: nothing new here.
        items.push({ ...base, action: 'unchanged' });
        continue;
      }
      items.push({ ...base, action: 'conflict', localRev, replacesConflict: replaces });
    }
  }
  return items;
}

export interface ApplyMeta {
  bundleId: string;
  sender: string;
  now: string;
}

function historyRows(table: string, id: string, item: BundledRecord) {
  const rows = item.history.map((h) => ({ tableName: table, recordId: id, rev: h.rev, parentRev: h.parentRev, op: h.op, actor: h.actor, at: h.at, data: JSON.stringify(h.data) }));
  if (!item.history.some((h) => h.rev === item.row.rev)) {
    rows.push({ tableName: table, recordId: id, rev: item.row.rev as string, parentRev: item.history.at(-1)?.rev ?? null, op: 'merge', actor: 'bundle', at: String(item.row.updatedAt ?? ''), data: JSON.stringify(item.row) });
  }
  return rows;
}

/** Rows per multi-row INSERT, kept under SQLite's limit on bound parameters. */
const batchSize = (columns: number) => Math.max(1, Math.min(500, Math.floor(30_000 / Math.max(1, columns))));

/** Applies a plan inside the caller's transaction: adds in multi-row batches, the rest one by one. */
export async function applyMerge(trx: Db, plan: PlanItem[], extra: ValidatedRecords['extra'], meta: ApplyMeta): Promise<void> {
  const adb: AnyDb = trx;
  const history: ReturnType<typeof historyRows> = [];
  const addsByTable = new Map<string, PlanItem[]>();
  for (const item of plan) {
    if (item.action === 'add') {
      let list = addsByTable.get(item.table);
      if (!list) addsByTable.set(item.table, (list = []));
      list.push(item);
    }
  }
  // Tables in the plan's (dependency) order, so referenced rows exist first.
  for (const [table, items] of addsByTable) {
    const size = batchSize(Object.keys(items[0]!.incoming.row).length);
    for (let i = 0; i < items.length; i += size) {
      const batch = items.slice(i, i + size);
      try {
        await adb.insertInto(table).values(batch.map((b) => b.incoming.row)).execute();
      } catch (e) {
        // Find the record that broke the rule, to name it (the failed statement changed nothing).
        for (const b of batch) {
          try {
            await adb.insertInto(table).values(b.incoming.row).execute();
          } catch (one) {
            throw explain(one, `${recordTable(table)!.noun} "${b.label}"`);
          }
        }
        throw explain(e, `a ${recordTable(table)!.noun.toLowerCase()}`);
      }
      for (const b of batch) history.push(...historyRows(table, b.id, b.incoming));
    }
  }
  for (const item of plan) {
    try {
      if (item.action === 'update') {
        const { id: _id, ...rest } = item.incoming.row;
        void _id;
        await adb.updateTable(item.table).set(rest).where('id', '=', item.id).execute();
        history.push(...historyRows(item.table, item.id, item.incoming));
        // Our side of an open conflict is in the incoming history: the partner resolved it.
        await trx
          .updateTable('bundleConflicts')
          .set({ resolvedAt: meta.now, resolution: 'theirs', resolvedRev: item.incoming.row.rev as string })
          .where('tableName', '=', item.table)
          .where('recordId', '=', item.id)
          .where('resolvedAt', 'is', null)
          .execute();
      } else if (item.action === 'conflict') {
        const values = {
          localRev: item.localRev!,
          remoteRev: item.incoming.row.rev as string,
          remoteData: JSON.stringify(item.incoming.row),
          remoteHistory: JSON.stringify(item.incoming.history),
          bundleId: meta.bundleId,
          sender: meta.sender,
          createdAt: meta.now,
        };
        if (item.replacesConflict) await trx.updateTable('bundleConflicts').set(values).where('id', '=', item.replacesConflict).execute();
        else await trx.insertInto('bundleConflicts').values({ id: newId(), tableName: item.table, recordId: item.id, ...values }).onConflict((oc) => oc.doNothing()).execute();
      }
    } catch (e) {
      throw explain(e, `${recordTable(item.table)!.noun} "${item.label}"`);
    }
  }
  const hsize = batchSize(8);
  for (let i = 0; i < history.length; i += hsize) {
    await trx.insertInto('recordRevisions').values(history.slice(i, i + hsize)).onConflict((oc) => oc.doNothing()).execute();
  }
  for (const { table, rows } of extra) {
    for (const row of rows) {
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

function explain(e: unknown, what: string): unknown {
  const err = e as { code?: string; message?: string };
  if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new AppError('CONFLICT', `${what} clashes with a different record here that has the same name. Rename one of them (here or at the sender) and import again; nothing was imported.`);
  }
  if (err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return bad(`${what} refers to something that is neither in the bundle nor here; nothing was imported.`);
  if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_CONSTRAINT')) return bad(`${what} breaks a rule of this database (${err.message ?? err.code}); nothing was imported.`);
  return e;
}
