import { z } from 'zod';
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
    citizenPerspective: EvidenceFields.citizenPerspective.optional(),
    /** Files already sent with upload (browser) or upload.fromPath (desktop). */
    uploadIds: z.array(Id).max(50, 'Attach at most 50 files at once').default([]),
  })
  .transform((v) => ({ ...v, citizenPerspective: v.citizenPerspective ?? isCitizenKind(v.kind) }));
export type EvidenceInput = z.input<typeof EvidenceInput>;

/** A stored item: the fields exactly as the input schema gives them (stated once, above), plus id, revision and times. */
export type EvidenceItem = RecordMeta & z.output<z.ZodObject<typeof EvidenceFields>>;

export interface EvidenceAttachment extends RecordMeta {
  evidenceId: string;
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
}

export interface EvidenceLink extends RecordMeta {
  evidenceId: string;
  hypothesisId: string;
  rating: AchRating;
  weight: LinkWeight;
  note: string | null;
}

/** An item with what hangs off it: the detail page's data. */
export interface EvidenceDetail extends EvidenceItem {
  attachments: EvidenceAttachment[];
  links: (EvidenceLink & { hypothesisStatement: string })[];
}

/** The most items one page of the evidence list may hold; the UI pages through the rest. */
export const MAX_EVIDENCE_PAGE = 500;

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
};
export const LinkInput = z.object({
  evidenceId: Id,
  hypothesisId: Id,
  rating: LinkFields.rating,
  weight: LinkFields.weight.default('medium'),
  note: LinkFields.note,
});
/** Re-rating a link in place (the matrix). Creates the link if the pair is not linked yet. */
export const RateInput = z.object({
  evidenceId: Id,
  hypothesisId: Id,
  rating: LinkFields.rating.nullable(),
  weight: LinkFields.weight.optional(),
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

export interface MatrixData {
  hypotheses: { id: string; statement: string; status: string; inconsistency: number; consistentCount: number; inconsistentCount: number }[];
  rows: {
    evidenceId: string;
    title: string;
    kind: EvidenceKind;
    citizenPerspective: boolean;
    diagnosticity: number;
    /** hypothesisId → the link's rating and weight. */
    cells: Record<string, { rating: AchRating; weight: LinkWeight }>;
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
  note: string | null;
  summary: string | null;
}
