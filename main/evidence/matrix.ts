/**
 * The ACH matrix: hypotheses as columns, evidence as rows, ratings in the cells, each
 * hypothesis's weighted inconsistency score and each item's diagnosticity.
 *
 * The scores cover ALL the evidence linked to the hypotheses, not only the rows shown (a page
 * holds at most `limit` rows). For the whole matrix (the usual view, and the one that must stay
 * fast with a million links) they come from trigger-kept aggregates (0002_evidence:
 * evidence_rating_counts, evidence_item_spread) and are scored by shared/calc/ach.ts. For a
 * chosen subset of hypotheses (a theme), diagnosticity depends on which columns are shown, so it
 * is aggregated on the fly, with SQL CASE expressions built from ach.ts's constants. Either way
 * the rows shown are re-scored with ach.ts itself; the tests check all of it against hand-worked
 * figures and against each other.
 */
import { diagnosticity, inconsistencyFromCounts, INCONSISTENCY_POINTS, isContradicting, isSupporting, RATING_VALUE, WEIGHT_FACTOR } from '../../shared/calc/ach';
import type { AchRating, EvidenceKind, LinkWeight, MatrixData } from '../../shared/domain/evidence';
import type { ServiceContext } from '../core/context';

const caseOf = (column: string, values: Record<string, number>, otherwise: string) =>
  `CASE ${column} ${Object.entries(values)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(' ')} ELSE ${otherwise} END`;

const POINTS = caseOf('l.rating', INCONSISTENCY_POINTS, '0');
const WEIGHT = caseOf('l.weight', WEIGHT_FACTOR, '0');
/** NA (and anything unknown) is NULL, which min/max/count ignore. */
const VALUE = caseOf('l.rating', RATING_VALUE, 'NULL');
const DIAGNOSTICITY = `CASE WHEN count(${VALUE}) >= 2 THEN max(${VALUE}) - min(${VALUE}) ELSE 0 END`;

export interface MatrixOptions {
  themeId?: string | undefined;
  hypothesisIds?: string[] | undefined;
  sort: 'diagnosticity' | 'recent' | 'title';
  hideNonDiagnostic: boolean;
  limit: number;
}

export async function evidenceMatrix(ctx: ServiceContext, opts: MatrixOptions): Promise<MatrixData> {
  const db = ctx.sqlite;
  let hq = ctx.db.selectFrom('hypotheses').select(['id', 'statement', 'status']).where('deletedAt', 'is', null);
  if (opts.themeId) hq = hq.where('themeId', '=', opts.themeId);
  if (opts.hypothesisIds) hq = hq.where('id', 'in', opts.hypothesisIds.length ? opts.hypothesisIds : ['']);
  const hyps = await hq.orderBy('createdAt').orderBy('id').execute();
  if (hyps.length === 0) return { hypotheses: [], rows: [], totalRows: 0 };

  // Links count only between live items and the chosen live hypotheses.
  const allHypotheses = !opts.themeId && !opts.hypothesisIds;
  if (allHypotheses) return wholeMatrix(ctx, hyps, opts);
  const hypIds = hyps.map((h) => h.id);
  const inHyps = allHypotheses ? '' : `AND l.hypothesis_id IN (SELECT value FROM json_each(?))`;
  const hypParam = allHypotheses ? [] : [JSON.stringify(hypIds)];
  const liveLinks = `evidence_links l
    JOIN evidence_items e ON e.id = l.evidence_id AND e.deleted_at IS NULL
    JOIN hypotheses h ON h.id = l.hypothesis_id AND h.deleted_at IS NULL
    WHERE l.deleted_at IS NULL ${inHyps}`;

  const scores = db
    .prepare(
      `SELECT l.hypothesis_id AS id, sum(${POINTS} * ${WEIGHT}) AS inconsistency,
              sum(l.rating IN ('CC','C')) AS consistent, sum(l.rating IN ('I','II')) AS inconsistent
       FROM ${liveLinks} GROUP BY l.hypothesis_id`,
    )
    .all(...hypParam) as { id: string; inconsistency: number; consistent: number; inconsistent: number }[];
  const scoreOf = new Map(scores.map((s) => [s.id, s]));

  const order =
    opts.sort === 'diagnosticity' ? 'd DESC, e.id' : opts.sort === 'recent' ? 'e.updated_at DESC, e.id' : 'e.title COLLATE NOCASE, e.id';
  const grouped = `SELECT l.evidence_id AS id, ${DIAGNOSTICITY} AS d FROM ${liveLinks} GROUP BY l.evidence_id`;
  const having = opts.hideNonDiagnostic ? 'WHERE g.d > 0' : '';
  const totalRows = (db.prepare(`SELECT count(*) AS n FROM (${grouped}) g ${having}`).get(...hypParam) as { n: number }).n;
  const picked = db
    .prepare(
      `SELECT g.id, g.d, e.title, e.kind, e.citizen_perspective AS citizen FROM (${grouped}) g
       JOIN evidence_items e ON e.id = g.id ${having} ORDER BY ${order} LIMIT ?`,
    )
    .all(...hypParam, opts.limit) as { id: string; d: number; title: string; kind: string; citizen: number }[];

  return {
    hypotheses: hyps.map((h) => ({
      id: h.id,
      statement: h.statement,
      status: h.status,
      inconsistency: scoreOf.get(h.id)?.inconsistency ?? 0,
      consistentCount: scoreOf.get(h.id)?.consistent ?? 0,
      inconsistentCount: scoreOf.get(h.id)?.inconsistent ?? 0,
    })),
    rows: withCells(ctx, picked, hypIds),
    totalRows,
  };
}

