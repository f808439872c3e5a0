import { z } from 'zod';
import { ById, ByIdRev, Id, UpdateOf } from '../domain/common';
import {
  EvidenceFields,
  EvidenceFilter,
  EvidenceInput,
  LinkFields,
  LinkInput,
  MatrixInput,
  RateInput,
  SearchInput,
  type CoverageRow,
  type EvidenceAttachment,
  type EvidenceDetail,
  type EvidenceItem,
  type EvidenceLink,
  type EvidencePage,
  type HypothesisEvidenceRow,
  type MatrixData,
  type SearchHit,
} from '../domain/evidence';
import {
  CodeFields,
  CodeInput,
  MergeCodesInput,
  PseudonymiseInput,
  QuoteFields,
  QuoteFilter,
  QuoteInput,
  QuoteLinkFields,
  QuoteLinkInput,
  type Code,
  type CodesByHypotheses,
  type CodeUsage,
  type PseudonymiseResult,
  type Quote,
  type QuoteLink,
  type QuoteView,
  type SensitivityView,
  type SourceText,
} from '../domain/quotes';
import { Marking } from '../domain/marking';
import { command, query } from './define';

// Methods of the evidence capability. (Kept in its own file so capabilities can grow independently.)
export const evidenceContract = {
  'evidence.list': query<EvidencePage>()(EvidenceFilter),
  'evidence.get': query<EvidenceDetail>()(ById),
  'evidence.tags': query<{ tag: string; count: number }[]>()(z.object({}).default({})),
  /** Adds an item with any files already sent as uploads; all or nothing. */
  'evidence.add': command<EvidenceDetail>()(EvidenceInput),
  'evidence.update': command<EvidenceItem>()(UpdateOf(EvidenceFields)),
  'evidence.delete': command<EvidenceItem>()(ByIdRev),

  'evidence.attach': command<EvidenceAttachment[]>()(
    z.object({ evidenceId: Id, uploadIds: z.array(Id).min(1, 'Choose at least one file to attach').max(50, 'Attach at most 50 files at once') }),
  ),
  'evidence.detach': command<EvidenceAttachment>()(ByIdRev),
  /** Marks one attachment OFFICIAL or OFFICIAL-SENSITIVE (a file may be marked higher than its item). */
  'evidence.markAttachment': command<EvidenceAttachment>()(ByIdRev.extend({ marking: Marking })),
  /**
   * Desktop: opens a read-only copy with the system viewer. Browser mode: `opened` is false;
   * download from `urlPath`. A type that can run code is opened only with `confirmRisky`, after
   * `warning` has been shown.
   */
  'evidence.openAttachment': query<{ opened: boolean; urlPath: string; warning: string | null }>()(z.object({ id: Id, confirmRisky: z.boolean().default(false) })),
  /** Reads the text of attachments that have none yet (from a bundle, or attached before PDF and Word were read). */
  'evidence.reindex': command<{ indexed: number; noText: number; unreadable: number; remaining: number }>()(z.object({}).default({})),
  /** The texts a quote can be selected from: the item's notes and each attachment's text. */
  'evidence.sources': query<SourceText[]>()(ById),
  /** Replaces a person's name with a label throughout the item, its quotes and its files' text, in one recorded change. */
  'evidence.pseudonymise': command<PseudonymiseResult>()(PseudonymiseInput),
  /** Heuer's step 6: the items and quotes the leading hypothesis's standing rests on. */
  'evidence.sensitivity': query<SensitivityView>()(z.object({ themeId: Id.optional() }).default({})),
  'evidence.codesByHypotheses': query<CodesByHypotheses>()(z.object({}).default({})),

  'quote.list': query<QuoteView[]>()(QuoteFilter),
  'quote.get': query<QuoteView>()(ById),
  'quote.add': command<Quote>()(QuoteInput),
  'quote.update': command<Quote>()(UpdateOf(QuoteFields)),
  'quote.delete': command<Quote>()(ByIdRev),
  'quote.link': command<QuoteLink>()(QuoteLinkInput),
  'quote.updateLink': command<QuoteLink>()(UpdateOf(QuoteLinkFields)),
  'quote.unlink': command<QuoteLink>()(ByIdRev),
  'quote.forHypothesis': query<(QuoteView & { rating: HypothesisEvidenceRow['rating'] })[]>()(ById),

  'code.list': query<CodeUsage[]>()(z.object({}).default({})),
  'code.add': command<Code>()(CodeInput),
  'code.update': command<Code>()(UpdateOf(CodeFields)),
  'code.delete': command<Code>()(ByIdRev),
  'code.merge': command<{ into: Code; quotes: number }>()(MergeCodesInput),

  'evidence.link': command<EvidenceLink>()(LinkInput),
  'evidence.updateLink': command<EvidenceLink>()(UpdateOf(LinkFields)),
  'evidence.unlink': command<EvidenceLink>()(ByIdRev),
  /** The matrix's in-place edit: a rating creates or changes the pair's link (of the item, or of one of its quotes); null removes it. */
  'evidence.rate': command<EvidenceLink | QuoteLink | null>()(RateInput),

  'evidence.matrix': query<MatrixData>()(MatrixInput),
  'evidence.search': query<SearchHit[]>()(SearchInput),
  'evidence.coverage': query<CoverageRow[]>()(z.object({}).default({})),
  'evidence.forHypothesis': query<HypothesisEvidenceRow[]>()(ById),
};
