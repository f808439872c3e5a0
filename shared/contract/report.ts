import { z } from 'zod';
import { ReportOptions, type ReportResult, type ReportSectionInfo } from '../domain/report';
import { query } from './define';

// The pilot report and its extracts.
export const reportContract = {
  'report.sections': query<ReportSectionInfo[]>()(z.object({}).default({})),
  /** Writes the report (HTML, and PDF and extracts when asked) and registers them as downloads. */
  'report.generate': query<ReportResult>()(ReportOptions),
  /** Desktop: opens a generated file (by its download path) in the system viewer. */
  'report.open': query<{ opened: true }>()(
    z.object({ urlPath: z.string().regex(/^\/files\/download\/[0-9a-f-]{36}$/, 'Not a generated file of this session') }),
  ),
};
