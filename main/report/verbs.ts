import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { REPORT_SECTION_IDS, SECURITY_MARKINGS, type ReportSectionId, type SecurityMarking } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { list, str, table, unwrap, UsageError, type Verb, type VerbArgs } from '../cli/io';

function outPath(args: VerbArgs): string {
  const out = str(args, 'out') ?? str(args, 'o') ?? str(args, 'output');
  if (!out) throw new UsageError('Say where to write the report: -o <file.html|file.pdf|file.docx>');
  const ext = path.extname(out).toLowerCase();
  if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf' && ext !== '.docx') throw new UsageError('The report file must end in .html, .pdf or .docx');
  return path.resolve(out);
}

/** The marking asked for, or none (then the report takes this machine's default: see generateReport). */
function markingOf(args: VerbArgs): SecurityMarking | undefined {
  const given = str(args, 'marking');
  if (given === undefined) return undefined;
  const m = given.toUpperCase().replace(/[_ ]/g, '-');
  if (!(SECURITY_MARKINGS as readonly string[]).includes(m)) throw new UsageError(`The marking must be ${SECURITY_MARKINGS.join(' or ')}`);
  return m as SecurityMarking;
}

export const reportVerb: Verb = {
  words: ['report'],
  usage: `tpw report -o <file.html|file.pdf|file.docx> [--marking OFFICIAL|OFFICIAL-SENSITIVE] [--sections ${REPORT_SECTION_IDS.join(',')}] [--include-team] [--include-personal] [--xlsx <file>] [--csv-dir <folder>] [--zip <file>] [--redact <name>…]`,
  summary: 'Write the pilot report as HTML, PDF (Chromium headless) or Word, with optional XLSX/CSV extracts; each report is kept as a numbered version',
  options: {
    o: { type: 'string' },
    out: { type: 'string' },
    output: { type: 'string' },
    sections: { type: 'string' },
    'include-team': { type: 'boolean' },
    'include-personal': { type: 'boolean' },
    xlsx: { type: 'string' },
    'csv-dir': { type: 'string' },
    zip: { type: 'string' },
    marking: { type: 'string' },
    redact: { type: 'string', multiple: true },
  },
  needsDb: true,
  async run(args, wb) {
    const out = outPath(args);
    const marking = markingOf(args);
    const wantPdf = out.toLowerCase().endsWith('.pdf');
    const wantDocx = out.toLowerCase().endsWith('.docx');
    const format = wantPdf ? 'pdf' : wantDocx ? 'docx' : 'html';
    const sectionsText = str(args, 'sections');
    const sections = sectionsText ? sectionsText.split(',').map((s) => s.trim()).filter(Boolean) : [...REPORT_SECTION_IDS];
    const unknown = sections.filter((s) => !(REPORT_SECTION_IDS as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`Unknown section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Sections: ${REPORT_SECTION_IDS.join(', ')}`);
    const xlsxOut = str(args, 'xlsx');
    const csvDir = str(args, 'csv-dir');
    const zipOut = str(args, 'zip');
    const r = unwrap(
      await wb!.dispatch('report.generate', {
        sections: sections as ReportSectionId[],
        includeTeam: args.values['include-team'] === true,
        includePersonal: args.values['include-personal'] === true,
        pdf: wantPdf,
        docx: wantDocx,
        marking,
        redact: list(args, 'redact'),
        extracts: Boolean(xlsxOut || csvDir || zipOut),
      }),
    );
    const tmp = path.dirname(r.html.path);
    try {
      if (wantPdf && !r.pdf) throw new AppError('REFUSED', r.pdfError ?? 'The PDF could not be made.');
      await fsp.mkdir(path.dirname(out), { recursive: true });
      await fsp.copyFile(wantPdf ? r.pdf!.path : wantDocx ? r.docx!.path : r.html.path, out);
      const written = [out];
      if (zipOut && r.zip) {
        await fsp.copyFile(r.zip.path, path.resolve(zipOut));
        written.push(path.resolve(zipOut));
      }
      if (xlsxOut && r.xlsx) {
        await fsp.copyFile(r.xlsx.path, path.resolve(xlsxOut));
        written.push(path.resolve(xlsxOut));
      }
      if (csvDir) {
        await fsp.mkdir(path.resolve(csvDir), { recursive: true });
        for (const c of r.csv) {
          await fsp.copyFile(c.path, path.join(path.resolve(csvDir), c.name));
          written.push(path.join(path.resolve(csvDir), c.name));
        }
      }
      const bytes = fs.statSync(out).size;
      return {
        json: { file: out, format, bytes, sections: r.sections, withheld: r.withheld, files: written, generatedAt: r.generatedAt, version: r.version.version, marking: r.version.marking, sha256: r.version.files.find((f) => f.format === format)?.sha256 ?? null },
        text:
          `Wrote version ${r.version.version} of the pilot report (${r.version.marking}) to ${out} (${Math.ceil(bytes / 1024)} KB; sections: ${r.sections.join(', ')})` +
          (r.withheld.team + r.withheld.personal ? `\nLeft out under the sensitivity rules: ${r.withheld.team} team-only, ${r.withheld.personal} personal` : '') +
          (written.length > 1 ? `\nAlso wrote: ${written.slice(1).join(', ')}` : ''),
      };
    } finally {
      // The copies are what the user asked for; the staging folder is not kept.
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  },
};

/** The reports generated so far: what went out, when, by whom, how it was marked, and its hash. */
export const reportVersionsVerb: Verb = {
  words: ['report', 'versions'],
  usage: 'tpw report versions [--json]',
  summary: 'List every generated report: version, when, by whom, marking, sections and the SHA-256 of each file',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const versions = unwrap(await wb!.dispatch('report.versions', {}));
    return {
      json: versions,
      text: versions.length
        ? table(
            ['Version', 'Generated', 'By', 'Marking', 'Files', 'SHA-256 (HTML)'],
            versions.map((v) => [v.version, v.generatedAt.slice(0, 16).replace('T', ' '), v.generatedBy, v.marking, v.files.map((f) => f.format).join(', '), v.sha256.slice(0, 16)]),
          )
        : 'No report has been generated yet.',
    };
  },
};

export const reportVerbs: Verb[] = [reportVersionsVerb, reportVerb];
