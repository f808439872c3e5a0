/**
 * Property: whatever set of records one installation holds (any text, edits, deletions), after a
 * bundle round trip the other installation holds exactly the same rows and revision histories.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receive, send, setUpPair } from '../fixtures/bundles/pair';

const text = fc.string({ minLength: 1, maxLength: 60, unit: fc.constantFrom(...'abcXYZ £€–—"\',;\n\t<>&=+-@🙂é0123'.split('')) }).filter((s) => s.trim().length > 0);

const recordSet = fc.record({
  themes: fc.uniqueArray(text, { maxLength: 4, selector: (s) => s.trim().toLowerCase() }),
  hypotheses: fc.array(
    fc.record({
      statement: text,
      rationale: fc.option(text, { nil: null }),
      themeIndex: fc.option(fc.nat(3), { nil: null }),
      edit: fc.option(text, { nil: null }),
      remove: fc.boolean(),
    }),
    { maxLength: 8 },
  ),
});

const rows = (db: import('better-sqlite3').Database, table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
const history = (db: import('better-sqlite3').Database) =>
  db.prepare(`SELECT table_name, record_id, rev, parent_rev, op, data FROM record_revisions WHERE table_name IN ('themes','hypotheses') ORDER BY table_name, record_id, rev`).all();

describe('bundle round trips (property-based)', () => {
  it('the receiver ends up with exactly the sender\'s records and histories, and a second import changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(recordSet, async (set) => {
        const pair = await setUpPair();
        try {
          const { a, b } = pair;
          const themes = [];
          for (const name of set.themes) themes.push(await a.call('theme.add', { name }));
          for (const h of set.hypotheses) {
            const theme = h.themeIndex === null ? null : (themes[h.themeIndex % Math.max(themes.length, 1)] ?? null);
            let rec = await a.call('hypothesis.add', { statement: h.statement, rationale: h.rationale, themeId: theme?.id ?? null });
            if (h.edit !== null) rec = await a.call('hypothesis.update', { id: rec.id, rev: rec.rev, patch: { statement: h.edit } });
            if (h.remove) await a.call('hypothesis.delete', { id: rec.id, rev: rec.rev });
          }
          if (set.themes.length === 0 && set.hypotheses.length === 0) return;
          const file = await send(a, pair.bInA, pair.out, { scope: ['setup', 'hypotheses'] });
          const r = await receive(b, file);
          expect(r.added).toBe(set.themes.length + set.hypotheses.length);
          expect(rows(b.ctx.sqlite, 'hypotheses')).toEqual(rows(a.ctx.sqlite, 'hypotheses'));
          expect(rows(b.ctx.sqlite, 'themes')).toEqual(rows(a.ctx.sqlite, 'themes'));
          expect(history(b.ctx.sqlite)).toEqual(history(a.ctx.sqlite));
          const again = await receive(b, await send(a, pair.bInA, pair.out, { scope: ['setup', 'hypotheses'] }));
          expect(again.added + again.updated + again.conflicts).toBe(0);
        } finally {
          await pair.cleanup();
        }
      }),
      { numRuns: 12 },
    );
  }, 300_000);
});
