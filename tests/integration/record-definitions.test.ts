/**
 * Each table is declared once (main/<capability>/records.ts) and its kysely type, conversions and
 * bundle row shape derive from that declaration. The frozen migrations create the real tables, so
 * these tests hold the two together: every defined column exists with the same storage type,
 * nullability and default, and nothing the migrations created is missing from a definition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPEND_ONLY_TABLE_NAMES, loadAppendOnlyTable, loadRecordTable, RECORD_TABLE_NAMES } from '../../main/core/recordTableModules';
import { APPEND_ONLY_TABLES, RECORD_TABLES } from '../../main/core/recordTables';
import { recordStore } from '../../main/core/recordStore';
import type { TableSpec } from '../../main/db/recordSpec';
import { evidenceItems } from '../../main/evidence/records';
import { estimateLines } from '../../main/estimates/records';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
beforeAll(() => {
  wb = tempWorkbench();
});
afterAll(() => wb.cleanup());

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const SQL_TYPE = { text: 'TEXT', json: 'TEXT', integer: 'INTEGER', boolean: 'INTEGER', real: 'REAL' } as const;

function liveColumns(table: string) {
  const rows = wb.ctx.sqlite.prepare(`SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?)`).all(snake(table)) as {
    name: string;
    type: string;
    nn: number;
    dflt: unknown;
    pk: number;
  }[];
  return Object.fromEntries(rows.map((c) => [c.name, { type: c.type.toUpperCase(), notNull: c.nn === 1 || c.pk === 1, hasDefault: c.dflt !== null }]));
}

function declared(spec: TableSpec) {
  return Object.fromEntries(Object.entries(spec.columns).map(([k, c]) => [snake(k), { type: SQL_TYPE[c.kind], notNull: !c.isNullable, hasDefault: c.hasDefault }]));
}

const ALL: TableSpec[] = [...Object.values(RECORD_TABLES), ...APPEND_ONLY_TABLES];

describe('table definitions match the migrated schema', () => {
  it.each(ALL.map((s) => [s.table, s] as const))('%s', (table, spec) => {
    expect(declared(spec)).toEqual(liveColumns(table));
  });

  it.each(ALL.map((s) => [s.table, s] as const))('%s: its ref() columns are its foreign keys', (table, spec) => {
    const fks = wb.ctx.sqlite.prepare(`SELECT "from", "table" FROM pragma_foreign_key_list(?)`).all(snake(table)) as { from: string; table: string }[];
    const refs = (spec as { refs?: Record<string, string> }).refs ?? {};
    expect(Object.fromEntries(Object.entries(refs).map(([k, t]) => [snake(k), snake(t)]))).toEqual(Object.fromEntries(fks.map((f) => [f.from, f.table])));
  });

  it('the seeded rows (deflators, confidence grades, barriers) fit their row shapes', () => {
    let seen = 0;
    for (const spec of Object.values(RECORD_TABLES)) {
      const rows = wb.ctx.sqlite.prepare(`SELECT * FROM ${snake(spec.table)}`).all() as Record<string, unknown>[];
      for (const raw of rows) {
        const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), v]));
        const r = spec.rowShape.safeParse(row);
        expect(r.success, `${spec.table} ${JSON.stringify(row)}: ${r.error?.issues[0]?.message}`).toBe(true);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(10);
  });
});

describe('the tables loaded on demand (main/core/recordTableModules.ts, for tpw check)', () => {
  it('are the registry\'s tables, in its order, each the very same definition', async () => {
    expect(RECORD_TABLE_NAMES).toEqual(Object.keys(RECORD_TABLES));
    expect(APPEND_ONLY_TABLE_NAMES).toEqual(APPEND_ONLY_TABLES.map((s) => s.table));
    for (const name of RECORD_TABLE_NAMES) expect(await loadRecordTable(name)).toBe(RECORD_TABLES[name]);
    for (const spec of APPEND_ONLY_TABLES) expect(await loadAppendOnlyTable(spec.table)).toBe(spec);
    await expect(loadRecordTable('statusChanges')).rejects.toThrow(/No record table/);
  });
});

describe('row shapes', () => {
  it('are built when first read, once, and travel with a copied definition', () => {
    const a = evidenceItems.rowShape;
    expect(evidenceItems.rowShape).toBe(a);
    expect({ ...evidenceItems }.rowShape).toBe(a);
    expect(Object.keys(evidenceItems)).toContain('rowShape');
  });

  const item = {
    id: '01a21799-0000-7000-8000-000000000001',
    rev: '1-abcdef01',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    deletedAt: null,
    title: 'A clean item',
    kind: 'document',
    summary: null,
    source: null,
    organisationId: null,
    observedOn: null,
    reportedOn: null,
    collectedBy: null,
    sensitivity: 'partners',
    tags: '["a","b"]',
    citizenPerspective: 0,
    themeId: null,
  };

  it('accept a stored row as it is, and leave out columns SQL has a default for', () => {
    expect(evidenceItems.rowShape.parse(item)).toEqual(item);
    const { tags: _t, citizenPerspective: _c, ...short } = item;
    expect(evidenceItems.rowShape.safeParse(short).success).toBe(true);
  });

  it('hold the domain limits stated in shared/domain (one statement of each)', () => {
    const issue = (row: object) => evidenceItems.rowShape.safeParse(row).error?.issues[0];
    expect(issue({ ...item, title: 'x'.repeat(301) })?.message).toMatch(/under 300/);
    expect(issue({ ...item, kind: 'gossip' })?.path).toEqual(['kind']);
    expect(issue({ ...item, sensitivity: 'secret' })?.path).toEqual(['sensitivity']);
    expect(issue({ ...item, tags: '["ok", 3]' })?.path).toEqual(['tags', 1]);
    expect(issue({ ...item, tags: 'not json' })?.message).toBe('Not valid JSON');
    expect(issue({ ...item, citizenPerspective: 2 })?.path).toEqual(['citizenPerspective']);
    expect(issue({ ...item, themeId: 'not-an-id' })?.message).toBe('Not a valid record id');
    expect(issue({ ...item, evil: 1 })?.code).toBe('unrecognized_keys');
    expect(estimateLines.rowShape.safeParse({ deadweight: 1.5 }).error?.issues.some((i) => i.path[0] === 'deadweight' && /above 100/.test(i.message))).toBe(true);
  });
});

describe('a record store', () => {
  it('writes each change as a revision, converting booleans and JSON both ways', async () => {
    const items = recordStore(evidenceItems);
    const added = await items.add(wb.ctx, { title: 'Visit notes', kind: 'observation', sensitivity: 'team', tags: ['visit'], citizenPerspective: true });
    expect(added).toMatchObject({ title: 'Visit notes', tags: ['visit'], citizenPerspective: true, deletedAt: null });
    const stored = await items.row(wb.ctx.db, added.id);
    expect(stored).toMatchObject({ tags: '["visit"]', citizenPerspective: 1 });
    const same = await items.update(wb.ctx, { id: added.id, rev: added.rev, patch: { title: 'Visit notes' } });
    expect(same.rev).toBe(added.rev);
    const changed = await items.update(wb.ctx, { id: added.id, rev: added.rev, patch: { citizenPerspective: false } });
    await expect(items.update(wb.ctx, { id: added.id, rev: added.rev, patch: { title: 'Stale' } })).rejects.toThrow(/changed by someone else/);
    const removed = await items.remove(wb.ctx, changed);
    await expect(items.get(wb.ctx.db, added.id)).rejects.toThrow(/Evidence item was not found/);
    const restored = await items.restore(wb.ctx, { id: added.id });
    expect(restored).toMatchObject({ deletedAt: null, citizenPerspective: false });
    const ops = wb.ctx.sqlite.prepare(`SELECT op, parent_rev AS parentRev, rev FROM record_revisions WHERE record_id = ? ORDER BY rowid`).all(added.id) as { op: string; parentRev: string | null; rev: string }[];
    expect(ops.map((o) => o.op)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(ops.map((o) => o.parentRev)).toEqual([null, added.rev, changed.rev, removed.rev]);
    expect(ops.at(-1)!.rev).toBe(restored.rev);
  });
});
