/**
 * Reads that must look at every line a selection holds, on several threads at once: counting a
 * search (six columns of every line matched: 0.3–0.5 s at a million lines on one thread), and the
 * first lines of a selection in an order no index keeps (by amount, by supplier: 0.1–0.25 s). The
 * lines are cut into ranges of line keys holding about as many each; each range is read at the
 * same time on this thread or a counting thread (countHost.ts) with its own read connection; the
 * parts are then added up, or their first lines sorted together, which takes about 1/k of the
 * time on k cores.
 *
 * Each thread reads on its own connection, so the parts are only put together if no commit landed
 * while they were read (PRAGMA data_version on this connection, read before and after); if one
 * did, or a thread failed, the read is made again here, in one pass.
 */
import type { ServiceContext } from '../core/context';
import { fileRange } from './aggregates';
import { countersWanted, readOn, readyCounters, type Counter } from './countHost';
import { runRead, type PartRead } from './countMessages';
import type { Found } from './foundBefore';
import type { LinesQuery } from './lineQuery';

/** Up to this many lines found, their keys come back with the count (about 70 KB). */
export const FEW = 5000;

/** Below this many lines in reach, one thread counts them (in 50 ms or less) before others could help. */
const SPLIT_MIN_LINES = 200_000;

/** How the reads so far were made: what tests and the bench read to know the threads took part. */
export const splitStats = { split: 0, alone: 0 };

const countSql = (from: string) =>
  `SELECT count(*) AS n, coalesce(sum(l.amount_pence), 0) AS p, CASE WHEN count(*) <= ${FEW} THEN json_group_array(l.line_key) END AS keys ${from}`;

type Selection = Pick<LinesQuery, 'scan' | 'ranged' | 'params' | 'fileNos'>;

/** The count and total of the lines selected, with their keys while they are few. */
export async function countLines(ctx: ServiceContext, q: Selection): Promise<Found> {
  const alone = () => once(() => ctx.sqlite.prepare(countSql(q.scan)).get(...q.params) as Found);
  const plan = await splitPlan(ctx, q.fileNos);
  if (!plan) return alone();
  const parts = await inParts<Found>(ctx, plan, (ranges) => {
    const part = q.ranged(ranges);
    return { sql: countSql(part.from), params: part.params, all: false };
  });
  return parts ? addUp(parts) : alone();
}

/**
 * The keys of the lines at [offset, offset + limit) in `order.orderBy` (which must end with the
 * line key, so the order is total). In parts: each range's first offset + limit lines in that
 * order, then those few sorted together by SQLite in the same order, so the page is exactly the one
 * a single pass finds. A page deep into the selection (its parts would bring back most of their
 * lines) is one pass, unless it is by amount: then each part brings back the amounts and keys of
 * all its lines, unsorted, and they are sorted here (deepInParts).
 */
export async function topKeys(
  ctx: ServiceContext,
  q: Selection,
  /** byAmount: orderBy's direction when it is by amount; total: how many lines the selection holds. */
  order: { orderBy: string; byAmount: 'ASC' | 'DESC' | null; total: number },
  limit: number,
  offset: number,
): Promise<number[]> {
  const { orderBy } = order;
  const alone = () => once(() => ctx.sqlite.prepare(`SELECT l.line_key ${q.scan} ${orderBy} LIMIT ? OFFSET ?`).pluck().all(...q.params, limit, offset) as number[]);
  const deep = limit + offset > MAX_PAGE_DEPTH;
  if (deep && (!order.byAmount || order.total > MOST_BROUGHT_BACK)) return alone();
  const plan = await splitPlan(ctx, q.fileNos);
  if (!plan) return alone();
  if (deep) return (await deepInParts(ctx, plan, q, order.byAmount!, limit, offset)) ?? alone();
  const parts = await inParts<number[]>(ctx, plan, (ranges) => {
    const part = q.ranged(ranges);
    return { sql: `SELECT l.line_key ${part.from} ${orderBy} LIMIT ?`, params: [...part.params, limit + offset], all: true };
  });
  if (!parts) return alone();
  return ctx.sqlite
    .prepare(`SELECT l.line_key FROM spend_lines l WHERE l.line_key IN (SELECT value FROM json_each(?)) ${orderBy} LIMIT ? OFFSET ?`)
    .pluck()
    .all(JSON.stringify(parts.flat()), limit, offset) as number[];
}

/**
 * Past this many lines into the order, each part would bring back too many for the split to pay
 * (a cell's middle page by amount, 42,000 lines in: 215 ms in one pass, 333 ms in two parts).
 */
const MAX_PAGE_DEPTH = 10_000;

/** A deep page by amount is read in parts only from a selection of at most this many lines (all of whose amounts and keys come back). */
const MOST_BROUGHT_BACK = 250_000;

/**
 * A page deep into the lines by amount, in parts: each part's amounts and keys, as read (SQLite's
 * sorter, keeping most of a part's lines, was what made the parts slow), then the page picked out
 * here (pageByAmount).
 */
