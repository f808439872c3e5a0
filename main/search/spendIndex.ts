/**
 * Supplier names and spend descriptions in the search. A ledger of a million lines names perhaps
 * ten thousand suppliers, so the index holds one entry per organisation and name, with how many
 * payments and how much, built per imported file: the file's lines are grouped once, after the
 * import (never inside it: the import of a million lines must not wait for the index), by the
 * background indexer (a step at a time, so the app's thread stays free), `tpw search` and
 * `tpw evidence reindex`. Deleting a file takes its part out again at once (a trigger, migration
 * 0010). Spend lines are immutable facts, so a file indexed stays right until it is deleted.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { ServiceContext } from '../core/context';

type Database = BetterSqlite3.Database;

/** A file's lines have keys file_no × 2^32 + row (migration 0003): the primary key finds them. */
const FILE_SPAN = 4294967296;
/** Line numbers grouped in one step of the background indexer: some 25 ms of the thread at a time. */
const LINES_PER_STEP = 25_000;

/** Files imported but not yet in the index, oldest first. */
function pendingSpendFiles(db: Database): PendingFile[] {
  return db
    .prepare(`SELECT file_no AS fileNo, id, organisation_id AS organisationId FROM spend_files WHERE file_no NOT IN (SELECT file_no FROM search_spend_files) ORDER BY file_no`)
    .all() as PendingFile[];
}

interface PendingFile {
  fileNo: number;
  id: string;
  organisationId: string;
}

/** A file's names of one kind, by their lower-cased trimmed form: the first spelling (in SQLite's order), how many lines, how much. */
type Groups = Map<string, { name: string; n: number; pence: number }>;

const KINDS = [
  ['supplier', 'supplier'],
  ['spend', 'description'],
] as const;

const SURROGATE = /[\uD800-\uDFFF]/;
/**
 * SQLite's BINARY order (the bytes of the UTF-8), which `min()` and GROUP BY use. JavaScript's own
 * order is the same for text without characters beyond U+FFFF (written as surrogate pairs).
 */
const binaryLess = (a: string, b: string) =>
  SURROGATE.test(a) || SURROGATE.test(b) ? Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) < 0 : a < b;

/**
 * Adds the lines with keys in [from, to) to `into`, grouped as one GROUP BY over all of a file's
 * lines would group them: the same supplier spelt with other spaces or case is one entry, and the
 * first spelling names it.
 */
function addGroups(read: Database, column: 'supplier' | 'description', from: number, to: number, into: Groups): void {
  const rows = read
    .prepare(
      `SELECT lower(trim(${column})) AS k, min(trim(${column})) AS name, count(*) AS n, sum(amount_pence) AS pence FROM spend_lines
       WHERE line_key >= ? AND line_key < ? AND ${column} IS NOT NULL AND trim(${column}) <> '' GROUP BY k`,
    )
    .all(from, to) as { k: string; name: string; n: number; pence: number }[];
  for (const r of rows) {
    const g = into.get(r.k);
    if (!g) into.set(r.k, { name: r.name, n: r.n, pence: r.pence });
    else {
      g.n += r.n;
      g.pence += r.pence;
      if (r.name !== g.name && binaryLess(r.name, g.name)) g.name = r.name;
    }
  }
}

/**
 * Writes one file's part of the index, in one transaction, unless the file has gone (or another
 * file now has its number) or has been indexed meanwhile. Returns whether it wrote.
 */
function saveFile(db: Database, f: PendingFile, groups: Record<'supplier' | 'spend', Groups>): boolean {
  const upsertName = db
    .prepare(
      `INSERT INTO search_spend_names (kind, organisation_id, name_key, name, n, pence) VALUES (?, ?, lower(?), ?, ?, ?)
       ON CONFLICT (kind, organisation_id, name_key) DO UPDATE SET n = n + excluded.n, pence = pence + excluded.pence RETURNING id`,
    )
    .pluck();
  const addFilePart = db.prepare(`INSERT INTO search_spend_name_files (name_id, file_no, n, pence) VALUES (?, ?, ?, ?)`);
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM spend_files WHERE file_no = ? AND id = ?').get(f.fileNo, f.id)) return false;
    if (db.prepare('SELECT 1 FROM search_spend_files WHERE file_no = ?').get(f.fileNo)) return false;
    for (const [kind] of KINDS) {
      // In the grouping's order, as one GROUP BY gives them.
      const names = [...groups[kind].entries()].sort(([a], [b]) => (a === b ? 0 : binaryLess(a, b) ? -1 : 1));
      for (const [, g] of names) addFilePart.run(upsertName.get(kind, f.organisationId, g.name, g.name, g.n, g.pence) as number, f.fileNo, g.n, g.pence);
    }
    db.prepare(`INSERT INTO search_spend_files (file_no) VALUES (?)`).run(f.fileNo);
    return true;
  })();
}

const emptyGroups = (): Record<'supplier' | 'spend', Groups> => ({ supplier: new Map(), spend: new Map() });

/** Indexes up to `limit` pending files, each in its own transaction. Returns how many files it indexed and how many are left. */
export function indexSpendFiles(ctx: ServiceContext, limit = Infinity): { files: number; remaining: number } {
  if (ctx.sqlite.readonly) return { files: 0, remaining: pendingSpendFiles(ctx.sqlite).length };
  const pending = pendingSpendFiles(ctx.sqlite);
  let files = 0;
  for (const f of pending.slice(0, limit)) {
    const groups = emptyGroups();
    for (const [kind, column] of KINDS) addGroups(ctx.sqlite, column, f.fileNo * FILE_SPAN, (f.fileNo + 1) * FILE_SPAN, groups[kind]);
    if (saveFile(ctx.sqlite, f, groups)) files++;
  }
  return { files, remaining: pending.length - Math.min(limit, pending.length) };
}

/**
 * The same, for the app's background indexer: a file's lines are grouped a few tens of thousands
 * at a time on `read` (the read connection: committed lines only), letting the thread serve pages
 * between steps — grouping a million lines in one go held the window's thread for a second after
 * each large import. Only the writing goes through `save` (the write queue), once a file is grouped.
 */
export async function indexSpendFilesInSteps(
  ctx: ServiceContext,
  read: Database,
  limit: number,
  save: (write: () => boolean) => Promise<boolean>,
  opts: { linesPerStep?: number; between?: () => Promise<void> } = {},
): Promise<{ files: number; remaining: number }> {
  if (ctx.sqlite.readonly) return { files: 0, remaining: pendingSpendFiles(read).length };
  const step = opts.linesPerStep ?? LINES_PER_STEP;
  const between = opts.between ?? (() => new Promise<void>((r) => setImmediate(r)));
  // What is committed (read is the read connection): a file still being imported is not here yet.
  const pending = pendingSpendFiles(read);
  let files = 0;
  for (const f of pending.slice(0, limit)) {
    const from = f.fileNo * FILE_SPAN;
    const last = read.prepare('SELECT max(line_key) FROM spend_lines WHERE line_key >= ? AND line_key < ?').pluck().get(from, from + FILE_SPAN) as number | null;
    const groups = emptyGroups();
    for (let at = from; last !== null && at <= last; at += step) {
      for (const [kind, column] of KINDS) addGroups(read, column, at, Math.min(at + step, last + 1), groups[kind]);
      await between();
    }
    if (await save(() => saveFile(ctx.sqlite, f, groups))) files++;
  }
  return { files, remaining: pending.length - Math.min(limit, pending.length) };
}
