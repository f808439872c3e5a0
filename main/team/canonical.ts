/**
 * Everything the team shares, as held here, in one canonical order: every record (all its columns,
 * recycle bin included), every revision, every row of the append-only tables, the open team
 * conflicts, the resolutions and the membership events. Two members who hold the same pilot give
 * the same lines, and the same hash — shown in the app so two laptops can be compared, and what the
 * tests compare. Local bookkeeping (what was applied when, partner conflicts, the exchange log)
 * is not part of it.
 */
import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { APPEND_ONLY_TABLES, RECORD_TABLES } from '../core/recordTables';
import { snake, TEAM_CONFLICT } from './apply';
import { sql } from './statements';

export function* canonicalLines(sqlite: BetterSqlite3.Database): Generator<string> {
  const each = function* (label: string, query: string, ...params: unknown[]) {
    for (const r of sql(sqlite, query).iterate(...params) as IterableIterator<Record<string, unknown>>) yield `${label}\t${JSON.stringify(r)}`;
  };
  for (const table of Object.keys(RECORD_TABLES).sort()) yield* each(table, `SELECT * FROM ${snake(table)} ORDER BY id`);
  yield* each('revision', 'SELECT table_name, record_id, rev, parent_rev, op, actor, at, data FROM record_revisions ORDER BY table_name, record_id, rev');
  for (const a of [...APPEND_ONLY_TABLES].sort((x, y) => x.table.localeCompare(y.table))) yield* each(a.table, `SELECT * FROM ${snake(a.table)} ORDER BY id`);
  yield* each('conflict', 'SELECT table_name, record_id, local_rev, remote_rev FROM bundle_conflicts WHERE bundle_id = ? AND resolved_at IS NULL ORDER BY table_name, record_id, remote_rev', TEAM_CONFLICT);
  yield* each('resolution', 'SELECT table_name, record_id, covered_rev, by_rev, choice FROM team_coverage ORDER BY table_name, record_id, covered_rev, by_rev');
  yield* each('event', 'SELECT id, body FROM team_events ORDER BY id');
}

export function stateSummary(sqlite: BetterSqlite3.Database): { hash: string; records: number; revisions: number } {
  let records = 0;
  let revisions = 0;
  const h = createHash('sha256');
  for (const line of canonicalLines(sqlite)) {
    h.update(line).update('\n');
    if (line.startsWith('revision\t')) revisions++;
    else if (!/^(conflict|resolution|event)\t/.test(line)) records++;
  }
  return { hash: h.digest('hex').toUpperCase(), records, revisions };
}

export function stateHash(sqlite: BetterSqlite3.Database): string {
  const h = createHash('sha256');
  for (const line of canonicalLines(sqlite)) h.update(line).update('\n');
  return h.digest('hex').toUpperCase();
}
