/**
 * The pilot report: the team's executive summary and introduction, then the chosen sections in the
 * chosen order (each with the team's commentary), rendered from the services' data with the
 * sensitivity rules applied (public and partners always; team only and personal data only when the
 * user chose them), written as self-contained HTML, and — when asked — as a tagged PDF, a Word
 * document and CSV/XLSX extracts (also as one ZIP). Every generated report is kept as a numbered
 * version (see versions.ts).
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import { formatDate, localToday } from '../../shared/calc/timetable';
import type { ReportMarkingFloor, ReportOptions, ReportRequest, ReportResult, ReportSectionId, ReportSectionInfo, ReportVersionFile } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { makeRedactor, type Redactor } from '../../shared/calc/redaction';
import { highestMarking } from '../../shared/domain/marking';
import type { Sensitivity } from '../../shared/domain/evidence';
import type { RedactionEntry } from '../../shared/domain/sharing';
import { highestEvidenceMarking } from '../evidence/queries';
import { currentActor, type ServiceContext } from '../core/context';
import { exportsDir, lookupDownload, registerDownload } from '../core/transfers';
import { getPilot } from '../pilot/queries';
import { reportDocument } from './document';
import { fileSlug, writeCsvs, writeXlsx } from './extracts';
import { html, type SafeHtml } from './html';
import { MONEY_NOTE } from './money';
import { narrativeHtml, commentary } from './narrativeHtml';
import { narrativeKey, narrativesBySlot } from './narratives';
import { printToPdf } from './pdf';
import { REPORT_SECTIONS, sectionById } from './registry';
import { ALWAYS_ALLOWED, type ExtractTable, type HeldLevel, type RenderContext } from './types';
import { abandonVersion, completeVersion, mediaType, reserveVersion } from './versions';
import { writeZip } from './zip';

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
  actor: string;
  /** Milliseconds each section took to render (for the benchmark). */
  timings: Partial<Record<ReportSectionId, number>>;
}

/** The render context: what may appear, what was held back (each record once), the narrative, figure numbers. */
function renderContext(ctx: ServiceContext, opts: ReportOptions, narratives: Map<string, string>, tables: ExtractTable[]): RenderContext {
  const allowed = new Set<string>([...ALWAYS_ALLOWED, ...(opts.includeTeam ? ['team'] : []), ...(opts.includePersonal ? ['personal'] : [])]);
  const held: Record<HeldLevel, Set<string>> = { team: new Set(), personal: new Set() };
  let figures = 0;
  const rc: RenderContext = {
    ctx,
    opts,
    today: localToday(ctx.now()),
    allows: (s) => allowed.has(s),
    withheld: { team: 0, personal: 0 },
    visible(items, key) {
      return items.filter((x) => {
        if (allowed.has(x.sensitivity)) return true;
        if (x.sensitivity === 'team' || x.sensitivity === 'personal') {
          held[x.sensitivity].add(key(x));
          rc.withheld[x.sensitivity] = held[x.sensitivity].size;
        }
        return false;
      });
    },
    narrative: (key) => narratives.get(key) ?? null,
    nextFigure: () => ++figures,
    tables,
  };
  return rc;
}