async function deepInParts(ctx: ServiceContext, plan: Plan, q: Selection, dir: 'ASC' | 'DESC', limit: number, offset: number): Promise<number[] | null> {
  const parts = await inParts<{ amounts: string; keys: string }>(ctx, plan, (ranges) => {
    const part = q.ranged(ranges);
    return { sql: `SELECT json_group_array(l.amount_pence) AS amounts, json_group_array(l.line_key) AS keys ${part.from}`, params: part.params, all: false };
  });
  if (!parts) return null;
  return pageByAmount(
    parts.flatMap((p) => JSON.parse(p.amounts) as number[]),
    parts.flatMap((p) => JSON.parse(p.keys) as number[]),
    dir,
    limit,
    offset,
  );
}

/**
 * The keys at [offset, offset + limit) of lines ordered by amount, then key, both `dir`: exactly
 * SQLite's ORDER BY amount, line key (amounts are whole pence below 2^53 — spendMoney.ts reads at
 * most 13 digits of pounds — and keys too). Without sorting them all: the amounts alone are sorted
 * as numbers (a typed array's own sort), which gives the page's first and last amount and how many
 * lines come before the first; only the lines with amounts between those are sorted by amount and key.
 */
export function pageByAmount(amounts: number[], keys: number[], dir: 'ASC' | 'DESC', limit: number, offset: number): number[] {
  const n = amounts.length;
  if (offset >= n) return [];
  // In ascending order of sign × value, whichever way the page is asked for.
  const sign = dir === 'ASC' ? 1 : -1;
  const sorted = Float64Array.from(amounts, (a) => sign * a).sort();
  const first = sorted[offset]!;
  const last = sorted[Math.min(offset + limit, n) - 1]!;
  let before = 0;
  const between: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = sign * amounts[i]!;
    if (v < first) before++;
    else if (v <= last) between.push(i);
  }
  between.sort((i, j) => sign * (amounts[i]! - amounts[j]! || keys[i]! - keys[j]!));
  return between.slice(offset - before, offset - before + limit).map((i) => keys[i]!);
}

function once<T>(read: () => T): T {
  splitStats.alone++;
  return read();
}

interface Plan {
  /** Each part's ranges of line keys: a range of the cut, within the files in reach. */
  parts: [number, number][][];
  counters: Counter[];
}

/**
 * How to cut a read of the lines of these files (null: every file): the parts and the threads to
 * read them on, or null to read in one pass here.
 */
async function splitPlan(ctx: ServiceContext, fileNos: number[] | null): Promise<Plan | null> {
  // TPW_SPEND_WORKERS=never|always, as for imports (workers.ts): always also waits for the threads
  // to start and splits however few the lines (tests of this path).
  const setting = process.env.TPW_SPEND_WORKERS;
  const always = setting === 'always';
  // Only on a read-only connection: a writing one may hold changes of its own, not yet committed,
  // that the threads would not see. And not for one command's one read (`tpw spend lines`): the
  // threads would not be ready before it is done.
  if (setting === 'never' || !ctx.sqlite.readonly || (ctx.mode === 'cli' && !always)) return null;
  const wanted = countersWanted();
  if (wanted === 0) return null;
  // Only a place with lines enough is worth the threads, and only then are they started.
  let cut = await keyRanges(ctx, fileNos, wanted + 1, always ? 0 : SPLIT_MIN_LINES);
  if (cut.length < 2) return null;
  const counters = await readyCounters(always);
  if (counters.length === 0) return null;
  if (counters.length < wanted) cut = await keyRanges(ctx, fileNos, counters.length + 1, 0);
  if (cut.length < 2) return null;
  // Within the files in reach: a range given as the file's own bounds would leave SQLite free to
  // read the whole file for every part.
  const files = fileNos ? [...fileNos].sort((a, b) => a - b).map(fileRange) : null;
  return { parts: cut.map((range) => (files ? files.map((file) => overlap(range, file)).filter((r): r is [number, number] => r !== null) : [range])), counters };
}

function overlap([a, b]: [number, number], [c, d]: [number, number]): [number, number] | null {
  const from = Math.max(a, c);
  const to = Math.min(b, d);
  return from < to ? [from, to] : null;
}

/**
 * A read over each part at once (`read` gives each part's SQL, parameters and rows wanted): the
 * results in the parts' order, or null if a commit landed meanwhile or a thread failed.
 */
async function inParts<T>(ctx: ServiceContext, plan: Plan, read: (ranges: [number, number][]) => PartRead): Promise<T[] | null> {
  const before = dataVersion(ctx);
  try {
    const [first, ...rest] = plan.parts.map(read);
    // Sent first, so the threads read while this one reads its own part.
    const theirs = Promise.all(rest.map((r, i) => readOn<T>(plan.counters[i]!, ctx, r)));
    // Handled below; marked so now in case this thread's own read throws first.
    theirs.catch(() => undefined);
    const mine = runRead(ctx.sqlite, first!) as T;
    const parts = [mine, ...(await theirs)];
    if (dataVersion(ctx) !== before) return null;
    splitStats.split++;
    return parts;
  } catch {
    return null;
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
