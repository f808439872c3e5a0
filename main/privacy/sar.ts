/**
 * Subject access: finding everything held about a person, by name or identifier, and handing it
 * over as a readable pack. The search reads every record table (live and in the recycle bin), every
 * stored revision, and the text read from attachments (as pseudonymised where it was), with a plain
 * case-insensitive match: a SAR must not miss a record because a tokenizer split an identifier.
 * Every search is logged (who, when, the request's reference, how many matches, a hash of what was
 * searched for — the name itself is personal data and is not kept).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
// Loaded when first needed: most commands never use it, and loading it costs every start (a spend import spent ~0.2 s loading libraries it never touched).
const zipLibrary = () => import('yazl');
import type { SarHit, SarLogEntry, SarResult } from '../../shared/domain/privacy';
import { AppError } from '../../shared/errors';
import { readBlob } from '../core/attachmentStore';
import { writeContext, type ServiceContext } from '../core/context';
import { RECORD_TABLES } from '../core/recordTables';
import { exportsDir, registerDownload, safeFileName } from '../core/transfers';
import { newId } from '../db/ids';
import { sha256Hex, snake } from './erase';

/** Hits shown per search; a SAR about one person rarely comes near it, and the log says how many there were. */
export const MAX_SAR_HITS = 5000;

const EXCERPT = 120;

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function excerptOf(haystack: string, needle: string): string {
  const at = haystack.toLowerCase().indexOf(needle.toLowerCase());
  if (at < 0) return haystack.slice(0, EXCERPT * 2);
  const from = Math.max(0, at - EXCERPT);
  const to = Math.min(haystack.length, at + needle.length + EXCERPT);
  return `${from > 0 ? '…' : ''}${haystack.slice(from, to)}${to < haystack.length ? '…' : ''}`;
}

/** The text values of a row (JSON arrays flattened), for an excerpt. */
const textOf = (row: Record<string, unknown>): string =>
  Object.entries(row)
    .filter(([k, v]) => typeof v === 'string' && !['id', 'rev', 'created_at', 'updated_at', 'deleted_at', 'createdAt', 'updatedAt', 'deletedAt'].includes(k))
    .map(([, v]) => v as string)
    .join(' · ');

function find(ctx: ServiceContext, text: string): SarHit[] {
  const pattern = likePattern(text);
  const hits: SarHit[] = [];
  for (const spec of Object.values(RECORD_TABLES)) {
    const cols = Object.entries(spec.columns).filter(([k, c]) => (c.kind === 'text' || c.kind === 'json') && !['id', 'rev', 'createdAt', 'updatedAt', 'deletedAt'].includes(k));
    if (!cols.length) continue;
    const where = cols.map(([k]) => `lower(${snake(k)}) LIKE ? ESCAPE '\\'`).join(' OR ');
    const rows = ctx.sqlite.prepare(`SELECT * FROM ${snake(spec.table)} WHERE ${where}`).all(...cols.map(() => pattern)) as Record<string, unknown>[];
    for (const row of rows) {
      const camel = Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
      hits.push({ where: 'record', table: spec.table, kind: spec.noun, recordId: String(row.id), label: spec.label(camel), excerpt: excerptOf(textOf(row), text), rev: String(row.rev), at: String(row.updated_at), deleted: row.deleted_at !== null });
    }
  }
  // Older revisions that mention it (the current one is the record itself, above).
  const revs = ctx.sqlite
    .prepare(
      `SELECT table_name AS t, record_id AS id, rev, at, data FROM record_revisions rr WHERE lower(data) LIKE ? ESCAPE '\\'
       ORDER BY table_name, record_id, rowid LIMIT ${MAX_SAR_HITS}`,
    )
    .all(pattern) as { t: string; id: string; rev: string; at: string; data: string }[];
  const current = new Set(hits.map((h) => `${h.table}:${h.recordId}:${h.rev}`));
  for (const r of revs) {
    const spec = RECORD_TABLES[r.t];
    if (!spec || current.has(`${r.t}:${r.id}:${r.rev}`)) continue;
    const data = JSON.parse(r.data) as Record<string, unknown>;
    hits.push({ where: 'history', table: r.t, kind: spec.noun, recordId: r.id, label: spec.label(data), excerpt: excerptOf(textOf(data), text), rev: r.rev, at: r.at, deleted: false });
  }
  const files = ctx.sqlite
    .prepare(
      `SELECT a.id, a.evidence_id AS evidenceId, a.file_name AS fileName, a.deleted_at AS deletedAt, coalesce(p.text, t.text) AS body
       FROM evidence_attachments a JOIN evidence_blob_text t ON t.sha256 = a.sha256 AND t.status = 'text'
       LEFT JOIN evidence_attachment_text p ON p.attachment_id = a.id
       WHERE lower(coalesce(p.text, t.text)) LIKE ? ESCAPE '\\' OR lower(t.text) LIKE ? ESCAPE '\\'`,
    )
    .all(pattern, pattern) as { id: string; evidenceId: string; fileName: string; deletedAt: string | null; body: string }[];
  for (const f of files) {
    hits.push({ where: 'attachment', table: 'evidenceAttachments', kind: 'Attachment text', recordId: f.id, label: f.fileName, excerpt: excerptOf(f.body, text), rev: null, at: null, deleted: f.deletedAt !== null });
  }
  return hits.slice(0, MAX_SAR_HITS);
}

