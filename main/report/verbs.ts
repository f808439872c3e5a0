import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { REPORT_SECTION_IDS, type ReportSectionId } from '../../shared/domain/report';
import { AppError } from '../../shared/errors';
import { str, unwrap, UsageError, type Verb, type VerbArgs } from '../cli/io';

function outPath(args: VerbArgs): string {
  const out = str(args, 'out') ?? str(args, 'o') ?? str(args, 'output');
  if (!out) throw new UsageError('Say where to write the report: -o <file.html|file.pdf>');
  const ext = path.extname(out).toLowerCase();
  if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') throw new UsageError('The report file must end in .html or .pdf');
  return path.resolve(out);
}

export const reportVerb: Verb = {
  words: ['report'],
  usage: `tpw report -o <file.html|file.pdf> [--sections ${REPORT_SECTION_IDS.join(',')}] [--include-team] [--include-personal] [--xlsx <file>] [--csv-dir <folder>]`,
  summary: 'Write the pilot report as HTML or PDF (Chromium headless), with optional XLSX/CSV extracts of its tables',
  options: {
    o: { type: 'string' },
    out: { type: 'string' },
    output: { type: 'string' },
    sections: { type: 'string' },
    'include-team': { type: 'boolean' },
    'include-personal': { type: 'boolean' },
    xlsx: { type: 'string' },
    'csv-dir': { type: 'string' },
  },
  needsDb: true,
  async run(args, wb) {
    const out = outPath(args);
    const wantPdf = out.toLowerCase().endsWith('.pdf');
    const sectionsText = str(args, 'sections');
    const sections = sectionsText ? sectionsText.split(',').map((s) => s.trim()).filter(Boolean) : [...REPORT_SECTION_IDS];
    const unknown = sections.filter((s) => !(REPORT_SECTION_IDS as readonly string[]).includes(s));
    if (unknown.length) throw new UsageError(`Unknown section${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Sections: ${REPORT_SECTION_IDS.join(', ')}`);
    const xlsxOut = str(args, 'xlsx');
    const csvDir = str(args, 'csv-dir');
    const r = unwrap(
      await wb!.dispatch('report.generate', {
        sections: sections as ReportSectionId[],
        includeTeam: args.values['include-team'] === true,
        includePersonal: args.values['include-personal'] === true,
        pdf: wantPdf,
        extracts: Boolean(xlsxOut || csvDir),
      }),
    );
    const tmp = path.dirname(r.html.path);
    try {
      if (wantPdf && !r.pdf) throw new AppError('REFUSED', r.pdfError ?? 'The PDF could not be made.');
      await fsp.mkdir(path.dirname(out), { recursive: true });
      await fsp.copyFile(wantPdf ? r.pdf!.path : r.html.path, out);
      const written = [out];
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
        json: { file: out, format: wantPdf ? 'pdf' : 'html', bytes, sections: r.sections, withheld: r.withheld, files: written, generatedAt: r.generatedAt },
        text:
          `Wrote the pilot report to ${out} (${Math.ceil(bytes / 1024)} KB; sections: ${r.sections.join(', ')})` +
          (r.withheld.team + r.withheld.personal ? `\nLeft out under the sensitivity rules: ${r.withheld.team} team-only, ${r.withheld.personal} personal` : '') +
          (written.length > 1 ? `\nAlso wrote: ${written.slice(1).join(', ')}` : ''),
      };
    } finally {
      // The copies are what the user asked for; the staging folder is not kept.
      await fsp.rm(tmp, { recursive: true, force: true });
    }
  },
};

export const reportVerbs: Verb[] = [reportVerb];
