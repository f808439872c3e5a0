/**
 * One search over everything the team holds, grouped by kind. Each kind has its own FTS5 index
 * (so a kind's ranking uses that kind's statistics, and a kind filter costs nothing): evidence
 * items (the evidence capability's index, read through its queries), and — kept by triggers in
 * migration 0010 — quotes, hypotheses, learning entries, actions and interventions, plus the
 * supplier names and spend descriptions that spendIndex.ts files per imported spend file. Within a
 * kind the best matches by bm25 come first (exact, ties newest first), each with a snippet.
 */
import { SEARCH_KINDS, type SearchAllHit, type SearchGroup, type SearchKind, type SearchResult } from '../../shared/domain/search';
import type { Sensitivity } from '../../shared/domain/evidence';
import type { z } from 'zod';
import type { SearchAllInput } from '../../shared/domain/search';
import { countEvidence, ftsQuery, searchEvidence, snippetsOf } from '../evidence/queries';
import type { ServiceContext } from '../core/context';

type Input = z.output<typeof SearchAllInput>;

/** A record kind kept in search_<kind>_fts: how to read its hits' details. */
interface RecordKind {
  kind: SearchKind;
  /** SQL giving (id, sensitivity, context, href) for the record `r` of `search_rows s`. */
  join: string;
  select: string;
  /** A condition on the record for a sensitivity filter (`?` is the JSON list), or null: the kind has none. */
  sensitivity: string | null;
}

const RECORD_KINDS: RecordKind[] = [
  {
    kind: 'quote',
    join: `JOIN evidence_quotes r ON r.id = s.record_id JOIN evidence_items e ON e.id = r.evidence_id`,
    select: `e.sensitivity AS sensitivity, 'From: ' || e.title || coalesce(' — ' || r.speaker, '') AS context, '/evidence/' || e.id || '#quote-' || r.id AS href, r.citizen_perspective AS citizen`,
    sensitivity: 'e.sensitivity',
  },
  {
    kind: 'hypothesis',
    join: `JOIN hypotheses r ON r.id = s.record_id`,
    select: `NULL AS sensitivity, 'Status: ' || r.status AS context, '/hypotheses/' || r.id AS href, NULL AS citizen`,
    sensitivity: null,
  },
  {
    kind: 'learning',
    join: `JOIN learning_entries r ON r.id = s.record_id`,
    select: `r.sensitivity AS sensitivity, r.occurred_on AS context, '/learning/' || r.id AS href, NULL AS citizen`,
    sensitivity: 'r.sensitivity',
  },
  {
    kind: 'action',
    join: `JOIN actions r ON r.id = s.record_id`,
    select: `r.sensitivity AS sensitivity, 'Status: ' || r.status || coalesce(' · due ' || r.due_date, '') AS context, '/actions/' || r.id AS href, NULL AS citizen`,
    sensitivity: 'r.sensitivity',
  },
  {
    kind: 'intervention',
    join: `JOIN interventions r ON r.id = s.record_id`,
    select: `r.sensitivity AS sensitivity, 'From ' || r.start_year AS context, '/estimates/' || r.id AS href, NULL AS citizen`,
    sensitivity: 'r.sensitivity',
  },
];

const BM25_RECORD = (fts: string) => `bm25(${fts}, 4.0, 1.0)`;

export async function searchAll(ctx: ServiceContext, input: Input): Promise<SearchResult> {
  const started = performance.now();
  const kinds = input.kinds?.length ? SEARCH_KINDS.filter((k) => input.kinds!.includes(k)) : [...SEARCH_KINDS];
  const sens = input.sensitivities?.length ? input.sensitivities : undefined;
  const match = ftsQuery(input.query);
  const groups: SearchGroup[] = [];
  if (match) {
    for (const kind of kinds) {
      const group = kind === 'evidence' ? evidenceGroup(ctx, input, sens) : kind === 'supplier' || kind === 'spend' ? spendGroup(ctx, kind, match, input.limit, sens) : recordGroup(ctx, RECORD_KINDS.find((k) => k.kind === kind)!, match, input.limit, sens);
      if (group.total > 0) groups.push(group);
    }
  }
  return { query: input.query, groups, ms: Math.round((performance.now() - started) * 10) / 10 };
}