async function logSearch(ctx: ServiceContext, text: string, reference: string | undefined, matches: number, exportedTo: string | null): Promise<string> {
  const w = await writeContext(ctx);
  await ctx.db
    .insertInto('sarLog')
    .values({ id: newId(), at: w.now, actor: w.actor, reference: reference ?? null, querySha256: sha256Hex(text.trim().toLowerCase()), matches, exportedTo })
    .execute();
  return w.now;
}

const recordCount = (hits: SarHit[]) => new Set(hits.map((h) => `${h.table}:${h.recordId}`)).size;

export async function sarSearch(ctx: ServiceContext, input: { text: string; reference?: string }): Promise<SarResult> {
  const hits = find(ctx, input.text);
  const loggedAt = await logSearch(ctx, input.text, input.reference, hits.length, null);
  return { text: input.text, hits, records: recordCount(hits), loggedAt };
}

export function sarLog(ctx: ServiceContext): SarLogEntry[] {
  return ctx.sqlite
    .prepare('SELECT id, at, actor, reference, matches, exported_to AS exportedTo FROM sar_log ORDER BY at DESC, rowid DESC')
    .all() as SarLogEntry[];
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The whole current row of each record that matched, as a person reads it. */
function recordTable(row: Record<string, unknown>): string {
  return `<table><tbody>${Object.entries(row)
    .filter(([, v]) => v !== null && v !== '' && v !== '[]')
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(String(v))}</td></tr>`)
    .join('')}</tbody></table>`;
}

/** Writes the pack into `dir` (which must be empty or new): index.html, records.json and the attached files. */
async function writePack(ctx: ServiceContext, dir: string, text: string, reference: string | undefined, hits: SarHit[], at: string): Promise<string[]> {
  await fsp.mkdir(path.join(dir, 'files'), { recursive: true, mode: 0o700 });
  const written: string[] = [];
  const byRecord = new Map<string, SarHit[]>();
  for (const h of hits) byRecord.set(`${h.table}:${h.recordId}`, [...(byRecord.get(`${h.table}:${h.recordId}`) ?? []), h]);
  const sections: string[] = [];
  const data: unknown[] = [];
  for (const [key, list] of byRecord) {
    const [table, id] = key.split(':') as [string, string];
    const spec = RECORD_TABLES[table];
    const row = spec ? (ctx.sqlite.prepare(`SELECT * FROM ${snake(table)} WHERE id = ?`).get(id) as Record<string, unknown> | undefined) : undefined;
    let file = '';
    if (table === 'evidenceAttachments' && row && typeof row.sha256 === 'string') {
      const name = `${String(id).slice(0, 8)}-${safeFileName(String(row.file_name))}`;
      try {
        await pipeline(readBlob(ctx.paths.attachmentsDir, row.sha256), fs.createWriteStream(path.join(dir, 'files', name), { mode: 0o600 }));
        written.push(`files/${name}`);
        file = `<p>The file: <a href="files/${encodeURIComponent(name)}">${esc(name)}</a></p>`;
      } catch {
        file = '<p>The file itself is not in this installation’s store.</p>';
      }
    }
    const found = list.map((h) => `<li>${h.where === 'history' ? `In an earlier version (${esc(h.rev ?? '')}, ${esc(h.at ?? '')})` : h.where === 'attachment' ? 'In the text of the file' : 'In the current version'}${h.deleted ? ' (in the recycle bin)' : ''}: <q>${esc(h.excerpt)}</q></li>`).join('');
    sections.push(`<section><h2>${esc(list[0]!.kind)}: ${esc(list[0]!.label)}</h2><p class="id">Record ${esc(id)}</p><ul>${found}</ul>${row ? recordTable(row) : '<p>Held only in its history.</p>'}${file}</section>`);
    data.push({ table, id, current: row ?? null, found: list });
  }
  const title = `Subject access pack${reference ? `: ${reference}` : ''}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}section{border-top:1px solid #999;margin-top:1.5rem}th{text-align:left;vertical-align:top;padding-right:1rem;color:#333}td{white-space:pre-wrap}.id{color:#444;font-size:.9em}</style></head>
<body><h1>${esc(title)}</h1><p>Everything this workbench holds that mentions “${esc(text)}”, found on ${esc(at.slice(0, 10))}: ${hits.length} passage${hits.length === 1 ? '' : 's'} in ${byRecord.size} record${byRecord.size === 1 ? '' : 's'} (current versions, earlier versions, items in the recycle bin and the text of attached files). The same is in <a href="records.json">records.json</a> for machines.</p>
${sections.join('\n') || '<p>Nothing held mentions it.</p>'}</body></html>`;
  await fsp.writeFile(path.join(dir, 'index.html'), html, { mode: 0o600 });
  await fsp.writeFile(path.join(dir, 'records.json'), JSON.stringify({ searchedFor: text, reference: reference ?? null, at, records: data }, null, 2), { mode: 0o600 });
  return ['index.html', 'records.json', ...written];
}

async function emptyOrNew(dir: string): Promise<void> {
  try {
    const entries = await fsp.readdir(dir);
    if (entries.length) throw new AppError('INVALID_INPUT', `"${dir}" is not empty. Choose a new or empty folder for the pack; nothing was written.`, { folder: 'Choose an empty folder' });
  } catch (e) {
    if (e instanceof AppError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new AppError('BAD_FILE', `"${dir}" cannot be used for the pack (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
  }
}

