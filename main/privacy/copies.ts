/**
 * Copies outside the live pilot file that may still hold what was erased: the snapshots the
 * workbench takes (before every migration and bundle import: full copies of the database), which
 * the user can prune at once, and generated report versions, which are the record of what went out
 * and are only reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SnapshotFile } from '../../shared/domain/privacy';
import { AppError } from '../../shared/errors';
import { blobPath } from '../core/attachmentStore';
import type { ServiceContext } from '../core/context';
import { reportStore } from '../report/queries';

/** Snapshots (full copies of the database) taken before `before`: they may still hold what was erased. */
export function snapshotsBefore(ctx: ServiceContext, before?: string): SnapshotFile[] {
  const dir = ctx.paths.snapshotsDir;
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.db'))
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return { file: f, takenAt: st.mtime.toISOString(), size: st.size };
    })
    .filter((s) => !before || s.takenAt <= before)
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

export function pruneSnapshots(ctx: ServiceContext, files: string[]): { removed: number } {
  const known = new Set(snapshotsBefore(ctx).map((s) => s.file));
  const unknown = files.find((f) => !known.has(f));
  if (unknown) throw new AppError('NOT_FOUND', `"${unknown}" is not one of this pilot's snapshots. Nothing was removed.`);
  for (const f of files) fs.rmSync(path.join(ctx.paths.snapshotsDir, f), { force: true });
  return { removed: files.length };
}

/**
 * Generated report versions whose HTML shows any of `needles` (titles, quoted passages of what was
 * erased). Their files stay — they are the record of what went out — but the person erasing is told.
 */
export function reportsShowing(ctx: ServiceContext, needles: string[]): number[] {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const wanted = needles.filter((n) => n.trim().length >= 8).flatMap((n) => [n, esc(n)]).map((n) => Buffer.from(n, 'utf8'));
  if (!wanted.length) return [];
  const versions = ctx.sqlite.prepare('SELECT version, files FROM report_versions ORDER BY version').all() as { version: number; files: string }[];
  return versions
    .filter((v) =>
      (JSON.parse(v.files) as { format: string; sha256: string }[]).some((f) => {
        if (f.format !== 'html') return false;
        try {
          const bytes = fs.readFileSync(blobPath(reportStore(ctx), f.sha256));
          return wanted.some((w) => bytes.includes(w));
        } catch {
          return false;
        }
      }),
    )
    .map((v) => v.version);
}
