/**
 * Full-text search over the FTS5 index (title, summary, tags, attachment text).
 * The user's words are never passed to FTS5 as query syntax: each word becomes a quoted term
 * (so AND/OR/NEAR, quotes and brackets in what they type are just text), all terms must match,
 * and the last one matches as a prefix so results appear while typing.
 */
import { SNIPPET_END, SNIPPET_START, type EvidenceKind, type SearchHit, type Sensitivity } from '../../shared/domain/evidence';
import type BetterSqlite3 from 'better-sqlite3';

const MAX_TERMS = 12;

export function ftsQuery(input: string): string | null {
  const terms = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (terms.length === 0) return null;
  return terms
    .slice(0, MAX_TERMS)
    .map((t, i, all) => `"${t}"${i === all.length - 1 && t.length >= 2 ? '*' : ''}`)
    .join(' ');
}

/**
 * bm25 column weights: a word in the title says most about what an item is, then its tags and
 * summary; attachment text is long and mentions everything, so it counts least.
 */
const BM25 = 'bm25(evidence_fts, 10.0, 4.0, 6.0, 1.0)';

/**
 * How many matches are ranked at most. bm25 costs a lookup per matching row, so a word found in
 * half of 100,000 items would take ~100 ms to rank in full; past this many matches we rank the
 * most recently added RANK_WINDOW of them (FTS5 finds the cut-off row id cheaply, walking the
 * match list without scoring it). A search that common is refined by the user anyway, and the
 * newest evidence is the likeliest to be wanted.
 */
export const RANK_WINDOW = 2000;

/**
 * Ranked hits with highlighted snippets. Two steps, because snippet() is costly: rank the matches
 * by bm25 and keep the best `limit`, then build snippets for just those.
 */
export function searchEvidence(sqlite: BetterSqlite3.Database, query: string, limit: number, rankWindow = RANK_WINDOW): SearchHit[] {
  const match = ftsQuery(query);
  if (!match) return [];
  const cutoff = sqlite.prepare(`SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?`).pluck().get(match, rankWindow - 1) as number | undefined;
  const top = sqlite
    .prepare(`SELECT rowid, ${BM25} AS score FROM evidence_fts WHERE evidence_fts MATCH ? AND rowid >= ? ORDER BY score LIMIT ?`)
    .all(match, cutoff ?? 0, limit) as { rowid: number; score: number }[];
  if (top.length === 0) return [];
  const ids = top.map((t) => t.rowid);
  const rows = sqlite
    .prepare(
      `SELECT f.rowid AS rowid, snippet(evidence_fts, -1, ?, ?, '…', 16) AS snippet,
              e.id AS evidenceId, e.title, e.kind, e.sensitivity, e.citizen_perspective AS citizen
       FROM evidence_fts f
       JOIN evidence_search_rows s ON s.row_id = f.rowid
       JOIN evidence_items e ON e.id = s.evidence_id
       WHERE evidence_fts MATCH ? AND f.rowid IN (${ids.map(() => '?').join(',')}) AND e.deleted_at IS NULL`,
    )
    .all(SNIPPET_START, SNIPPET_END, match, ...ids) as { rowid: number; snippet: string; evidenceId: string; title: string; kind: string; sensitivity: string; citizen: number }[];
  const byRow = new Map(rows.map((r) => [r.rowid, r]));
  const hits: SearchHit[] = [];
  for (const t of top) {
    const r = byRow.get(t.rowid);
    if (!r) continue;
    hits.push({
      evidenceId: r.evidenceId,
      title: r.title,
      kind: r.kind as EvidenceKind,
      sensitivity: r.sensitivity as Sensitivity,
      citizenPerspective: r.citizen === 1,
      snippet: r.snippet,
      score: t.score,
    });
  }
  return hits;
}