export async function sarExport(ctx: ServiceContext, input: { text: string; reference?: string; folder: string }): Promise<{ folder: string; files: number; matches: number }> {
  const dir = path.resolve(input.folder);
  await emptyOrNew(dir);
  const hits = find(ctx, input.text);
  const at = await logSearch(ctx, input.text, input.reference, hits.length, dir);
  const files = await writePack(ctx, dir, input.text, input.reference, hits, at);
  return { folder: dir, files: files.length, matches: hits.length };
}

/** The pack as one zip, offered as a download (browser mode and the desktop window). */
export async function sarPack(ctx: ServiceContext, input: { text: string; reference?: string }): Promise<{ name: string; urlPath: string; path: string; matches: number }> {
  const hits = find(ctx, input.text);
  const at = await logSearch(ctx, input.text, input.reference, hits.length, 'download');
  const base = await exportsDir(ctx);
  const dir = path.join(base, 'pack');
  const files = await writePack(ctx, dir, input.text, input.reference, hits, at);
  const name = `subject-access-${safeFileName(input.reference ?? newId().slice(0, 8))}.zip`;
  const zipFile = path.join(base, name);
  const yazl = (await zipLibrary()).default;
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addFile(path.join(dir, ...f.split('/')), f, { mtime: new Date(at), mode: 0o100644 });
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(zipFile, { mode: 0o600 }));
  await fsp.rm(dir, { recursive: true, force: true });
  const d = registerDownload(zipFile, name, 'application/zip');
  return { name: d.name, urlPath: d.urlPath, path: d.path, matches: hits.length };
}
