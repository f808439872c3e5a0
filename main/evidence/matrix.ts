/**
 * The ACH matrix: hypotheses as columns, evidence as rows, ratings in the cells, each
 * hypothesis's weighted inconsistency score and each item's diagnosticity. An item's quotes that
 * are rated against hypotheses are rows of their own, grouped under their item: a quote is a
 * finer piece of evidence (what one resident said), and its ratings count in the scores like an
 * item's.
 *
 * The scores cover ALL the evidence linked to the hypotheses, not only the rows shown (a page
 * holds at most `limit` rows). For the whole matrix (the usual view, and the one that must stay
 * fast with a million links) they come from trigger-kept aggregates (0010: evidence_rating_counts
 * by rating × credibility × relevance, evidence_item_spread) and are scored by shared/calc/ach.ts.
 * For a chosen subset of hypotheses (a theme) the same counts are grouped on the fly. Either way
 * the maths has one definition, in ach.ts; the tests check all of it against hand-worked figures.
 */
import { diagnosticity, inconsistencyFromCounts, INCONSISTENCY_POINTS, isContradicting, isSupporting, leaderRestsOn, RATING_VALUE, weightFactor, type RatingCount } from '../../shared/calc/ach';
import type { AchRating, EvidenceKind, LinkWeight, MatrixCell, MatrixData, MatrixQuoteRow } from '../../shared/domain/evidence';
import type { SensitivityView } from '../../shared/domain/quotes';
import type { ServiceContext } from '../core/context';

const caseOf = (column: string, values: Record<string, number>, otherwise: string) =>
  `CASE ${column} ${Object.entries(values)
    .map(([k, v]) => `WHEN '${k}' THEN ${v}`)
    .join(' ')} ELSE ${otherwise} END`;

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

type Hyp = { id: string; statement: string; status: string; indicators: string | null };
type Picked = { id: string; title: string; kind: string; citizen: number };
type Count = { id: string; rating: AchRating; credibility: LinkWeight; relevance: LinkWeight; n: number };

async function chosenHypotheses(ctx: ServiceContext, opts: Pick<MatrixOptions, 'themeId' | 'hypothesisIds'>): Promise<Hyp[]> {
  let hq = ctx.db.selectFrom('hypotheses').select(['id', 'statement', 'status', 'indicators']).where('deletedAt', 'is', null);
  if (opts.themeId) hq = hq.where('themeId', '=', opts.themeId);
  if (opts.hypothesisIds) hq = hq.where('id', 'in', opts.hypothesisIds.length ? opts.hypothesisIds : ['']);
  return hq.orderBy('createdAt').orderBy('id').execute();
}

/** Live item links and live quote links of live quotes, between live items and the hypotheses in json `?`. */
const LIVE_ITEM_LINKS = `evidence_links l
    JOIN evidence_items e ON e.id = l.evidence_id AND e.deleted_at IS NULL
    WHERE l.deleted_at IS NULL AND l.hypothesis_id IN (SELECT value FROM json_each(?))`;
const LIVE_QUOTE_LINKS = `evidence_quote_links l
    JOIN evidence_quotes q ON q.id = l.quote_id AND q.deleted_at IS NULL
    JOIN evidence_items e ON e.id = q.evidence_id AND e.deleted_at IS NULL
    WHERE l.deleted_at IS NULL AND l.hypothesis_id IN (SELECT value FROM json_each(?))`;

/** Counts per hypothesis × rating × credibility × relevance: kept by triggers for all hypotheses, grouped here for a subset. */
function countsOf(ctx: ServiceContext, hyps: Hyp[], all: boolean): Map<string, Count[]> {
  const db = ctx.sqlite;
  const rows = all
    ? (db.prepare(`SELECT hypothesis_id AS id, rating, credibility, relevance, n FROM evidence_rating_counts WHERE n <> 0`).all() as Count[])
    : (db
        .prepare(
          `SELECT id, rating, credibility, relevance, sum(n) AS n FROM (
             SELECT l.hypothesis_id AS id, l.rating, coalesce(l.credibility, l.weight) AS credibility, coalesce(l.relevance, l.weight) AS relevance, count(*) AS n FROM ${LIVE_ITEM_LINKS} GROUP BY 1, 2, 3, 4
             UNION ALL
             SELECT l.hypothesis_id, l.rating, l.credibility, l.relevance, count(*) FROM ${LIVE_QUOTE_LINKS} GROUP BY 1, 2, 3, 4)
           GROUP BY 1, 2, 3, 4`,
        )
        .all(JSON.stringify(hyps.map((h) => h.id)), JSON.stringify(hyps.map((h) => h.id))) as Count[]);
  const byHyp = new Map<string, Count[]>();
  for (const c of rows) byHyp.set(c.id, [...(byHyp.get(c.id) ?? []), c]);
  return byHyp;
}

