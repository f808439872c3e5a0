import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../main/db/migrations';
import { migrate } from '../../main/db/migrate';
import { openWorkbench } from '../../main/api/workbench';
import { tempDir } from '../helpers/workbench';
import fs from 'node:fs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('the evidence schema', () => {
  it('upgrades a version-1 file with hypotheses in it, and the new tables accept evidence', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new BetterSqlite3(path.join(dir, 'w.db'));
    migrate(db, MIGRATIONS.slice(0, 1), { snapshotsDir: path.join(dir, 'snaps') });
    db.prepare(`INSERT INTO hypotheses (id, rev, created_at, updated_at, statement, status) VALUES ('00000000-0000-7000-8000-000000000002', '1-bbbbbbbb', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'Falls prevention saves money', 'testing')`).run();
    migrate(db, MIGRATIONS.slice(0, 2), { snapshotsDir: path.join(dir, 'snaps') });
    db.prepare(`INSERT INTO evidence_items (id, rev, created_at, updated_at, title, kind, sensitivity, tags) VALUES ('00000000-0000-7000-8000-000000000003', '1-cccccccc', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', 'Falls audit', 'document', 'team', '["falls"]')`).run();
    db.prepare(`INSERT INTO evidence_links (id, rev, created_at, updated_at, evidence_id, hypothesis_id, rating, weight) VALUES ('00000000-0000-7000-8000-000000000004', '1-dddddddd', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z', '00000000-0000-7000-8000-000000000003', '00000000-0000-7000-8000-000000000002', 'II', 'high')`).run();
    expect(db.prepare(`SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH 'audit'`).all()).toHaveLength(1);
    expect(db.prepare(`SELECT n FROM evidence_rating_counts`).all()).toEqual([{ n: 1 }]);
    // The database refuses what the app would refuse too.
    expect(() => db.prepare(`UPDATE evidence_links SET rating = 'maybe'`).run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare(`UPDATE evidence_items SET tags = 'falls'`).run()).toThrow(/CHECK constraint/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('keeps search results pointing at the right items after VACUUM (the index uses stable row ids)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'w.db');
    let wb = openWorkbench(file, 'cli');
    const ids: string[] = [];
    for (const t of ['alpha report', 'bravo report', 'charlie report', 'delta report']) {
      const r = await wb.dispatch('evidence.add', { title: t });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
    }
    // Deleting a row from the middle leaves a gap that VACUUM would close by renumbering implicit rowids.
    wb.ctx.sqlite.exec(`DELETE FROM evidence_fts WHERE rowid = (SELECT row_id FROM evidence_search_rows WHERE evidence_id = '${ids[1]}')`);
    wb.ctx.sqlite.exec(`DELETE FROM evidence_search_rows WHERE evidence_id = '${ids[1]}'`);
    wb.ctx.sqlite.exec('VACUUM');
    await wb.close();
    wb = openWorkbench(file, 'cli');
    const r = await wb.dispatch('evidence.search', { query: 'delta' });
    expect(r.ok && r.value.map((h) => [h.evidenceId, h.title])).toEqual([[ids[3], 'delta report']]);
    await wb.close();
  });
});
