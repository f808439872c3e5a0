import { z } from 'zod';
import { Marking, type SecurityMarking } from './marking';
import { Id, OptionalDate, OptionalText, RequiredText, type RecordMeta } from './common';

export const EVIDENCE_KINDS = [
  'spend_analysis',
  'performance_data',
  'citizen_journey',
  'citizen_interview',
  'citizen_story',
  'citizen_survey',
  'practitioner_view',
  'document',
  'observation',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  spend_analysis: 'Spend analysis',
  performance_data: 'Performance data',
  citizen_journey: 'Citizen insight — journey',
  citizen_interview: 'Citizen insight — interview',
  citizen_story: 'Citizen insight — story',
  citizen_survey: 'Citizen insight — survey',
  practitioner_view: 'Practitioner view',
  document: 'Document',
  observation: 'Observation',
};
/** Citizen-insight kinds give the citizen's perspective unless the user says otherwise. */
export const isCitizenKind = (k: EvidenceKind): boolean => k.startsWith('citizen_');

export const SENSITIVITIES = ['public', 'partners', 'team', 'personal'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
export const SENSITIVITY_LABELS: Record<Sensitivity, string> = {
  public: 'Public',
  partners: 'Partners',
  team: 'Team only',
  personal: 'Personal data',
};

/** Analysis of Competing Hypotheses ratings (Heuer): strongly consistent … strongly inconsistent, or not applicable. */
export const ACH_RATINGS = ['CC', 'C', 'N', 'I', 'II', 'NA'] as const;
export type AchRating = (typeof ACH_RATINGS)[number];
export const ACH_RATING_LABELS: Record<AchRating, string> = {
  CC: 'CC — strongly consistent',
  C: 'C — consistent',
  N: 'N — neutral',
  I: 'I — inconsistent',
  II: 'II — strongly inconsistent',
  NA: 'NA — not applicable',
};
export const LINK_WEIGHTS = ['high', 'medium', 'low'] as const;
export type LinkWeight = (typeof LINK_WEIGHTS)[number];
export const LINK_WEIGHT_LABELS: Record<LinkWeight, string> = { high: 'High', medium: 'Medium', low: 'Low' };

const Tag = z.string().trim().min(1).max(60, 'Keep each tag under 60 characters');
/** Tags: trimmed, blank ones dropped, duplicates (ignoring case) removed, at most 30. */
export const Tags = z
  .array(Tag)
  .max(30, 'Use at most 30 tags')
  .nullish()
  .transform((tags) => {
    const seen = new Set<string>();
    return (tags ?? []).filter((t) => {
      const k = t.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  });

const NullableId = Id.nullish().transform((v) => v ?? null);

export const EvidenceFields = {
  title: RequiredText('The title', 300),
  kind: z.enum(EVIDENCE_KINDS, { error: `Kind must be one of: ${EVIDENCE_KINDS.join(', ')}` }),
  summary: OptionalText(20000),
  source: OptionalText(1000),
  organisationId: NullableId,
  observedOn: OptionalDate,
  reportedOn: OptionalDate,
  collectedBy: OptionalText(200),
  sensitivity: z.enum(SENSITIVITIES, { error: `Sensitivity must be one of: ${SENSITIVITIES.join(', ')}` }),
  /** The security marking, shown beside the sensitivity (shared/domain/marking.ts). */
  marking: Marking,
  tags: Tags,
  citizenPerspective: z.boolean({ error: 'Say whether it gives the citizen’s perspective' }),
  themeId: NullableId,
};

/** New items: kind defaults to document, sensitivity to team only (the safe choice), citizen perspective to the kind's default. */
export const EvidenceInput = z
  .object({
    ...EvidenceFields,
    kind: EvidenceFields.kind.default('document'),
    sensitivity: EvidenceFields.sensitivity.default('team'),
    /** Left out: the pilot's default marking (IT's, where set). */
    marking: EvidenceFields.marking.optional(),
    citizenPerspective: EvidenceFields.citizenPerspective.optional(),
    /** Files already sent with upload (browser) or upload.fromPath (desktop). */
    uploadIds: z.array(Id).max(50, 'Attach at most 50 files at once').default([]),
  })
  .transform((v) => ({ ...v, citizenPerspective: v.citizenPerspective ?? isCitizenKind(v.kind) }));
export type EvidenceInput = z.input<typeof EvidenceInput>;

/** A stored item: the fields exactly as the input schema gives them (stated once, above), plus id, revision and times. */
export type EvidenceItem = RecordMeta & z.output<z.ZodObject<typeof EvidenceFields>> & {
  /** Names in the item were replaced by these labels (the names themselves are never kept here). */
  pseudonymised: PseudonymEntry[];
};

/** One pseudonymisation of an item: the label a name was replaced with, when and by whom. */
export interface PseudonymEntry {
  label: string;
  at: string;
  by: string;
}
export const PseudonymEntries = z.array(z.object({ label: z.string().max(100), at: z.string().max(40), by: z.string().max(200) })).max(500);

export interface EvidenceAttachment extends RecordMeta {
  evidenceId: string;
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
  /** Its own marking: a file may be marked higher than its item. */
  marking: SecurityMarking;
}

/** What reading an attachment's text came to: text, none in it (a scan), a kind we do not read, or a failure. */
export const TEXT_STATUSES = ['text', 'empty', 'unsupported', 'failed', 'timeout', 'too_large', 'pending'] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];
export const TEXT_STATUS_LABELS: Record<TextStatus, string> = {
  text: 'Text indexed',
  empty: 'No text found (a scan or picture?)',
  unsupported: 'Not a kind of file whose text is read',
  failed: 'The text could not be read',
  timeout: 'Reading the text took too long',
  too_large: 'Too large to read the text of',
  pending: 'Text not read yet',
};
export interface AttachmentTextState {
  status: TextStatus;
  detail: string | null;
  truncated: boolean;
}

export interface EvidenceLink extends RecordMeta {
  evidenceId: string;
  hypothesisId: string;
  rating: AchRating;
  /** Kept in step with credibility × relevance for older versions and scripts (see shared/calc/ach.ts). */
  weight: LinkWeight;
  credibility: LinkWeight;
  relevance: LinkWeight;
  note: string | null;
}

/** An item with what hangs off it: the detail page's data. */
export interface EvidenceDetail extends EvidenceItem {
  attachments: (EvidenceAttachment & { text: AttachmentTextState })[];
  links: (EvidenceLink & { hypothesisStatement: string })[];
}

/** The most items one page of the evidence list may hold; the UI pages through the rest. */
export const MAX_EVIDENCE_PAGE = 500;

/** What the evidence list may be sorted by (the server sorts: the list is paged). */
export const EVIDENCE_SORTS = ['added', 'title', 'kind', 'sensitivity', 'observed', 'updated', 'links', 'files'] as const;
export type EvidenceSort = (typeof EVIDENCE_SORTS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

export const EvidenceFilter = z
  .object({
    kind: z.enum(EVIDENCE_KINDS).optional(),
    sensitivity: z.enum(SENSITIVITIES).optional(),
    tag: z.string().trim().min(1).max(60).optional(),
    organisationId: Id.optional(),
    hypothesisId: Id.optional(),
    themeId: Id.optional(),
    citizenPerspective: z.boolean().optional(),
    /** Words to find (full-text search over title, summary, tags and attachment text). */
    text: z.string().trim().max(200).optional(),
    /** Without it: newest first (the order items were added in, latest first). */
    sort: z.enum(EVIDENCE_SORTS, { error: `Sort by one of ${EVIDENCE_SORTS.join(', ')}` }).optional(),
    /** Ascending unless given; blanks (no date observed) come last either way. */
    direction: z.enum(SORT_DIRECTIONS, { error: 'Direction is asc or desc' }).optional(),
    limit: z.number().int().min(1).max(MAX_EVIDENCE_PAGE).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 100, offset: 0 });

export interface EvidenceListRow {
  id: string;
  rev: string;
  title: string;
  kind: EvidenceKind;
  sensitivity: Sensitivity;
  marking: SecurityMarking;
  citizenPerspective: boolean;
  organisationId: string | null;
  observedOn: string | null;
  tags: string[];
  attachmentCount: number;
  linkCount: number;
  updatedAt: string;
}

export interface EvidencePage {
  total: number;
  offset: number;
  items: EvidenceListRow[];
}

export const LinkFields = {
  rating: z.enum(ACH_RATINGS, { error: `Rating must be one of ${ACH_RATINGS.join(', ')}` }),
  weight: z.enum(LINK_WEIGHTS, { error: 'Weight is high, medium or low' }),
  note: OptionalText(2000),
  /** Heuer's two judgements of an item, made per link: how far it can be believed, how much it bears on this hypothesis. */
  credibility: z.enum(LINK_WEIGHTS, { error: 'Credibility is high, medium or low' }),
  relevance: z.enum(LINK_WEIGHTS, { error: 'Relevance is high, medium or low' }),
};
/** A new link: credibility and relevance default to the weight given (medium), as links from older versions do. */
export const LinkInput = z.object({
  evidenceId: Id,
  hypothesisId: Id,
  rating: LinkFields.rating,
  weight: LinkFields.weight.default('medium'),
  credibility: LinkFields.credibility.optional(),
  relevance: LinkFields.relevance.optional(),
  note: LinkFields.note,
});
/** Re-rating a link in place (the matrix). Creates the link if the pair is not linked yet. */
export const RateInput = z.object({
  evidenceId: Id,
  hypothesisId: Id,
  rating: LinkFields.rating.nullable(),
  weight: LinkFields.weight.optional(),
  credibility: LinkFields.credibility.optional(),
  relevance: LinkFields.relevance.optional(),
  /** Rate one of the item's quotes instead of the item itself. */
  quoteId: Id.optional(),
});

export const SearchInput = z.object({
  query: z.string().trim().min(1, 'Type something to search for').max(200, 'Keep the search under 200 characters'),
  limit: z.number().int().min(1).max(200).default(25),
});
export interface SearchHit {
  evidenceId: string;
  title: string;
  kind: EvidenceKind;
  sensitivity: Sensitivity;
  citizenPerspective: boolean;
  /** Text with the matched words between SNIPPET_START and SNIPPET_END markers. */
  snippet: string;
  /** bm25 score: lower is a better match. */
  score: number;
}
/** Private-use characters mark highlights, so the UI can split on them instead of parsing HTML. */
export const SNIPPET_START = '\uE000';
export const SNIPPET_END = '\uE001';

/** The most rows one request for the matrix may ask for; the page asks for more in steps up to this. */
export const MAX_MATRIX_ROWS = 1000;

export const MatrixInput = z
  .object({
    themeId: Id.optional(),
    hypothesisIds: z.array(Id).max(500).optional(),
    sort: z.enum(['diagnosticity', 'recent', 'title']).default('diagnosticity'),
    hideNonDiagnostic: z.boolean().default(false),
    limit: z.number().int().min(1).max(MAX_MATRIX_ROWS).default(500),
  })
  .default({ sort: 'diagnosticity', hideNonDiagnostic: false, limit: 500 });

/** One cell of the matrix: the link's rating and Heuer's two judgements (weight is their combination). */
export interface MatrixCell {
  rating: AchRating;
  credibility: LinkWeight;
  relevance: LinkWeight;
  weight: LinkWeight;
}

/** A quote rated against hypotheses: a row of the matrix under its item. */
export interface MatrixQuoteRow {
  quoteId: string;
  text: string;
  speaker: string | null;
  citizenPerspective: boolean;
  diagnosticity: number;
  cells: Record<string, MatrixCell>;
}

export interface MatrixData {
  hypotheses: { id: string; statement: string; status: string; inconsistency: number; consistentCount: number; inconsistentCount: number; indicators?: string | null }[];
  rows: {
    evidenceId: string;
    title: string;
    kind: EvidenceKind;
    citizenPerspective: boolean;
    diagnosticity: number;
    /** hypothesisId → the link's rating, credibility, relevance and weight. */
    cells: Record<string, MatrixCell>;
    /** The item's quotes that are rated against any hypothesis, under it. */
    quotes: MatrixQuoteRow[];
  }[];
  /** Items linked to these hypotheses in total (rows may be fewer: the limit, hidden items). */
  totalRows: number;
}

export interface CoverageRow {
  hypothesisId: string;
  evidenceCount: number;
  citizenCount: number;
  supportingCount: number;
  contradictingCount: number;
}

export interface HypothesisEvidenceRow {
  evidenceId: string;
  title: string;
  kind: string;
  citizenPerspective: boolean;
  sensitivity: string;
  rating: AchRating;
  weight: LinkWeight;
  credibility: LinkWeight;
  relevance: LinkWeight;
  note: string | null;
  summary: string | null;
}