function scored(hyps: Hyp[], byHyp: Map<string, Count[]>): MatrixData['hypotheses'] {
  return hyps.map((h) => {
    const cs: RatingCount[] = byHyp.get(h.id) ?? [];
    return {
      ...h,
      inconsistency: inconsistencyFromCounts(cs),
      consistentCount: cs.filter((c) => isSupporting(c.rating)).reduce((a, c) => a + c.n, 0),
      inconsistentCount: cs.filter((c) => isContradicting(c.rating)).reduce((a, c) => a + c.n, 0),
    };
  });
}

export async function evidenceMatrix(ctx: ServiceContext, opts: MatrixOptions): Promise<MatrixData> {
  const hyps = await chosenHypotheses(ctx, opts);
  if (hyps.length === 0) return { hypotheses: [], rows: [], totalRows: 0 };
  const all = !opts.themeId && !opts.hypothesisIds;
  const hypotheses = scored(hyps, countsOf(ctx, hyps, all));
  const { picked, totalRows } = all ? pickWhole(ctx, opts) : pickSubset(ctx, hyps, opts);
  return { hypotheses, rows: withCells(ctx, picked, hyps.map((h) => h.id)), totalRows };
}

/** Every live hypothesis: rows through the kept spread's index. */
function pickWhole(ctx: ServiceContext, opts: MatrixOptions): { picked: Picked[]; totalRows: number } {
  const diag = opts.hideNonDiagnostic ? 'AND s.diagnosticity > 0' : '';
  const select = `SELECT s.evidence_id AS id, e.title, e.kind, e.citizen_perspective AS citizen
    FROM evidence_item_spread s JOIN evidence_items e ON e.id = s.evidence_id AND e.deleted_at IS NULL
    WHERE s.linked > 0 ${diag}`;
  const order = opts.sort === 'diagnosticity' ? 's.diagnosticity DESC, s.evidence_id' : opts.sort === 'recent' ? 'e.updated_at DESC, e.id' : 'e.title COLLATE NOCASE, e.id';
  const picked = ctx.sqlite.prepare(`${select} ORDER BY ${order} LIMIT ?`).all(opts.limit) as Picked[];
  const totalRows = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM (${select})`).get() as { n: number }).n;
  return { picked, totalRows };
}

/** A subset of hypotheses: diagnosticity depends on which columns are shown, so it is grouped on the fly. */
function pickSubset(ctx: ServiceContext, hyps: Hyp[], opts: MatrixOptions): { picked: Picked[]; totalRows: number } {
  const ids = JSON.stringify(hyps.map((h) => h.id));
  const grouped = `SELECT id, max(d) AS d FROM (
      SELECT l.evidence_id AS id, ${DIAGNOSTICITY} AS d FROM ${LIVE_ITEM_LINKS} GROUP BY l.evidence_id
      UNION ALL SELECT DISTINCT q.evidence_id, 0 FROM ${LIVE_QUOTE_LINKS}) GROUP BY id`;
  const having = opts.hideNonDiagnostic ? 'WHERE g.d > 0' : '';
  const order = opts.sort === 'diagnosticity' ? 'g.d DESC, e.id' : opts.sort === 'recent' ? 'e.updated_at DESC, e.id' : 'e.title COLLATE NOCASE, e.id';
  const totalRows = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM (${grouped}) g ${having}`).get(ids, ids) as { n: number }).n;
  const picked = ctx.sqlite
    .prepare(`SELECT g.id, e.title, e.kind, e.citizen_perspective AS citizen FROM (${grouped}) g JOIN evidence_items e ON e.id = g.id ${having} ORDER BY ${order} LIMIT ?`)
    .all(ids, ids, opts.limit) as Picked[];
  return { picked, totalRows };
}