export async function renderReport(ctx: ServiceContext, opts: ReportOptions, version = 0): Promise<RenderedReport> {
  const pilot = await getPilot(ctx);
  if (!pilot) throw new AppError('REFUSED', 'Set up the pilot (its place and question) before writing the report.');
  const generatedAt = ctx.now().toISOString();
  const narratives = await narrativesBySlot(ctx);
  const tables: ExtractTable[] = [];
  const rc = renderContext(ctx, opts, narratives, tables);

  const bodies = new Map<ReportSectionId, SafeHtml>();
  const skipped: string[] = [];
  const timings: Partial<Record<ReportSectionId, number>> = {};
  // The appendix sets out the other sections' tables, so it is rendered after them wherever it is placed.
  const order = [...opts.sections.filter((id) => id !== 'appendix'), ...opts.sections.filter((id) => id === 'appendix')];
  for (const id of order) {
    const section = sectionById(id);
    const reason = await section.unavailable(ctx);
    if (reason) {
      skipped.push(`${section.title} (${reason.replace(/\.$/, '')})`);
      continue;
    }
    const t = performance.now();
    const out = await section.render(rc);
    timings[id] = Math.round(performance.now() - t);
    bodies.set(id, html`${commentary(rc.narrative(narrativeKey({ kind: 'section', sectionId: id })), 3)}${out.html}`);
    tables.push(...out.tables);
  }
  const rendered = opts.sections.filter((id) => bodies.has(id)).map((id) => ({ id, title: sectionById(id).title, body: bodies.get(id)! }));

  const levels = ['public', 'partners', ...(opts.includeTeam ? ['team-only'] : []), ...(opts.includePersonal ? ['personal-data'] : [])];
  const held = [
    rc.withheld.team ? `${rc.withheld.team} team-only item${rc.withheld.team === 1 ? '' : 's'}` : '',
    rc.withheld.personal ? `${rc.withheld.personal} item${rc.withheld.personal === 1 ? '' : 's'} of personal data` : '',
  ].filter(Boolean);
  const about = html`
    <p>This report includes ${levels.join(', ').replace(/, ([^,]*)$/, ' and $1')} material.
      ${held.length ? `Left out under the sensitivity rules: ${held.join(' and ')}.` : ''}
      Wherever something is left out, the report says so where it would have counted.</p>
    ${opts.includePersonal ? html`<p><strong>This report contains personal data by explicit choice. Handle and share it accordingly.</strong></p>` : ''}
    <p>${MONEY_NOTE}</p>
    ${skipped.length ? html`<p>Not included: ${skipped.join('; ')}.</p>` : ''}`;

  const summary = narratives.get('summary');
  const introduction = narratives.get('introduction');
  const actor = await currentActor(ctx);
  const doc = reportDocument({
    place: pilot.place,
    question: pilot.question,
    reportDeadline: pilot.reportDeadline,
    generatedAt,
    actor,
    marking: opts.marking,
    version,
    summary: summary ? narrativeHtml(summary, 3) : null,
    introduction: introduction ? narrativeHtml(introduction, 3) : null,
    sections: rendered,
    about,
  });
  return { html: doc, tables, sections: rendered.map((r) => r.id), withheld: { ...rc.withheld }, generatedAt, place: pilot.place, actor, timings };
}

/** The sensitivity levels a report with these options shows. */
const shownLevels = (o: { includeTeam: boolean; includePersonal: boolean }): Sensitivity[] => [...ALWAYS_ALLOWED, ...(o.includeTeam ? (['team'] as const) : []), ...(o.includePersonal ? (['personal'] as const) : [])];

/** The marking a report with these options must carry at least: the highest of what it could contain. */
export async function reportMarkingFloor(ctx: ServiceContext, o: { includeTeam: boolean; includePersonal: boolean }): Promise<ReportMarkingFloor> {
  return highestEvidenceMarking(ctx, shownLevels(o));
}

export async function generateReport(ctx: ServiceContext, request: ReportRequest): Promise<ReportResult> {
  const started = performance.now();
  // The marking is the highest of: the one chosen (else IT's default for this machine, else
  // OFFICIAL) and that of anything the report could contain — never lower than its content.
  const floor = await reportMarkingFloor(ctx, request);
  const opts: ReportOptions = { ...request, marking: highestMarking([request.marking ?? ctx.policy?.defaultSecurityMarking, floor.marking]) };
  if (!(await getPilot(ctx))) throw new AppError('REFUSED', 'Set up the pilot (its place and question) before writing the report.');
  const reserved = await reserveVersion(ctx, {
    generatedAt: ctx.now().toISOString(),
    generatedBy: await currentActor(ctx),
    marking: opts.marking,
    includeTeam: opts.includeTeam,
    includePersonal: opts.includePersonal,
  });
  try {
    return await writeReport(ctx, opts, reserved, started);
  } catch (e) {
    await abandonVersion(ctx, reserved.id);
    throw e;
  }
}

