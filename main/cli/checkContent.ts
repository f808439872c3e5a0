/**
 * What `tpw check` looks at beyond SQLite's own integrity check, read-only: that every record
 * still keeps the rules the app (and bundle import) hold it to — a record stored by an older
 * version, or brought in before partner content was checked, can break pages and imports even
 * though SQLite is content — that references resolve, and that every attachment's file is in the
 * store (with `--attachments`, that its bytes still match their hash).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { blobPath } from '../core/attachmentStore';
import { APPEND_ONLY_TABLE_NAMES, loadAppendOnlyTable, loadRecordTable, RECORD_TABLE_NAMES } from '../core/recordTableModules';
import type { TableSpec } from '../db/recordSpec';

export interface ContentProblem {
  what: string;
  problem: string;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const MAX_PER_KIND = 20;

function checkTable(sqlite: BetterSqlite3.Database, spec: TableSpec, noun: string, label: (r: Record<string, unknown>) => string, out: ContentProblem[]): void {
  let found = 0;
  for (const raw of sqlite.prepare(`SELECT * FROM ${snake(spec.table)}`).iterate() as IterableIterator<Record<string, unknown>>) {
    const row = Object.fromEntries(Object.entries(raw).map(([k, v]) => [camel(k), v]));
    const r = spec.rowShape.safeParse(row);
    if (r.success) continue;
    const i = r.error.issues[0]!;
    out.push({ what: `${noun} "${label(row).slice(0, 80)}" (${String(row.id ?? '')})`, problem: `${i.path.join('.') || 'row'}: ${i.message}` });
    if (++found >= MAX_PER_KIND) break;
  }
}

async function hashOf(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

export async function contentProblems(sqlite: BetterSqlite3.Database, attachmentsDir: string, opts: { hashes: boolean }): Promise<ContentProblem[]> {
  const out: ContentProblem[] = [];
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
  // A capability's definitions (and the domain schemas behind them) load only when one of its
  // tables holds rows: an empty table has nothing to check, and loading them all cost `tpw check`
  // most of its start-up.
  const hasRows = (name: string) => tables.has(snake(name)) && sqlite.prepare(`SELECT 1 FROM ${snake(name)} LIMIT 1`).get() !== undefined;
  for (const name of RECORD_TABLE_NAMES) {
    if (!hasRows(name)) continue;
    const spec = await loadRecordTable(name);
    checkTable(sqlite, spec, spec.noun, spec.label, out);
  }
  for (const name of APPEND_ONLY_TABLE_NAMES) if (hasRows(name)) checkTable(sqlite, await loadAppendOnlyTable(name), `A ${name} row`, () => '', out);
  for (const fk of (sqlite.prepare('PRAGMA foreign_key_check').all() as { table: string; rowid: number; parent: string }[]).slice(0, MAX_PER_KIND)) {
    out.push({ what: `A row of ${fk.table} (rowid ${fk.rowid})`, problem: `refers to a ${fk.parent} record that does not exist` });
  }
  if (tables.has('evidence_attachments')) {
    const seen = new Set<string>();
    let found = 0;
    for (const a of sqlite.prepare('SELECT a.sha256, a.file_name AS fileName, a.size, i.title FROM evidence_attachments a LEFT JOIN evidence_items i ON i.id = a.evidence_id').iterate() as IterableIterator<{ sha256: string; fileName: string; size: number; title: string | null }>) {
      if (seen.has(a.sha256) || !/^[0-9a-f]{64}$/.test(a.sha256)) continue;
      seen.add(a.sha256);
      const file = blobPath(attachmentsDir, a.sha256);
      const what = `The file "${a.fileName}"${a.title ? ` of the evidence item "${a.title}"` : ''}`;
      let problem: string | null = null;
      if (!fs.existsSync(file)) problem = 'is missing from the attachment store';
      else if (fs.statSync(file).size !== a.size) problem = 'is damaged (its size is not what was stored)';
      else if (opts.hashes && (await hashOf(file)) !== a.sha256) problem = 'is damaged (its content no longer matches its hash)';
      if (problem) {
        out.push({ what, problem });
        if (++found >= MAX_PER_KIND) break;
      }
    }
  }
  return out;
}
