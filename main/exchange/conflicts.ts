/**
 * Conflicts left by bundle imports: both versions are kept until a person picks one or edits a
 * merged version. Resolving writes a new revision whose parent is our current one and stores the
 * remote version's history, so the remote revision counts as merged: when the result is sent
 * back, the partner fast-forwards to it and both sides converge.
 */
import type { ConflictView } from '../../shared/domain/bundles';
import { TEAM_CONFLICT_SOURCE } from '../../shared/domain/team';
import { AppError, notFound } from '../../shared/errors';
import { nextRev } from '../db/ids';
import { getRow, toDomain, type AnyDb } from '../db/records';
import { recordTable, requireRecordTable } from '../core/recordTables';
import { inWriteTransaction } from '../core/recordStore';
import type { BundleConflictsTable } from './tables';
import { Revision } from '../bundle/format';
import type { ServiceContext } from '../core/context';

type Row = Record<string, unknown>;

/** Bookkeeping that always differs and is not the user's content. */
const BOOKKEEPING = new Set(['id', 'rev', 'createdAt', 'updatedAt']);

function view(c: BundleConflictsTable, mine: Row): ConflictView {
  const spec = requireRecordTable(c.tableName);
  const theirs = JSON.parse(c.remoteData) as Row;
  const keys = [...new Set([...Object.keys(mine), ...Object.keys(theirs)])].filter((k) => !BOOKKEEPING.has(k));
  const fields = keys.filter((k) => !Object.is(mine[k] ?? null, theirs[k] ?? null)).map((k) => ({ field: k, mine: mine[k] ?? null, theirs: theirs[k] ?? null }));
  return {
    id: c.id,
    table: c.tableName,
    noun: spec.noun,
    recordId: c.recordId,
    label: spec.label(mine),
    sender: c.sender,
    bundleId: c.bundleId,
    createdAt: c.createdAt,
    localRev: c.localRev,
    remoteRev: c.remoteRev,
    mine: toDomain(spec, mine),
    theirs: toDomain(spec, theirs),
    fields,
    resolvedAt: c.resolvedAt,
    resolution: c.resolution,
  };
}

/**
 * Where a conflict came from: a partner's bundle, or a teammate's change (team sync keeps those in
 * the same records, bundle id 'team'). `conflict.list` and `tpw conflict list` show partners';
 * `team.conflicts` and `tpw team conflicts` show the team's. `conflict.resolve` takes either.
 */
export type ConflictSource = 'partners' | 'team';

export async function listConflicts(ctx: ServiceContext, input: { includeResolved: boolean; source: ConflictSource }): Promise<ConflictView[]> {
  let q = ctx.db.selectFrom('bundleConflicts').selectAll().orderBy('createdAt', 'desc');
  q = q.where('bundleId', input.source === 'team' ? '=' : '!=', TEAM_CONFLICT_SOURCE);
  if (!input.includeResolved) q = q.where('resolvedAt', 'is', null);
  const out: ConflictView[] = [];
  for (const c of await q.execute()) {
    const spec = recordTable(c.tableName);
    if (!spec) continue;
    out.push(view(c, await getRow(ctx.db, spec, c.recordId, { includeDeleted: true })));
  }
  return out;
}

export async function resolveConflict(
  ctx: ServiceContext,
  input: { id: string; choice: 'mine' | 'theirs' | 'merged'; merged?: Record<string, string | number | boolean | null> },
): Promise<ConflictView> {
  return inWriteTransaction(ctx, async (trx, w) => {
    const c = await trx.selectFrom('bundleConflicts').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!c) throw notFound('The conflict');
    if (c.resolvedAt) throw new AppError('CONFLICT', 'This conflict has already been resolved.');
    const spec = requireRecordTable(c.tableName);
    const mine = await getRow(trx, spec, c.recordId, { includeDeleted: true });
    const theirs = JSON.parse(c.remoteData) as Row;
    let chosen: Row;
    if (input.choice === 'mine') chosen = { ...mine };
    else if (input.choice === 'theirs') chosen = { ...theirs };
    else {
      chosen = { ...mine };
      for (const [k, v] of Object.entries(input.merged ?? {})) {
        if (BOOKKEEPING.has(k)) continue;
        if (!(k in mine)) throw new AppError('INVALID_INPUT', `"${k}" is not a field of a ${spec.noun.toLowerCase()}`, { [`merged.${k}`]: 'Not a field of this record' });
        chosen[k] = spec.booleans.includes(k) && typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
    }
    const seq = Math.max(Number(String(mine.rev).split('-')[0]), Number(c.remoteRev.split('-')[0]));
    const rev = nextRev(`${seq}-0`);
    const next: Row = { ...chosen, id: c.recordId, rev, createdAt: mine.createdAt, updatedAt: w.now };
    const check = spec.rowShape.safeParse(next);
    if (!check.success) {
      const i = check.error.issues[0]!;
      throw new AppError('INVALID_INPUT', `The merged ${spec.noun.toLowerCase()} is not valid (${i.path.join('.')}: ${i.message})`, { [`merged.${i.path.join('.')}`]: i.message });
    }
    const { id: _id, ...set } = next;
    void _id;
    await (trx as AnyDb).updateTable(c.tableName).set(set).where('id', '=', c.recordId).execute();
    // The remote line of history becomes ours: its revisions are now ancestors of the merge.
    const history = Revision.array().parse(JSON.parse(c.remoteHistory));
    const rows = history.map((h) => ({ tableName: c.tableName, recordId: c.recordId, rev: h.rev, parentRev: h.parentRev, op: h.op, actor: h.actor, at: h.at, data: JSON.stringify(h.data) }));
    if (!history.some((h) => h.rev === c.remoteRev)) rows.push({ tableName: c.tableName, recordId: c.recordId, rev: c.remoteRev, parentRev: history.at(-1)?.rev ?? null, op: 'merge', actor: c.sender, at: c.createdAt, data: c.remoteData });
    for (let i = 0; i < rows.length; i += 200) await trx.insertInto('recordRevisions').values(rows.slice(i, i + 200)).onConflict((oc) => oc.doNothing()).execute();
    const stored = await getRow(trx, spec, c.recordId, { includeDeleted: true });
    await trx.insertInto('recordRevisions').values({ tableName: c.tableName, recordId: c.recordId, rev, parentRev: mine.rev as string, op: 'merge', actor: w.actor, at: w.now, data: JSON.stringify(stored) }).execute();
    await trx.updateTable('bundleConflicts').set({ resolvedAt: w.now, resolution: input.choice, resolvedRev: rev }).where('id', '=', c.id).execute();
    return view({ ...c, resolvedAt: w.now, resolution: input.choice, resolvedRev: rev }, stored);
  });
}