type LinkRow = { e: string; h: string; rating: AchRating; credibility: LinkWeight; relevance: LinkWeight; weight: LinkWeight };
type QuoteLinkRow = LinkRow & { q: string; text: string; speaker: string | null; citizen: number };

/** The cells of the rows shown (a few thousand links at most), and their quotes, re-scored with ach.ts. */
function withCells(ctx: ServiceContext, picked: Picked[], hypIds: string[]): MatrixData['rows'] {
  const shown = new Set(hypIds);
  const cells = new Map<string, Record<string, MatrixCell>>(picked.map((p) => [p.id, {}]));
  const quotes = new Map<string, Map<string, MatrixQuoteRow>>(picked.map((p) => [p.id, new Map()]));
  if (picked.length > 0) {
    const ids = JSON.stringify(picked.map((p) => p.id));
    const links = ctx.sqlite
      .prepare(
        `SELECT l.evidence_id AS e, l.hypothesis_id AS h, l.rating, coalesce(l.credibility, l.weight) AS credibility, coalesce(l.relevance, l.weight) AS relevance, l.weight
         FROM evidence_links l WHERE l.deleted_at IS NULL AND l.evidence_id IN (SELECT value FROM json_each(?))`,
      )
      .all(ids) as LinkRow[];
    for (const l of links) if (shown.has(l.h)) cells.get(l.e)![l.h] = cellOf(l);
    const qlinks = ctx.sqlite
      .prepare(
        `SELECT q.evidence_id AS e, q.id AS q, q.text, q.speaker, q.citizen_perspective AS citizen, l.hypothesis_id AS h, l.rating, l.credibility, l.relevance
         FROM evidence_quotes q JOIN evidence_quote_links l ON l.quote_id = q.id AND l.deleted_at IS NULL
         WHERE q.deleted_at IS NULL AND q.evidence_id IN (SELECT value FROM json_each(?)) ORDER BY q.created_at, q.id`,
      )
      .all(ids) as QuoteLinkRow[];
    for (const l of qlinks) {
      if (!shown.has(l.h)) continue;
      const byQuote = quotes.get(l.e)!;
      let row = byQuote.get(l.q);
      if (!row) byQuote.set(l.q, (row = { quoteId: l.q, text: l.text, speaker: l.speaker, citizenPerspective: l.citizen === 1, diagnosticity: 0, cells: {} }));
      row.cells[l.h] = cellOf(l);
    }
  }
  return picked.map((p) => {
    const c = cells.get(p.id)!;
    const qs = [...quotes.get(p.id)!.values()].map((q) => ({ ...q, diagnosticity: diagnosticity(Object.values(q.cells).map((x) => x.rating)) }));
    return {
      evidenceId: p.id,
      title: p.title,
      kind: p.kind as EvidenceKind,
      citizenPerspective: p.citizen === 1,
      diagnosticity: diagnosticity(Object.values(c).map((x) => x.rating)),
      cells: c,
      quotes: qs,
    };
  });
}

function cellOf(l: { rating: AchRating; credibility: LinkWeight; relevance: LinkWeight }): MatrixCell {
  const f = weightFactor(l);
  return { rating: l.rating, credibility: l.credibility, relevance: l.relevance, weight: f >= 1 ? 'high' : f >= 0.5 ? 'medium' : 'low' };
}

/**
 * Heuer's step 6: the items and quotes the leading hypothesis's standing rests on — those whose
 * removal would let another hypothesis score at or below it. One row can take at most 2 points
 * (II at full weight) off a score, so only rivals within 2 of the leader are examined, and only
 * the rows rated I or II against them.
 */