type Hyp = { id: string; statement: string; status: string };
type Picked = { id: string; title: string; kind: string; citizen: number };

/** The cells of the rows shown (a few thousand links at most), re-scored with ach.ts. */
function withCells(ctx: ServiceContext, picked: Picked[], hypIds: string[]): MatrixData['rows'] {
  const cells = new Map<string, Record<string, { rating: AchRating; weight: LinkWeight }>>(picked.map((p) => [p.id, {}]));
  if (picked.length > 0) {
    const shown = new Set(hypIds);
    const links = ctx.sqlite
      .prepare(`SELECT l.evidence_id AS e, l.hypothesis_id AS h, l.rating, l.weight FROM evidence_links l WHERE l.deleted_at IS NULL AND l.evidence_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(picked.map((p) => p.id))) as { e: string; h: string; rating: AchRating; weight: LinkWeight }[];
    for (const l of links) if (shown.has(l.h)) cells.get(l.e)![l.h] = { rating: l.rating, weight: l.weight };
  }
  return picked.map((p) => {
    const c = cells.get(p.id)!;
    return {
      evidenceId: p.id,
      title: p.title,
      kind: p.kind as EvidenceKind,
      citizenPerspective: p.citizen === 1,
      diagnosticity: diagnosticity(Object.values(c).map((x) => x.rating)),
      cells: c,
    };
  });
}

/** Every live hypothesis: scores from the kept counts, rows through the kept spread's index. */
function wholeMatrix(ctx: ServiceContext, hyps: Hyp[], opts: MatrixOptions): MatrixData {
  const db = ctx.sqlite;
  const counts = db.prepare(`SELECT hypothesis_id AS id, rating, weight, n FROM evidence_rating_counts WHERE n <> 0`).all() as {
    id: string;
    rating: AchRating;
    weight: LinkWeight;
    n: number;
  }[];
  const byHyp = new Map<string, typeof counts>();
  for (const c of counts) byHyp.set(c.id, [...(byHyp.get(c.id) ?? []), c]);
  const diag = opts.hideNonDiagnostic ? 'AND s.diagnosticity > 0' : '';
  const select = `SELECT s.evidence_id AS id, e.title, e.kind, e.citizen_perspective AS citizen
    FROM evidence_item_spread s JOIN evidence_items e ON e.id = s.evidence_id AND e.deleted_at IS NULL
    WHERE s.linked > 0 ${diag}`;
  const order = opts.sort === 'diagnosticity' ? 's.diagnosticity DESC, s.evidence_id' : opts.sort === 'recent' ? 'e.updated_at DESC, e.id' : 'e.title COLLATE NOCASE, e.id';
  const picked = db.prepare(`${select} ORDER BY ${order} LIMIT ?`).all(opts.limit) as Picked[];
  const totalRows = (db.prepare(`SELECT count(*) AS n FROM (${select})`).get() as { n: number }).n;
  return {
    hypotheses: hyps.map((h) => {
      const cs = byHyp.get(h.id) ?? [];
      return {
        ...h,
        inconsistency: inconsistencyFromCounts(cs),
        consistentCount: cs.filter((c) => isSupporting(c.rating)).reduce((a, c) => a + c.n, 0),
        inconsistentCount: cs.filter((c) => isContradicting(c.rating)).reduce((a, c) => a + c.n, 0),
      };
    }),
    rows: withCells(ctx, picked, hyps.map((h) => h.id)),
    totalRows,
  };
}
