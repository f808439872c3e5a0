import { z } from 'zod';

/** The pilot report's sections, in their default order. */
export const REPORT_SECTION_IDS = ['question', 'hypotheses', 'spend', 'savings', 'learning', 'actions', 'benefits'] as const;
export type ReportSectionId = (typeof REPORT_SECTION_IDS)[number];

export interface ReportSectionInfo {
  id: ReportSectionId;
  title: string;
  /** False when the capability it draws on is not in this version, or there is nothing to report. */
  available: boolean;
  /** Why it is unavailable, in plain English. */
  reason: string | null;
}

export const ReportOptions = z.object({
  /** Included sections in the order they appear; unavailable ones are left out with a note. */
  sections: z
    .array(z.enum(REPORT_SECTION_IDS, { error: 'Unknown report section' }))
    .min(1, 'Choose at least one section')
    .refine((s) => new Set(s).size === s.length, 'A section can appear only once')
    .default([...REPORT_SECTION_IDS]),
  /** Team-only content is left out unless chosen. */
  includeTeam: z.boolean().default(false),
  /** Personal data never goes into a report unless explicitly chosen. */
  includePersonal: z.boolean().default(false),
  pdf: z.boolean().default(true),
  extracts: z.boolean().default(true),
});
export type ReportOptions = z.output<typeof ReportOptions>;

export interface GeneratedFile {
  name: string;
  /** Browser mode: fetch from here (add the session token). */
  urlPath: string;
  /** Desktop and CLI: where it is on disk. */
  path: string;
}

export interface ReportResult {
  html: GeneratedFile;
  pdf: GeneratedFile | null;
  /** Why the PDF could not be made (e.g. no Chromium), when asked for and missing. */
  pdfError: string | null;
  xlsx: GeneratedFile | null;
  csv: GeneratedFile[];
  /** Sections actually in the report, in order. */
  sections: ReportSectionId[];
  /** Records held back by the sensitivity rules, per level. */
  withheld: { team: number; personal: number };
  generatedAt: string;
  htmlMs: number;
}

/* ---------- The dashboard ---------- */

export interface DashboardSummary {
  hypothesesByStatus: Record<string, number>;
  hypothesisCount: number;
  /** null when the evidence capability is not in this version. */
  evidence: {
    noEvidence: { id: string; statement: string }[];
    noCitizen: { id: string; statement: string }[];
  } | null;
  savings: {
    interventionCount: number;
    pessimisticNpv: number;
    centralNpv: number;
    optimisticNpv: number;
    p10: number | null;
    p90: number | null;
  } | null;
  spend: {
    totalPence: number;
    byAgency: { organisation: string; totalPence: number }[];
    years: string[];
  } | null;
  actions: {
    open: number;
    overdue: { id: string; title: string; dueDate: string | null; owner: string | null; organisationName: string | null }[];
  };
  recentLearning: { id: string; title: string; kind: string; occurredOn: string }[];
  learningCount: number;
  benefits: { count: number; fullYearPence: number; realisedToDatePence: number };
}
