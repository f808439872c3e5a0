import { z } from 'zod';
import { Id, Rev } from './common';
import { SECURITY_MARKINGS, type SecurityMarking } from './marking';
import { RedactTerms, type RedactionEntry } from './sharing';

/** The pilot report's sections, in their default order. */
export const REPORT_SECTION_IDS = ['question', 'hypotheses', 'spend', 'savings', 'learning', 'conclusions', 'actions', 'benefits', 'appendix'] as const;
export type ReportSectionId = (typeof REPORT_SECTION_IDS)[number];

/**
 * Government Security Classifications (shared/domain/marking.ts): the report is printed with one in
 * the header and footer of every page (HTML, PDF and Word), never lower than what it contains.
 */
export { SECURITY_MARKINGS, type SecurityMarking } from './marking';

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
  /** A Word document (.docx) as well, for teams that finish the report in Word. */
  docx: z.boolean().default(false),
  extracts: z.boolean().default(true),
  /**
   * Left out: the highest marking of what the report contains, and at least the default IT set for
   * this machine (central policy). A lower marking than its content's is raised, never kept.
   */
  marking: z.enum(SECURITY_MARKINGS, { error: 'Choose OFFICIAL or OFFICIAL-SENSITIVE' }).optional(),
  /** Names and identifiers replaced by labels ("[Person A]") in every file of the report. */
  redact: RedactTerms.optional(),
});

/** The marking a report must carry at least: the highest of what it could contain. */
export interface ReportMarkingFloor {
  marking: SecurityMarking;
  /** Items, quotes and attachments marked that high that the report could contain. */
  count: number;
}
/** What a caller asks for (the marking may be left to the default). */
export type ReportRequest = z.output<typeof ReportOptions>;
/** The options a report is written with: the marking decided. */
export type ReportOptions = Omit<ReportRequest, 'marking'> & { marking: SecurityMarking };

export interface GeneratedFile {
  name: string;
  /** Browser mode: fetch from here (add the session token). */
  urlPath: string;
  /** Desktop and CLI: where it is on disk. Left out of every result sent to a browser (main/api/browserResults.ts). */
  path: string;
}

export interface ReportResult {
  html: GeneratedFile;
  pdf: GeneratedFile | null;
  /** Why the PDF could not be made (e.g. no Chromium), when asked for and missing. */
  pdfError: string | null;
  xlsx: GeneratedFile | null;
  csv: GeneratedFile[];
  /** Word, when asked for. */
  docx: GeneratedFile | null;
  /** Every extract in one file: a CSV per table and the XLSX workbook. */
  zip: GeneratedFile | null;
  /** Sections actually in the report, in order. */
  sections: ReportSectionId[];
  /** Records held back by the sensitivity rules, per level (each record counted once). */
  withheld: { team: number; personal: number };
  generatedAt: string;
  htmlMs: number;
  /** The entry this report has in the list of generated versions. */
  version: ReportVersion;
}

/** One file of a generated report version, kept (content-addressed) so it can be downloaded again. */
export interface ReportVersionFile {
  format: 'html' | 'pdf' | 'docx' | 'xlsx' | 'zip';
  name: string;
  sha256: string;
  size: number;
}

/** A generated report as it went out: when, by whom, what it held, how it was marked, and its files. */
export interface ReportVersion {
  id: string;
  /** 1, 2, 3 … in the order they were generated; printed on every page as "Version n". */
  version: number;
  generatedAt: string;
  generatedBy: string;
  marking: SecurityMarking;
  sections: string[];
  includeTeam: boolean;
  includePersonal: boolean;
  withheld: { team: number; personal: number };
  /** Names redacted as it was written: each label and how many times (never the names). */
  redactions: RedactionEntry[];
  /** SHA-256 of the HTML report: what the version is identified by. */
  sha256: string;
  files: ReportVersionFile[];
}

/* ---------- The report's narrative ---------- */

/** Where a piece of narrative goes: the executive summary, the introduction, a section's or a hypothesis's commentary. */
export const NARRATIVE_KINDS = ['summary', 'introduction', 'section', 'hypothesis'] as const;
export type NarrativeKind = (typeof NARRATIVE_KINDS)[number];

/** Long enough for a full executive summary; a report is not a book. */
export const NARRATIVE_MAX_CHARS = 50_000;

export const NarrativeFields = {
  kind: z.enum(NARRATIVE_KINDS, { error: 'Unknown kind of narrative' }),
  sectionId: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/, 'Not a report section'),
  hypothesisId: Id,
  body: z.string().max(NARRATIVE_MAX_CHARS, `Keep it under ${NARRATIVE_MAX_CHARS.toLocaleString('en-GB')} characters`),
};

export const NarrativeSlot = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('summary') }),
  z.object({ kind: z.literal('introduction') }),
  z.object({ kind: z.literal('section'), sectionId: z.enum(REPORT_SECTION_IDS, { error: 'Unknown report section' }) }),
  z.object({ kind: z.literal('hypothesis'), hypothesisId: Id }),
]);
export type NarrativeSlot = z.output<typeof NarrativeSlot>;

/**
 * Saving a piece of narrative: `rev` is the revision the writer started from (null when there was
 * none), so an edit made meanwhile by someone else is refused rather than overwritten.
 */
export const NarrativeSave = z.object({
  slot: NarrativeSlot,
  body: NarrativeFields.body.transform((s) => s.replace(/\r\n?/g, '\n').replace(/\s+$/, '')),
  rev: Rev.nullable().default(null),
});

export interface Narrative {
  id: string;
  rev: string;
  kind: NarrativeKind;
  sectionId: string | null;
  hypothesisId: string | null;
  body: string;
  updatedAt: string;
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
    /** The financial year shown first: the latest that has ended and has spend (else the latest with spend). */
    year: string | null;
    years: string[];
    /** Each year on its own (never added across years), for the year picker. */
    byYear: { year: string; complete: boolean; totalPence: number; byAgency: { organisation: string; totalPence: number }[] }[];
    /** The year shown first's total and agencies. */
    totalPence: number;
    byAgency: { organisation: string; totalPence: number }[];
  } | null;
  actions: {
    open: number;
    overdue: { id: string; title: string; dueDate: string | null; owner: string | null; organisationName: string | null }[];
  };
  recentLearning: { id: string; title: string; kind: string; occurredOn: string }[];
  learningCount: number;
  benefits: { count: number; fullYearPence: number; realisedToDatePence: number };
}
