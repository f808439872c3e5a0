/**
 * The pilot report: chosen sections, in the chosen order, rendered from the services' data with
 * the sensitivity rules applied (public and partners always; team only and personal data only
 * when the user chose them), then written as self-contained HTML, optionally PDF, and CSV/XLSX
 * extracts of every table it contains.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { localToday } from '../../shared/calc/timetable';
import type { ReportOptions, ReportResult, ReportSectionId, ReportSectionInfo } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { currentActor, type ServiceContext } from '../core/context';
import { getPilot } from '../pilot/queries';
import { exportsDir, lookupDownload, registerDownload } from '../core/transfers';
import { writeCsvs, writeXlsx, fileSlug } from './extracts';
import { html, type SafeHtml } from './html';
import { printToPdf } from './pdf';
import { REPORT_SECTIONS, sectionById } from './registry';
import { ALWAYS_ALLOWED, type ExtractTable, type RenderContext } from './types';
import { reportDocument } from './document';

export async function reportSections(ctx: ServiceContext): Promise<ReportSectionInfo[]> {
  const out: ReportSectionInfo[] = [];
  for (const s of REPORT_SECTIONS) {
    const reason = await s.unavailable(ctx);
    out.push({ id: s.id, title: s.title, available: reason === null, reason });
  }
  return out;
}

export interface RenderedReport {
  html: string;
  tables: ExtractTable[];
  sections: ReportSectionId[];
  withheld: { team: number; personal: number };
  generatedAt: string;
  place: string;
  /** Milliseconds each section took to render (for the benchmark). */
  timings: Partial<Record<ReportSectionId, number>>;
}

export async function renderReport(ctx: ServiceContext, opts: ReportOptions): Promise<RenderedReport> {
  const pilot = await getPilot(ctx);
  if (!pilot) throw new AppError('REFUSED', 'Set up the pilot (its place and question) before writing the report.');
  const allowed = new Set<string>([...ALWAYS_ALLOWED, ...(opts.includeTeam ? ['team'] : []), ...(opts.includePersonal ? ['personal'] : [])]);
  const generatedAt = ctx.now().toISOString();
  const rc: RenderContext = { ctx, opts, today: localToday(ctx.now()), allows: (s) => allowed.has(s), withheld: { team: 0, personal: 0 } };

  const rendered: { id: ReportSectionId; title: string; body: SafeHtml }[] = [];
  const skipped: string[] = [];
  const tables: ExtractTable[] = [];
  const timings: Partial<Record<ReportSectionId, number>> = {};
  for (const id of opts.sections) {
    const section = sectionById(id);
    const reason = await section.unavailable(ctx);
    if (reason) {
      skipped.push(`${section.title} (${reason.replace(/\.$/, '')})`);
      continue;
    }
    const t = performance.now();
    const out = await section.render(rc);
    timings[id] = Math.round(performance.now() - t);
    rendered.push({ id, title: section.title, body: out.html });
    tables.push(...out.tables);
  }

  const levels = ['public', 'partners', ...(opts.includeTeam ? ['team-only'] : []), ...(opts.includePersonal ? ['personal-data'] : [])];
  const held = [
    rc.withheld.team ? `${rc.withheld.team} team-only item${rc.withheld.team === 1 ? '' : 's'}` : '',
    rc.withheld.personal ? `${rc.withheld.personal} item${rc.withheld.personal === 1 ? '' : 's'} of personal data` : '',
  ].filter(Boolean);
  const about = html`
    <p>This report includes ${levels.join(', ').replace(/, ([^,]*)$/, ' and $1')} material.
      ${held.length ? `Left out under the sensitivity rules: ${held.join(' and ')}.` : ''}</p>
    ${opts.includePersonal ? html`<p><strong>This report contains personal data by explicit choice. Handle and share it accordingly.</strong></p>` : ''}
    ${skipped.length ? html`<p>Not included: ${skipped.join('; ')}.</p>` : ''}`;

  const doc = reportDocument({
    place: pilot.place,
    question: pilot.question,
    reportDeadline: pilot.reportDeadline,
    generatedAt,
    actor: await currentActor(ctx),
    sections: rendered,
    about,
  });
  return { html: doc, tables, sections: rendered.map((r) => r.id), withheld: rc.withheld, generatedAt, place: pilot.place, timings };
}

export async function generateReport(ctx: ServiceContext, opts: ReportOptions): Promise<ReportResult> {
  const started = performance.now();
  const report = await renderReport(ctx, opts);
  const dir = await exportsDir(ctx);
  const stem = `pilot-report-${fileSlug(report.place)}-${report.generatedAt.slice(0, 10)}`;
  const htmlFile = path.join(dir, `${stem}.html`);
  await fsp.writeFile(htmlFile, report.html, 'utf8');
  const htmlMs = Math.round(performance.now() - started);

  let pdf: ReportResult['pdf'] = null;
  let pdfError: string | null = null;
  if (opts.pdf) {
    const pdfFile = path.join(dir, `${stem}.pdf`);
    try {
      await printToPdf(ctx, htmlFile, pdfFile);
      pdf = registerDownload(pdfFile, `${stem}.pdf`, 'application/pdf');
    } catch (e) {
      pdfError = e instanceof AppError ? e.message : `The PDF could not be made: ${(e as Error).message}`;
    }
  }

  let xlsx: ReportResult['xlsx'] = null;
  const csv: ReportResult['csv'] = [];
  if (opts.extracts && report.tables.length) {
    const xlsxFile = path.join(dir, `${stem}-tables.xlsx`);
    await writeXlsx(xlsxFile, report.tables, { title: `${report.place} pilot report tables`, creator: 'Total Place Workbench', created: ctx.now() });
    xlsx = registerDownload(xlsxFile, `${stem}-tables.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const csvDir = path.join(dir, 'csv');
    await fsp.mkdir(csvDir);
    for (const f of await writeCsvs(csvDir, report.tables)) csv.push(registerDownload(f.path, f.name, 'text/csv; charset=utf-8'));
  }

  const strip = (d: { name: string; urlPath: string; path: string }) => ({ name: d.name, urlPath: d.urlPath, path: d.path });
  return {
    html: strip(registerDownload(htmlFile, `${stem}.html`, 'text/html; charset=utf-8')),
    pdf: pdf && strip(pdf),
    pdfError,
    xlsx: xlsx && strip(xlsx),
    csv: csv.map(strip),
    sections: report.sections,
    withheld: report.withheld,
    generatedAt: report.generatedAt,
    htmlMs,
  };
}

/** Desktop only: opens a file this session generated with the system viewer (never an arbitrary path). */
export async function openGenerated(ctx: ServiceContext, urlPath: string): Promise<{ opened: true }> {
  const found = lookupDownload(urlPath.split('/').pop() ?? '');
  if (!found) throw new AppError('NOT_FOUND', 'That file is no longer available. Generate the report again.');
  if (!ctx.platform) throw new AppError('REFUSED', 'Opening files needs the desktop app; use the download link instead.');
  await ctx.platform.openPath(found.path);
  return { opened: true };
}
