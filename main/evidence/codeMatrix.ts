/**
 * Codes × hypotheses: for each code of the book and each hypothesis, how many rated quotes coded
 * with it support or contradict the hypothesis, and how many of those are the citizen's voice —
 * where the citizen's perspective bears out or cuts across what the team thinks.
 */
import type { AchRating } from '../../shared/domain/evidence';
import type { CodesByHypotheses } from '../../shared/domain/quotes';
import { isContradicting, isSupporting } from '../../shared/calc/ach';
import type { ServiceContext } from '../core/context';

export async function codesByHypotheses(ctx: ServiceContext): Promise<CodesByHypotheses> {
  const hypotheses = await ctx.db.selectFrom('hypotheses').select(['id', 'statement']).where('deletedAt', 'is', null).orderBy('createdAt').orderBy('id').execute();
  const codes = await ctx.db.selectFrom('evidenceCodes').select(['id', 'name', 'description']).where('deletedAt', 'is', null).orderBy('name').execute();
  const rows = ctx.sqlite
    .prepare(
      `SELECT j.value AS code, l.hypothesis_id AS h, l.rating, q.citizen_perspective AS citizen, count(*) AS n
       FROM evidence_quote_links l
       JOIN evidence_quotes q ON q.id = l.quote_id AND q.deleted_at IS NULL
       JOIN evidence_items e ON e.id = q.evidence_id AND e.deleted_at IS NULL,
       json_each(q.code_ids) j
       WHERE l.deleted_at IS NULL GROUP BY 1, 2, 3, 4`,
    )
    .all() as { code: string; h: string; rating: AchRating; citizen: number; n: number }[];
  const cells: CodesByHypotheses['cells'] = {};
  for (const r of rows) {
    const key = `${r.code}:${r.h}`;
    const c = (cells[key] ??= { supporting: 0, contradicting: 0, citizenSupporting: 0, citizenContradicting: 0 });
    if (isSupporting(r.rating)) {
      c.supporting += r.n;
      if (r.citizen) c.citizenSupporting += r.n;
    } else if (isContradicting(r.rating)) {
      c.contradicting += r.n;
      if (r.citizen) c.citizenContradicting += r.n;
    }
  }
  return { hypotheses, codes, cells };
}