async function writeReport(ctx: ServiceContext, opts: ReportOptions, reserved: { id: string; version: number }, started: number): Promise<ReportResult> {
  const report = redactReport(await renderReport(ctx, opts, reserved.version), makeRedactor(opts.redact ?? []));
  const dir = await exportsDir(ctx);
  const stem = `pilot-report-${fileSlug(report.place)}-${report.generatedAt.slice(0, 10)}-v${reserved.version}`;
  const kept: { format: ReportVersionFile['format']; name: string; path: string }[] = [];
  const made = (format: ReportVersionFile['format'], name: string, file: string) => {
    kept.push({ format, name, path: file });
    return registerDownload(file, name, mediaType(format));
  };

  const htmlFile = path.join(dir, `${stem}.html`);
  await fsp.writeFile(htmlFile, report.html, { encoding: 'utf8', mode: 0o600 });
  const htmlDownload = made('html', `${stem}.html`, htmlFile);
  const htmlMs = Math.round(performance.now() - started);

  let pdf: ReportResult['pdf'] = null;
  let pdfError: string | null = null;
  if (opts.pdf) {
    const pdfFile = path.join(dir, `${stem}.pdf`);
    try {
      await printToPdf(ctx, htmlFile, pdfFile);
      pdf = made('pdf', `${stem}.pdf`, pdfFile);
    } catch (e) {
      pdfError = e instanceof AppError ? e.message : `The PDF could not be made: ${(e as Error).message}`;
    }
  }

  let docx: ReportResult['docx'] = null;
  if (opts.docx) {
    const docxFile = path.join(dir, `${stem}.docx`);
    const date = formatDate(report.generatedAt.slice(0, 10));
    // The Word writer (docx, htmlparser2) loads only when a document is made, not with every command.
    const { htmlToDocx } = await import('./docx');
    const bytes = await htmlToDocx(report.html, {
      title: `${report.place}: Total Place pilot report`,
      description: `Total Place pilot report for ${report.place}, version ${reserved.version}, ${date}. ${opts.marking}.`,
      creator: report.actor,
      marking: opts.marking,
      versionLine: `${report.place} pilot report · Version ${reserved.version} · ${date}`,
    });
    await fsp.writeFile(docxFile, bytes, { mode: 0o600 });
    docx = made('docx', `${stem}.docx`, docxFile);
  }

  let xlsx: ReportResult['xlsx'] = null;
  let zip: ReportResult['zip'] = null;
  const csv: ReportResult['csv'] = [];
  if (opts.extracts && report.tables.length) {
    const xlsxFile = path.join(dir, `${stem}-tables.xlsx`);
    await writeXlsx(xlsxFile, report.tables, { title: `${report.place} pilot report tables`, creator: 'Total Place Workbench', created: ctx.now(), marking: opts.marking });
    xlsx = made('xlsx', `${stem}-tables.xlsx`, xlsxFile);
    const csvDir = path.join(dir, 'csv');
    await fsp.mkdir(csvDir);
    const csvFiles = await writeCsvs(csvDir, report.tables, opts.marking);
    for (const f of csvFiles) csv.push(registerDownload(f.path, f.name, 'text/csv; charset=utf-8'));
    const zipFile = path.join(dir, `${stem}-extracts.zip`);
    await writeZip(zipFile, [...csvFiles, { name: `${stem}-tables.xlsx`, path: xlsxFile }], ctx.now());
    zip = made('zip', `${stem}-extracts.zip`, zipFile);
  }

  const version = await completeVersion(ctx, reserved.id, { sections: report.sections, withheld: report.withheld, files: kept, redactions: report.redactions });
  const strip = (d: { name: string; urlPath: string; path: string } | null) => d && { name: d.name, urlPath: d.urlPath, path: d.path };
  return {
    html: strip(htmlDownload)!,
    pdf: strip(pdf),
    pdfError,
    docx: strip(docx),
    xlsx: strip(xlsx),
    zip: strip(zip),
    csv: csv.map((c) => strip(c)!),
    sections: report.sections,
    withheld: report.withheld,
    generatedAt: report.generatedAt,
    htmlMs,
    version,
  };
}

/**
 * Names redacted from everything the report's files are made from: the HTML (the PDF and Word
 * document are made from it) and the tables (CSV, XLSX). The place and the author, printed on
 * every page, are left as they are.
 */
function redactReport(report: RenderedReport, r: Redactor): RenderedReport & { redactions: RedactionEntry[] } {
  if (!r.active) return { ...report, redactions: [] };
  const html = r.html(report.html);
  const tables = report.tables.map((t) => ({ ...t, rows: t.rows.map((row) => row.map((c) => (typeof c === 'string' ? r.text(c) : c))) }));
  return { ...report, html, tables, redactions: r.entries() };
}

/** Desktop only: opens a file this session generated with the system viewer (never an arbitrary path). */
export async function openGenerated(ctx: ServiceContext, urlPath: string): Promise<{ opened: true }> {
  const found = lookupDownload(urlPath.split('/').pop() ?? '');
  if (!found) throw new AppError('NOT_FOUND', 'That file is no longer available. Generate the report again.');
  if (!ctx.platform) throw new AppError('REFUSED', 'Opening files needs the desktop app; use the download link instead.');
  await ctx.platform.openPath(found.path);
  return { opened: true };
}
