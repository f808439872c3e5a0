/**
 * The trigger-kept aggregates behind the whole matrix and coverage must always agree with a
 * recomputation from the links themselves, whatever sequence of writes happened: linking, re-rating,
 * unlinking, deleting and restoring items and hypotheses, and changing the citizen mark.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosticity, inconsistencyScore, isContradicting, isSupporting } from '../../shared/calc/ach';
import { ACH_RATINGS, LINK_WEIGHTS, type AchRating, type LinkWeight } from '../../shared/domain/evidence';
import { tempWorkbench } from '../helpers/workbench';

type Op =
  | { op: 'rate'; e: number; h: number; rating: AchRating | null; weight: LinkWeight }
  | { op: 'toggleItem'; e: number }
  | { op: 'toggleHypothesis'; h: number }
  | { op: 'citizen'; e: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('rate' as const), e: fc.nat(4), h: fc.nat(3), rating: fc.option(fc.constantFrom(...ACH_RATINGS), { nil: null }), weight: fc.constantFrom(...LINK_WEIGHTS) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('toggleItem' as const), e: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('toggleHypothesis' as const), h: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('citizen' as const), e: fc.nat(4) }) },
);

describe('matrix aggregates kept by triggers', () => {
  it('agree with a recomputation from the links after any sequence of writes', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        const wb = tempWorkbench();
        try {
          const H: string[] = [];
          for (let i = 0; i < 4; i++) H.push((await wb.call('hypothesis.add', { statement: `H${i}` })).id);
          const E: string[] = [];
          for (let i = 0; i < 5; i++) E.push((await wb.call('evidence.add', { title: `E${i}` })).id);
          for (const o of ops) {
            if (o.op === 'rate') {
              await wb.dispatch('evidence.rate', { evidenceId: E[o.e]!, hypothesisId: H[o.h]!, rating: o.rating, weight: o.weight });
            } else if (o.op === 'toggleItem') {
              const row = wb.ctx.sqlite.prepare('SELECT rev, deleted_at FROM evidence_items WHERE id = ?').get(E[o.e]) as { rev: string; deleted_at: string | null };
              if (row.deleted_at) await wb.call('recycleBin.restore', { table: 'evidenceItems', id: E[o.e]! });
              else await wb.call('evidence.delete', { id: E[o.e]!, rev: row.rev });
            } else if (o.op === 'toggleHypothesis') {
              const row = wb.ctx.sqlite.prepare('SELECT rev, deleted_at FROM hypotheses WHERE id = ?').get(H[o.h]) as { rev: string; deleted_at: string | null };
              if (row.deleted_at) await wb.call('recycleBin.restore', { table: 'hypotheses', id: H[o.h]! });
              else await wb.call('hypothesis.delete', { id: H[o.h]!, rev: row.rev });
            } else {
              const e = wb.ctx.sqlite.prepare('SELECT rev, deleted_at, citizen_perspective c FROM evidence_items WHERE id = ?').get(E[o.e]) as { rev: string; deleted_at: string | null; c: number };
              if (!e.deleted_at) await wb.call('evidence.update', { id: E[o.e]!, rev: e.rev, patch: { citizenPerspective: e.c === 0 } });
            }
          }
          // The truth, straight from the live rows.
          const live = wb.ctx.sqlite
            .prepare(
              `SELECT l.evidence_id e, l.hypothesis_id h, l.rating, l.weight, i.citizen_perspective c FROM evidence_links l
               JOIN evidence_items i ON i.id = l.evidence_id AND i.deleted_at IS NULL
               JOIN hypotheses hy ON hy.id = l.hypothesis_id AND hy.deleted_at IS NULL
               WHERE l.deleted_at IS NULL`,
            )
            .all() as { e: string; h: string; rating: AchRating; weight: LinkWeight; c: number }[];
          const m = await wb.call('evidence.matrix', { limit: 1000 });
          for (const h of m.hypotheses) {
            const mine = live.filter((l) => l.h === h.id);
            expect(h.inconsistency).toBeCloseTo(inconsistencyScore(mine), 9);
            expect(h.consistentCount).toBe(mine.filter((l) => isSupporting(l.rating)).length);
            expect(h.inconsistentCount).toBe(mine.filter((l) => isContradicting(l.rating)).length);
          }
          const items = [...new Set(live.map((l) => l.e))];
          expect(m.totalRows).toBe(items.length);
          const expectedD = new Map(items.map((e) => [e, diagnosticity(live.filter((l) => l.e === e).map((l) => l.rating))]));
          for (const r of m.rows) expect(r.diagnosticity).toBe(expectedD.get(r.evidenceId));
          // Sorted by the kept spread: it must be the same order as the recomputed diagnosticity.
          const ds = m.rows.map((r) => r.diagnosticity);
          expect(ds).toEqual([...ds].sort((a, b) => b - a));
          const cov = await wb.call('evidence.coverage', {});
          for (const c of cov) {
            const mine = live.filter((l) => l.h === c.hypothesisId);
            expect(c).toEqual({
              hypothesisId: c.hypothesisId,
              evidenceCount: mine.length,
              citizenCount: mine.filter((l) => l.c === 1).length,
              supportingCount: mine.filter((l) => isSupporting(l.rating)).length,
              contradictingCount: mine.filter((l) => isContradicting(l.rating)).length,
            });
          }
        } finally {
          await wb.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  });
});
