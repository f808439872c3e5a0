/**
 * Full-text search over the evidence index (title, summary, tags, attachment text).
 * The user's words are never passed to FTS5 as query syntax: each word becomes a quoted term
 * (so AND/OR/NEAR, quotes and brackets in what they type are just text), all terms must match,
 * and the last one matches as a prefix so results appear while typing.
 *
 * Ranking is exact: every match is scored by bm25 and the best `limit` kept (ties: newest first).
 * An earlier version ranked only the newest 2,000 matches, so for common words most of the top 25
 * were not the best 25; tests/bench/evidence.bench.ts measures the overlap with the full ranking
 * and what exactness costs. Snippets are then made in ONE pass over the matches: the rowids are
 * given as a range FTS5 can seek to, and the list is a `+rowid` filter FTS5 cannot push down —
 * `rowid IN (…)` would make FTS5 run the whole query once per id, re-expanding the typed prefix
 * each time.
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
export const EVIDENCE_BM25 = 'bm25(evidence_fts, 10.0, 4.0, 6.0, 1.0)';

export interface EvidenceSearchOptions {
  /** Only items of these sensitivities. */
  sensitivities?: readonly Sensitivity[] | undefined;
}

/** The best `limit` matches by bm25 (exact), as row ids and scores. */
export function rankEvidence(sqlite: BetterSqlite3.Database, match: string, limit: number, opts: EvidenceSearchOptions = {}): { rowid: number; score: number }[] {
  if (opts.sensitivities?.length) {
    return sqlite
      .prepare(
        `SELECT f.rowid AS rowid, ${EVIDENCE_BM25} AS score FROM evidence_fts f
         JOIN evidence_search_rows s ON s.row_id = f.rowid JOIN evidence_items e ON e.id = s.evidence_id
         WHERE evidence_fts MATCH ? AND e.sensitivity IN (SELECT value FROM json_each(?))
         ORDER BY score, f.rowid DESC LIMIT ?`,
      )
      .all(match, JSON.stringify(opts.sensitivities), limit) as { rowid: number; score: number }[];
  }
  return sqlite
    .prepare(`SELECT rowid, ${EVIDENCE_BM25} AS score FROM evidence_fts WHERE evidence_fts MATCH ? ORDER BY score, rowid DESC LIMIT ?`)
    .all(match, limit) as { rowid: number; score: number }[];
}

/** Snippets of the given rows in one pass over the matches (see the comment at the top). */
export function snippetsOf(sqlite: BetterSqlite3.Database, fts: string, match: string, rowids: readonly number[], tokens = 16): Map<number, string> {
  if (rowids.length === 0) return new Map();
  const rows = sqlite
    .prepare(
      `SELECT rowid, snippet(${fts}, -1, ?, ?, '…', ${tokens}) AS snippet FROM ${fts}
       WHERE ${fts} MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`,
    )
    .all(SNIPPET_START, SNIPPET_END, match, Math.min(...rowids), Math.max(...rowids), JSON.stringify(rowids)) as { rowid: number; snippet: string }[];
  return new Map(rows.map((r) => [r.rowid, r.snippet]));
}

/** Ranked hits with highlighted snippets. */
export function searchEvidence(sqlite: BetterSqlite3.Database, query: string, limit: number, opts: EvidenceSearchOptions = {}): SearchHit[] {
  const match = ftsQuery(query);
  if (!match) return [];
  const top = rankEvidence(sqlite, match, limit, opts);
  if (top.length === 0) return [];
  const snippets = snippetsOf(sqlite, 'evidence_fts', match, top.map((t) => t.rowid));
  const items = sqlite
    .prepare(
      `SELECT s.row_id AS rowid, e.id AS evidenceId, e.title, e.kind, e.sensitivity, e.citizen_perspective AS citizen
       FROM evidence_search_rows s JOIN evidence_items e ON e.id = s.evidence_id
       WHERE s.row_id IN (SELECT value FROM json_each(?)) AND e.deleted_at IS NULL`,
    )
    .all(JSON.stringify(top.map((t) => t.rowid))) as { rowid: number; evidenceId: string; title: string; kind: string; sensitivity: string; citizen: number }[];
  const byRow = new Map(items.map((r) => [r.rowid, r]));
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
      snippet: snippets.get(t.rowid) ?? r.title,
      score: t.score,
    });
  }
  return hits;
}

/** How many items match (the search page's "of N"). */
export function countEvidence(sqlite: BetterSqlite3.Database, query: string, opts: EvidenceSearchOptions = {}): number {
  const match = ftsQuery(query);
  if (!match) return 0;
  if (opts.sensitivities?.length) {
    return sqlite
      .prepare(
        `SELECT count(*) FROM evidence_fts f JOIN evidence_search_rows s ON s.row_id = f.rowid JOIN evidence_items e ON e.id = s.evidence_id
         WHERE evidence_fts MATCH ? AND e.sensitivity IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
      .get(match, JSON.stringify(opts.sensitivities)) as number;
  }
  return sqlite.prepare(`SELECT count(*) FROM evidence_fts WHERE evidence_fts MATCH ?`).pluck().get(match) as number;
}
