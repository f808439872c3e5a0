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
  /** Desktop: opens the file with the system viewer. Browser mode: `opened` is false; download from `urlPath`. */
  'evidence.openAttachment': query<{ opened: boolean; urlPath: string }>()(ById),
  /** Indexes text attachments that arrived without their text (e.g. from a bundle). */
  'evidence.reindex': command<{ indexed: number }>()(z.object({}).default({})),

  'evidence.link': command<EvidenceLink>()(LinkInput),
  'evidence.updateLink': command<EvidenceLink>()(UpdateOf(LinkFields)),
  'evidence.unlink': command<EvidenceLink>()(ByIdRev),
  /** The matrix's in-place edit: a rating creates or changes the pair's link; null removes it. */
  'evidence.rate': command<EvidenceLink | null>()(RateInput),

  'evidence.matrix': query<MatrixData>()(MatrixInput),
  'evidence.search': query<SearchHit[]>()(SearchInput),
  'evidence.coverage': query<CoverageRow[]>()(z.object({}).default({})),
  'evidence.forHypothesis': query<HypothesisEvidenceRow[]>()(ById),
};