function evidenceGroup(ctx: ServiceContext, input: Input, sensitivities: readonly Sensitivity[] | undefined): SearchGroup {
  const hits = searchEvidence(ctx.sqlite, input.query, input.limit, { sensitivities });
  return {
    kind: 'evidence',
    total: hits.length < input.limit ? hits.length : countEvidence(ctx.sqlite, input.query, { sensitivities }),
    hits: hits.map((h) => ({
      kind: 'evidence',
      id: h.evidenceId,
      title: h.title,
      snippet: h.snippet,
      score: h.score,
      sensitivity: h.sensitivity,
      href: `/evidence/${h.evidenceId}`,
      context: null,
      citizenPerspective: h.citizenPerspective,
    })),
  };
}

function recordGroup(ctx: ServiceContext, k: RecordKind, match: string, limit: number, sensitivities: readonly Sensitivity[] | undefined): SearchGroup {
  const fts = `search_${k.kind}_fts`;
  // Records with no sensitivity (hypotheses) are shown whatever the filter: nothing about them is restricted.
  const filter = sensitivities && k.sensitivity ? `AND ${k.sensitivity} IN (SELECT value FROM json_each(?))` : '';
  const params = filter ? [match, JSON.stringify(sensitivities)] : [match];
  const from = `FROM ${fts} f JOIN search_rows s ON s.row_id = f.rowid ${k.join} WHERE ${fts} MATCH ? ${filter}`;
  const top = ctx.sqlite
    .prepare(`SELECT f.rowid AS rowid, ${BM25_RECORD(fts)} AS score, s.record_id AS id, f.title, ${k.select} ${from} ORDER BY score, f.rowid DESC LIMIT ?`)
    .all(...params, limit) as { rowid: number; score: number; id: string; title: string; sensitivity: Sensitivity | null; context: string | null; href: string; citizen: number | null }[];
  const total = top.length < limit ? top.length : (ctx.sqlite.prepare(`SELECT count(*) ${from}`).pluck().get(...params) as number);
  const snippets = snippetsOf(ctx.sqlite, fts, match, top.map((t) => t.rowid));
  return {
    kind: k.kind,
    total,
    hits: top.map(
      (t): SearchAllHit => ({
        kind: k.kind,
        id: t.id,
        title: t.title,
        snippet: snippets.get(t.rowid) ?? t.title,
        score: t.score,
        sensitivity: t.sensitivity,
        href: t.href,
        context: t.context,
        ...(t.citizen === null ? {} : { citizenPerspective: t.citizen === 1 }),
      }),
    ),
  };
}

const pounds = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Suppliers and spend descriptions: published spend, so it counts as public. */
function spendGroup(ctx: ServiceContext, kind: 'supplier' | 'spend', match: string, limit: number, sensitivities: readonly Sensitivity[] | undefined): SearchGroup {
  if (sensitivities && !sensitivities.includes('public')) return { kind, total: 0, hits: [] };
  const fts = kind === 'supplier' ? 'search_supplier_fts' : 'search_spend_fts';
  const top = ctx.sqlite
    .prepare(
      `SELECT f.rowid AS rowid, bm25(${fts}) AS score, n.name, n.n, n.pence, o.name AS organisation,
         (SELECT sf.id FROM search_spend_name_files x JOIN spend_files sf ON sf.file_no = x.file_no WHERE x.name_id = n.id ORDER BY x.n DESC LIMIT 1) AS fileId
       FROM ${fts} f JOIN search_spend_names n ON n.id = f.rowid LEFT JOIN organisations o ON o.id = n.organisation_id
       WHERE ${fts} MATCH ? ORDER BY score, f.rowid DESC LIMIT ?`,
    )
    .all(match, limit) as { rowid: number; score: number; name: string; n: number; pence: number; organisation: string | null; fileId: string | null }[];
  const total = top.length < limit ? top.length : (ctx.sqlite.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH ?`).pluck().get(match) as number);
  const snippets = snippetsOf(ctx.sqlite, fts, match, top.map((t) => t.rowid), 24);
  return {
    kind,
    total,
    hits: top.map((t) => ({
      kind,
      id: String(t.rowid),
      title: t.name,
      snippet: snippets.get(t.rowid) ?? t.name,
      score: t.score,
      sensitivity: 'public',
      href: t.fileId ? `/spend/lines?file=${t.fileId}` : '/spend',
      context: `${t.organisation ?? 'Unknown organisation'}: ${t.n.toLocaleString('en-GB')} payment${t.n === 1 ? '' : 's'}, ${pounds(t.pence)}`,
    })),
  };
}
