/** What other capabilities may read of the hypotheses: typed functions, imported directly (never by method name). */
import type { z } from 'zod';
import { type Hypothesis, type HypothesisFilter } from '../../shared/domain/hypotheses';
import { recordOps, type AnyDb } from '../db/records';
import { type ServiceContext } from '../core/context';
import { hypotheses as hypothesesTable } from './records';

const hypotheses = recordOps(hypothesesTable);

export async function listHypotheses(ctx: ServiceContext, filter: z.output<typeof HypothesisFilter>): Promise<Hypothesis[]> {
  let q = ctx.db.selectFrom('hypotheses').selectAll();
  if (!filter.includeDeleted) q = q.where('deletedAt', 'is', null);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.themeId) q = q.where('themeId', '=', filter.themeId);
  if (filter.ownerId) q = q.where('ownerId', '=', filter.ownerId);
  if (filter.text) {
    const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([eb('statement', 'like', like), eb('rationale', 'like', like)]),
    );
  }
  const rows = await q.orderBy('createdAt', 'desc').execute();
  return rows.map(hypotheses.toDomain);
}

/** A live hypothesis (on `db`, which may be the caller's transaction); not found: "Hypothesis was not found". */
export const requireHypothesis = (db: AnyDb, id: string, opts: { includeDeleted?: boolean } = {}): Promise<Hypothesis> => hypotheses.get(db, id, opts);
