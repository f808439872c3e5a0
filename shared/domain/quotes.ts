/**
 * Citizen insight at the level of the quote: a passage of an item's notes or of an attachment's
 * text, coded from the team's code book, said by a speaker or persona, flagged as the citizen's
 * perspective or not, and rated against hypotheses exactly as items are.
 */
import { z } from 'zod';
import { Id, OptionalText, RequiredText, type RecordMeta } from './common';
import { LinkFields, type AchRating, type LinkWeight, type Sensitivity } from './evidence';
import { Marking, type SecurityMarking } from './marking';

// ---- code book ----------------------------------------------------------------------------------

export const CodeFields = {
  name: RequiredText('The code', 80),
  description: OptionalText(2000),
};
export const CodeInput = z.object(CodeFields);

export interface Code extends RecordMeta {
  name: string;
  description: string | null;
}

/** A code with how much it is used: the code book page. */
export interface CodeUsage extends Code {
  quotes: number;
  citizenQuotes: number;
}

/** Merging folds `fromId` into `intoId`: every quote coded with it gets `intoId` instead, then it goes to the recycle bin. */
export const MergeCodesInput = z.object({ fromId: Id, intoId: Id });

// ---- quotes -------------------------------------------------------------------------------------

export const MAX_QUOTE_LENGTH = 5000;
const CodeIds = z
  .array(Id)
  .max(30, 'Use at most 30 codes on one quote')
  .nullish()
  .transform((ids) => [...new Set(ids ?? [])]);

export const QuoteFields = {
  text: RequiredText('The quoted passage', MAX_QUOTE_LENGTH),
  speaker: OptionalText(200),
  citizenPerspective: z.boolean({ error: 'Say whether the quote gives the citizen’s perspective' }),
  codeIds: CodeIds,
  note: OptionalText(2000),
  /** A quote may be marked higher than its item (a passage naming someone, say). */
  marking: Marking,
};

export const QuoteInput = z.object({
  evidenceId: Id,
  /** The attachment whose text it was selected from; none: the item's notes. */
  attachmentId: Id.nullish().transform((v) => v ?? null),
  /** Where the passage starts in that text (characters), to show it in place. */
  startOffset: z.number().int().min(0).nullish().transform((v) => v ?? null),
  ...QuoteFields,
  /** Defaults to the item's own flag. */
  citizenPerspective: QuoteFields.citizenPerspective.optional(),
  /** Defaults to the item's marking. */
  marking: QuoteFields.marking.optional(),
});

export interface Quote extends RecordMeta {
  evidenceId: string;
  attachmentId: string | null;
  text: string;
  startOffset: number | null;
  speaker: string | null;
  citizenPerspective: boolean;
  codeIds: string[];
  note: string | null;
  marking: SecurityMarking;
}

export interface QuoteLink extends RecordMeta {
  quoteId: string;
  hypothesisId: string;
  rating: AchRating;
  credibility: LinkWeight;
  relevance: LinkWeight;
  note: string | null;
}

export const QuoteLinkFields = {
  rating: LinkFields.rating,
  credibility: LinkFields.credibility,
  relevance: LinkFields.relevance,
  note: LinkFields.note,
};
export const QuoteLinkInput = z.object({
  quoteId: Id,
  hypothesisId: Id,
  rating: LinkFields.rating,
  credibility: LinkFields.credibility.default('medium'),
  relevance: LinkFields.relevance.default('medium'),
  note: LinkFields.note,
});

/** A quote as pages show it: its codes by name, its item, where it came from, its links. */
export interface QuoteView extends Quote {
  itemTitle: string;
  sensitivity: Sensitivity;
  source: string;
  codes: { id: string; name: string }[];
  links: (QuoteLink & { hypothesisStatement: string })[];
}

export const QuoteFilter = z
  .object({
    evidenceId: Id.optional(),
    hypothesisId: Id.optional(),
    codeId: Id.optional(),
    citizenPerspective: z.boolean().optional(),
    limit: z.number().int().min(1).max(500).default(200),
  })
  .default({ limit: 200 });

// ---- the text a quote is selected from ----------------------------------------------------------

/** The readable text of an item's notes or of one attachment (pseudonymised where a name was replaced). */
export interface SourceText {
  attachmentId: string | null;
  name: string;
  status: string;
  detail: string | null;
  truncated: boolean;
  text: string;
}

// ---- pseudonymise -------------------------------------------------------------------------------

export const PseudonymiseInput = z.object({
  evidenceId: Id,
  rev: z.string(),
  name: RequiredText('The name to replace', 100).refine((s) => /[\p{L}\p{N}]/u.test(s), 'The name must contain letters or digits'),
  label: RequiredText('The label to use instead', 100),
});
export interface PseudonymiseResult {
  /** How many times the name was replaced, where. */
  item: number;
  quotes: number;
  attachments: number;
  rev: string;
}

// ---- codes × hypotheses -------------------------------------------------------------------------

export interface CodeHypothesisCell {
  supporting: number;
  contradicting: number;
  /** Of those, how many are the citizen's perspective. */
  citizenSupporting: number;
  citizenContradicting: number;
}
export interface CodesByHypotheses {
  hypotheses: { id: string; statement: string }[];
  codes: { id: string; name: string; description: string | null }[];
  /** `${codeId}:${hypothesisId}` → counts of rated quotes. */
  cells: Record<string, CodeHypothesisCell>;
}

// ---- ACH: what the leading hypothesis rests on (Heuer's step 6) ---------------------------------

export interface SensitivityRow {
  kind: 'item' | 'quote';
  id: string;
  evidenceId: string;
  title: string;
  /** Without this row, which hypothesis would lead, and the scores it would change. */
  newLeaderId: string;
  newLeaderStatement: string;
  leaderScoreWithout: number;
  newLeaderScoreWithout: number;
  /** True when the leader would merely tie rather than be overtaken. */
  tie: boolean;
}
export interface SensitivityView {
  leader: { id: string; statement: string; inconsistency: number } | null;
  runnerUp: { id: string; statement: string; inconsistency: number } | null;
  /** The items and quotes whose removal would change who leads. */
  restsOn: SensitivityRow[];
}
