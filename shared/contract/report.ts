import { z } from 'zod';
import { Id } from '../domain/common';
import { NarrativeSave, ReportOptions, type GeneratedFile, type Narrative, type ReportResult, type ReportSectionInfo, type ReportMarkingFloor, type ReportVersion, type ReportVersionFile } from '../domain/report';
import { command, query } from './define';

// The pilot report: its narrative, the generated versions, the files.
export const reportContract = {
  'report.sections': query<ReportSectionInfo[]>()(z.object({}).default({})),
  /** The marking a report with these sensitivity choices must carry at least (the highest of what it could contain). */
  'report.markingFloor': query<ReportMarkingFloor>()(z.object({ includeTeam: z.boolean().default(false), includePersonal: z.boolean().default(false) })),
  /**
   * Writes the report (HTML, and PDF, Word and extracts when asked), registers them as downloads and
   * keeps them as the next numbered version (a command: the version and its files are kept).
   */
  'report.generate': command<ReportResult>()(ReportOptions),
  /** Desktop: opens a generated file (by its download path) in the system viewer. */
  'report.open': query<{ opened: true }>()(
    z.object({ urlPath: z.string().regex(/^\/files\/download\/[0-9a-f-]{36}$/, 'Not a generated file of this session') }),
  ),
  /** Every report generated so far, newest first: when, by whom, sections, marking, hashes. */
  'report.versions': query<ReportVersion[]>()(z.object({}).default({})),
  /** A kept version's files, made available again (verified against their hashes). */
  'report.versionFiles': query<{ version: ReportVersion; files: (GeneratedFile & { format: ReportVersionFile['format'] })[] }>()(z.object({ id: Id })),
  /** The executive summary, introduction and commentaries written so far. */
  'narrative.list': query<Narrative[]>()(z.object({}).default({})),
  /** Saves one piece of narrative at the revision it was started from (a stale save is refused). */
  'narrative.save': command<Narrative>()(NarrativeSave),
};
