/**
 * Counting the lines a search (or a rule's filter) selects, with their total and, while they are
 * few, their keys. A search matches six columns of every line it looks at: 0.3–0.5 s at a million
 * lines on one thread. Cut into ranges of line keys holding about as many lines each, counted at
 * the same time on this thread and the counting threads (countHost.ts), it takes about 1/k of that
 * on k cores.
 *
 * Each thread reads on its own connection, so the ranges are only added up if no commit landed
 * while they were counted (PRAGMA data_version on this connection, read before and after); if one
 * did, or a thread fails, the lines are counted again here, in one pass.
 */
import type { ServiceContext } from '../core/context';
import { fileRange } from './aggregates';
import { countersWanted, countOn, readyCounters } from './countHost';
import type { Found } from './foundBefore';
import type { LinesQuery } from './lineQuery';

/** Up to this many lines found, their keys come back with the count (about 70 KB). */
export const FEW = 5000;

/** Below this many lines in reach, one thread counts them (in 50 ms or less) before others could help. */
const SPLIT_MIN_LINES = 200_000;

/** How the searches so far were counted: what tests and the bench read to know the threads took part. */
export const countStats = { split: 0, alone: 0 };

const countSql = (from: string) =>
  `SELECT count(*) AS n, coalesce(sum(l.amount_pence), 0) AS p, CASE WHEN count(*) <= ${FEW} THEN json_group_array(l.line_key) END AS keys ${from}`;

export async function countLines(ctx: ServiceContext, q: Pick<LinesQuery, 'scan' | 'ranged' | 'params' | 'fileNos'>): Promise<Found> {
  const alone = () => {
    countStats.alone++;
    return ctx.sqlite.prepare(countSql(q.scan)).get(...q.params) as Found;
  };
  // TPW_SPEND_WORKERS=never|always, as for imports (workers.ts): always also waits for the threads
  // to start and splits however few the lines (tests of this path).
  const setting = process.env.TPW_SPEND_WORKERS;
  const always = setting === 'always';
  // Only on a read-only connection: a writing one may hold changes of its own, not yet committed,
  // that the threads would not see. And not for one command's one search (`tpw spend lines`):
  // the threads would not be ready before it is done.
  if (setting === 'never' || !ctx.sqlite.readonly || (ctx.mode === 'cli' && !always)) return alone();
  const wanted = countersWanted();
  if (wanted === 0) return alone();
  // Only a place with lines enough is worth the threads, and only then are they started.
  let ranges = await keyRanges(ctx, q.fileNos, wanted + 1, always ? 0 : SPLIT_MIN_LINES);
  if (ranges.length < 2) return alone();
  const counters = await readyCounters(always);
  if (counters.length === 0) return alone();
  if (counters.length < wanted) ranges = await keyRanges(ctx, q.fileNos, counters.length + 1, 0);
  const before = dataVersion(ctx);
  try {
    const sql = countSql(q.ranged);
    // Sent first, so the threads count while this one counts its own range.
    const theirs = Promise.all(ranges.slice(1).map(([from, to], i) => countOn(counters[i]!, ctx, sql, [...q.params, from, to])));
    // Handled below; marked so now in case this thread's own count throws first.
    theirs.catch(() => undefined);
    const mine = ctx.sqlite.prepare(sql).get(...q.params, ...ranges[0]!) as Found;
    const parts = [mine, ...(await theirs)];
    if (dataVersion(ctx) !== before) return alone();
    countStats.split++;
    return addUp(parts);
  } catch {
    return alone();
  }
}

const dataVersion = (ctx: ServiceContext) => ctx.sqlite.pragma('data_version', { simple: true }) as number;

/** The counts of ranges that between them hold every line: added up, keys joined while few. */
export function addUp(parts: Found[]): Found {
  const n = parts.reduce((sum, f) => sum + Number(f.n), 0);
  const p = parts.reduce((sum, f) => sum + Number(f.p), 0);
  // At most FEW in all, so at most FEW in each part: every part brought its keys.
  const keys = n <= FEW ? `[${parts.map((f) => (f.keys ?? '[]').slice(1, -1)).filter(Boolean).join(',')}]` : null;
  return { n, p, keys };
}

/**
 * `parts` ranges of line keys [from, to), together covering every key, each holding about as many
 * of the lines of the files in reach (all files, or those of the filter's file or organisation). A
 * line's key is its file's number × 2^32 + its row, so a file's lines are one run of keys, and a
 * cut inside a file falls between two rows at the right fraction of its keys. Fewer than two
 * ranges when there are too few lines to be worth it.
 */
export async function keyRanges(ctx: ServiceContext, fileNos: number[] | null, parts: number, minLines: number): Promise<[number, number][]> {
  if (fileNos?.length === 0) return [];
  let query = ctx.db.selectFrom('spendFiles').select(['fileNo', 'rowCount']).where('rowCount', '>', 0).orderBy('fileNo');
  if (fileNos) query = query.where('fileNo', 'in', fileNos);
  const files = await query.execute();
  const total = files.reduce((sum, f) => sum + f.rowCount, 0);
  if (total < Math.max(minLines, parts)) return [];
  const cuts: number[] = [];
  let earlier = 0;
  for (const f of files) {
    while (cuts.length < parts - 1 && earlier + f.rowCount >= (total * (cuts.length + 1)) / parts) {
      const [first, last] = keysOf(ctx, f.fileNo);
      const share = ((total * (cuts.length + 1)) / parts - earlier) / f.rowCount;
      cuts.push(Math.floor(first + share * (last + 1 - first)));
    }
    earlier += f.rowCount;
  }
  const bounds = [0, ...cuts, Number.MAX_SAFE_INTEGER];
  return bounds.slice(1).map((to, i) => [bounds[i]!, to] as [number, number]).filter(([from, to]) => from < to);
}

/** The first and last key of a file's lines: two seeks on the primary key. */
function keysOf(ctx: ServiceContext, fileNo: number): [number, number] {
  const [from, to] = fileRange(fileNo);
  const end = (dir: string) => ctx.sqlite.prepare(`SELECT line_key FROM spend_lines WHERE line_key >= ? AND line_key < ? ORDER BY line_key ${dir} LIMIT 1`).pluck().get(from, to) as number | undefined;
  return [end('ASC') ?? from, end('DESC') ?? from];
}
