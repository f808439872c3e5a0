/**
 * Supplier names and spend descriptions in the search. A ledger of a million lines names perhaps
 * ten thousand suppliers, so the index holds one entry per organisation and name, with how many
 * payments and how much, built per imported file: the file's lines are grouped once, after the
 * import (never inside it: the import of a million lines must not wait for the index), by the
 * background indexer, `tpw search` and `tpw evidence reindex`. Deleting a file takes its part out
 * again at once (a trigger, migration 0010). Spend lines are immutable facts, so a file indexed
 * stays right until it is deleted.
 */
import type { ServiceContext } from '../core/context';

/** The file_no range of a file's lines: line_key = file_no × 2^32 + row (migration 0003), so the primary key finds them. */
const RANGE = 'line_key BETWEEN ? * 4294967296 AND ? * 4294967296 + 4294967295';

/** Files imported but not yet in the index, oldest first. */
export function pendingSpendFiles(ctx: ServiceContext): { fileNo: number; organisationId: string }[] {
  return ctx.sqlite
    .prepare(`SELECT file_no AS fileNo, organisation_id AS organisationId FROM spend_files WHERE file_no NOT IN (SELECT file_no FROM search_spend_files) ORDER BY file_no`)
    .all() as { fileNo: number; organisationId: string }[];
}

/** Indexes up to `limit` pending files, each in its own transaction. Returns how many files it indexed and how many are left. */
export function indexSpendFiles(ctx: ServiceContext, limit = Infinity): { files: number; remaining: number } {
  if (ctx.sqlite.readonly) return { files: 0, remaining: pendingSpendFiles(ctx).length };
  const pending = pendingSpendFiles(ctx);
  const todo = pending.slice(0, limit);
  const db = ctx.sqlite;
  const upsertName = db
    .prepare(
      `INSERT INTO search_spend_names (kind, organisation_id, name_key, name, n, pence) VALUES (?, ?, lower(?), ?, ?, ?)
       ON CONFLICT (kind, organisation_id, name_key) DO UPDATE SET n = n + excluded.n, pence = pence + excluded.pence RETURNING id`,
    )
    .pluck();
  const addFilePart = db.prepare(`INSERT INTO search_spend_name_files (name_id, file_no, n, pence) VALUES (?, ?, ?, ?)`);
  for (const f of todo) {
    db.transaction(() => {
      // The same supplier spelt with other spaces or case is one entry; the first spelling names it.
      for (const [kind, column] of [
        ['supplier', 'supplier'],
        ['spend', 'description'],
      ] as const) {
        const groups = db
          .prepare(
            `SELECT min(trim(${column})) AS name, count(*) AS n, sum(amount_pence) AS pence FROM spend_lines
             WHERE ${RANGE} AND ${column} IS NOT NULL AND trim(${column}) <> '' GROUP BY lower(trim(${column}))`,
          )
          .all(f.fileNo, f.fileNo) as { name: string; n: number; pence: number }[];
        for (const g of groups) addFilePart.run(upsertName.get(kind, f.organisationId, g.name, g.name, g.n, g.pence) as number, f.fileNo, g.n, g.pence);
      }
      db.prepare(`INSERT INTO search_spend_files (file_no) VALUES (?)`).run(f.fileNo);
    })();
  }
  return { files: todo.length, remaining: pending.length - todo.length };
}