export async function matrixSensitivity(ctx: ServiceContext, opts: Pick<MatrixOptions, 'themeId' | 'hypothesisIds'>): Promise<SensitivityView> {
  const hyps = await chosenHypotheses(ctx, opts);
  const hypotheses = scored(hyps, countsOf(ctx, hyps, !opts.themeId && !opts.hypothesisIds));
  const ranked = [...hypotheses].sort((a, b) => a.inconsistency - b.inconsistency || a.id.localeCompare(b.id));
  const view = (h: (typeof ranked)[number] | undefined) => (h ? { id: h.id, statement: h.statement, inconsistency: h.inconsistency } : null);
  if (ranked.length < 2) return { leader: view(ranked[0]), runnerUp: null, restsOn: [] };
  const leader = ranked[0]!;
  const rivals = ranked.slice(1).filter((h) => h.inconsistency - leader.inconsistency <= 2 + 1e-9);
  if (rivals.length === 0) return { leader: view(leader), runnerUp: view(ranked[1]), restsOn: [] };
  const scores = new Map(hypotheses.map((h) => [h.id, h.inconsistency]));
  const inScope = JSON.stringify(hyps.map((h) => h.id));
  const rivalIds = JSON.stringify(rivals.map((h) => h.id));
  // Rows rated I or II against a rival, with all their I/II ratings within the hypotheses shown.
  const itemLinks = ctx.sqlite
    .prepare(
      `SELECT l.evidence_id AS id, e.title, l.hypothesis_id AS h, l.rating, coalesce(l.credibility, l.weight) AS credibility, coalesce(l.relevance, l.weight) AS relevance
       FROM evidence_links l JOIN evidence_items e ON e.id = l.evidence_id AND e.deleted_at IS NULL
       WHERE l.deleted_at IS NULL AND l.rating IN ('I','II') AND l.hypothesis_id IN (SELECT value FROM json_each(?))
         AND l.evidence_id IN (SELECT evidence_id FROM evidence_links WHERE deleted_at IS NULL AND rating IN ('I','II') AND hypothesis_id IN (SELECT value FROM json_each(?)))`,
    )
    .all(inScope, rivalIds) as { id: string; title: string; h: string; rating: AchRating; credibility: LinkWeight; relevance: LinkWeight }[];
  const quoteLinks = ctx.sqlite
    .prepare(
      `SELECT q.id, q.evidence_id AS evidenceId, q.text AS title, l.hypothesis_id AS h, l.rating, l.credibility, l.relevance
       FROM evidence_quote_links l JOIN evidence_quotes q ON q.id = l.quote_id AND q.deleted_at IS NULL
       JOIN evidence_items e ON e.id = q.evidence_id AND e.deleted_at IS NULL
       WHERE l.deleted_at IS NULL AND l.rating IN ('I','II') AND l.hypothesis_id IN (SELECT value FROM json_each(?))
         AND l.quote_id IN (SELECT quote_id FROM evidence_quote_links WHERE deleted_at IS NULL AND rating IN ('I','II') AND hypothesis_id IN (SELECT value FROM json_each(?)))`,
    )
    .all(inScope, rivalIds) as { id: string; evidenceId: string; title: string; h: string; rating: AchRating; credibility: LinkWeight; relevance: LinkWeight }[];

  const rows = new Map<string, { kind: 'item' | 'quote'; id: string; evidenceId: string; title: string; points: Map<string, number> }>();
  const addPoints = (key: string, base: { kind: 'item' | 'quote'; id: string; evidenceId: string; title: string }, l: { h: string; rating: AchRating; credibility: LinkWeight; relevance: LinkWeight }) => {
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { ...base, points: new Map() }));
    row.points.set(l.h, (row.points.get(l.h) ?? 0) + INCONSISTENCY_POINTS[l.rating] * weightFactor(l));
  };
  for (const l of itemLinks) addPoints(`i:${l.id}`, { kind: 'item', id: l.id, evidenceId: l.id, title: l.title }, l);
  for (const l of quoteLinks) addPoints(`q:${l.id}`, { kind: 'quote', id: l.id, evidenceId: l.evidenceId, title: l.title }, l);
  const all = [...rows.entries()].map(([key, r]) => ({ id: key, points: r.points }));
  const { restsOn } = leaderRestsOn(scores, all);
  const statement = new Map(hyps.map((h) => [h.id, h.statement]));
  return {
    leader: view(leader),
    runnerUp: view(ranked[1]),
    restsOn: restsOn
      .map((r) => {
        const row = rows.get(r.id)!;
        return {
          kind: row.kind,
          id: row.id,
          evidenceId: row.evidenceId,
          title: row.title,
          newLeaderId: r.newLeader,
          newLeaderStatement: statement.get(r.newLeader) ?? '',
          leaderScoreWithout: r.leaderWithout,
          newLeaderScoreWithout: r.newLeaderWithout,
          tie: r.tie,
        };
      })
      .sort((a, b) => a.newLeaderScoreWithout - b.newLeaderScoreWithout || a.title.localeCompare(b.title)),
  };
}
