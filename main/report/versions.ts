/**
 * The list of generated reports, so a team can say exactly what went to the board: each version's
 * number, when and by whom, the sections, the marking, what was held back, and the SHA-256 of each
 * file. The files themselves are kept, content-addressed, in this installation's attachment store
 * (under reports/), so any version can be opened or downloaded again, byte for byte.
 */
import type { Selectable } from 'kysely';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ReportVersion, ReportVersionFile, SecurityMarking } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { putFile, readBlob } from '../core/attachmentStore';
import type { ServiceContext } from '../core/context';
import { exportsDir, registerDownload, type DownloadInfo } from '../core/transfers';
import { newId } from '../db/ids';
import type { ReportVersionsTable } from './tables';

export const reportStore = (ctx: ServiceContext): string => path.join(ctx.paths.attachmentsDir, 'reports');

const MEDIA: Record<ReportVersionFile['format'], string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};
export const mediaType = (f: ReportVersionFile['format']): string => MEDIA[f];

function view(r: Selectable<ReportVersionsTable>): ReportVersion {
  return {
    id: r.id,
    version: r.version,
    generatedAt: r.generatedAt,
    generatedBy: r.generatedBy,
    marking: r.marking,
    sections: JSON.parse(r.sections) as string[],
    includeTeam: r.includeTeam === 1,
    includePersonal: r.includePersonal === 1,
    withheld: JSON.parse(r.withheld) as ReportVersion['withheld'],
    sha256: r.sha256,
    files: JSON.parse(r.files) as ReportVersionFile[],
    redactions: JSON.parse(r.redactions) as ReportVersion['redactions'],
  };
}

/** Takes the next version number before the report is written (it is printed on every page). */
export async function reserveVersion(
  ctx: ServiceContext,
  v: { generatedAt: string; generatedBy: string; marking: SecurityMarking; includeTeam: boolean; includePersonal: boolean },
): Promise<{ id: string; version: number }> {
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    const last = await trx.selectFrom('reportVersions').select((eb) => eb.fn.max('version').as('n')).executeTakeFirst();
    const version = Number(last?.n ?? 0) + 1;
    await trx
      .insertInto('reportVersions')
      .values({ id, version, generatedAt: v.generatedAt, generatedBy: v.generatedBy, marking: v.marking, sections: '[]', includeTeam: v.includeTeam ? 1 : 0, includePersonal: v.includePersonal ? 1 : 0, withheld: '{"team":0,"personal":0}', sha256: '', files: '[]' })
      .execute();
    return { id, version };
  });
}

/** Keeps the files of a finished report and completes its entry. */
export async function completeVersion(
  ctx: ServiceContext,
  id: string,
  done: { sections: string[]; withheld: { team: number; personal: number }; files: { format: ReportVersionFile['format']; name: string; path: string }[]; redactions: { label: string; count: number }[] },
): Promise<ReportVersion> {
  const files: ReportVersionFile[] = [];
  for (const f of done.files) {
    const blob = await putFile(reportStore(ctx), f.path);
    files.push({ format: f.format, name: f.name, sha256: blob.sha256, size: blob.size });
  }
  const html = files.find((f) => f.format === 'html');
  await ctx.db
    .updateTable('reportVersions')
    .set({ sections: JSON.stringify(done.sections), withheld: JSON.stringify(done.withheld), files: JSON.stringify(files), redactions: JSON.stringify(done.redactions), sha256: html?.sha256 ?? files[0]?.sha256 ?? '' })
    .where('id', '=', id)
    .execute();
  return getVersion(ctx, id);
}

/** A report that failed part-way leaves no entry (its number is not reused). */
export async function abandonVersion(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.deleteFrom('reportVersions').where('id', '=', id).where('sha256', '=', '').execute();
}

export async function listVersions(ctx: ServiceContext): Promise<ReportVersion[]> {
  const rows = await ctx.db.selectFrom('reportVersions').selectAll().where('sha256', '!=', '').orderBy('version', 'desc').execute();
  return rows.map(view);
}

export async function getVersion(ctx: ServiceContext, id: string): Promise<ReportVersion> {
  const row = await ctx.db.selectFrom('reportVersions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.sha256 === '') throw new AppError('NOT_FOUND', 'That report version was not found.');
  return view(row);
}

/**
 * Makes a kept version's files available again: copied out of the store (verified against their
 * hashes on the way) and registered as downloads for this session.
 */
export async function versionFiles(ctx: ServiceContext, id: string): Promise<{ version: ReportVersion; files: (DownloadInfo & { format: ReportVersionFile['format'] })[] }> {
  const version = await getVersion(ctx, id);
  const dir = await exportsDir(ctx);
  const out = [];
  for (const f of version.files) {
    const file = path.join(dir, path.basename(f.name));
    try {
      await pipeline(readBlob(reportStore(ctx), f.sha256), fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    } catch (e) {
      await fsp.rm(file, { force: true });
      throw e instanceof AppError ? new AppError(e.code, `Version ${version.version}'s ${f.format.toUpperCase()} file cannot be given back: ${e.message}`) : e;
    }
    out.push({ ...registerDownload(file, f.name, MEDIA[f.format]), format: f.format });
  }
  return { version, files: out };
}
