import path from 'node:path';
import type { ExportedFile } from '../../shared/contract/estimates';
import { organisationNamer } from '../../shared/calc/interventionModel';
import { interventionSections, portfolioSections } from './sections';
import { writeCsv, writeXlsx } from './writeSections';
import type { ServiceContext } from '../core/context';
import { interventionDetail } from './service';
import { portfolioPage } from './queries';
import { requireParameterSet } from './parameterSets';
import { listOrganisations } from '../pilot/queries';
import { exportsDir, registerDownload, safeFileName } from '../core/transfers';

const MIME = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Writes what the estimate (or the portfolio) page shows to a CSV or XLSX file and offers it as a download. */
export async function exportEstimate(
  ctx: ServiceContext,
  input: { interventionId?: string | undefined; format: 'csv' | 'xlsx'; open?: boolean | undefined },
): Promise<ExportedFile> {
  let sections;
  let base;
  if (input.interventionId) {
    const d = await interventionDetail(ctx, input.interventionId);
    sections = interventionSections(d, organisationNamer(await listOrganisations(ctx)), await requireParameterSet(ctx.db, d.intervention.parameterSetId));
    base = `Estimate - ${d.intervention.name}`;
  } else {
    sections = portfolioSections(await portfolioPage(ctx));
    base = 'Savings portfolio';
  }
  const name = safeFileName(`${base.replace(/[^\w .,()-]+/g, ' ').trim().slice(0, 80)}.${input.format}`);
  const file = path.join(await exportsDir(ctx), name);
  if (input.format === 'csv') await writeCsv(file, sections);
  else await writeXlsx(file, sections);
  const dl = registerDownload(file, name, MIME[input.format]);
  // The desktop app opens it in the spreadsheet program; browser mode downloads from urlPath.
  const opened = Boolean(input.open && ctx.platform);
  if (opened) await ctx.platform!.openPath(file);
  return { name: dl.name, urlPath: dl.urlPath, path: dl.path, opened };
}
