/**
 * Versioned record tables of the evidence capability (travel in bundles, have history), each
 * declared once, in dependency order. Only items carry a sensitivity: an item's attachments and
 * links inherit it (a file or a rating says as much as the item it belongs to), so whoever decides
 * whether an attachment or link may leave must look at its item through `refs.evidenceId`.
 */
import { z } from 'zod';
import { EvidenceFields, LinkFields, PseudonymEntries } from '../../shared/domain/evidence';
import { CodeFields, QuoteFields, QuoteLinkFields } from '../../shared/domain/quotes';
import { Marking } from '../../shared/domain/marking';
import { boolean, integer, json, ref, text } from '../db/columns';
import { defineRecordTable, labelFrom } from '../db/recordSpec';

export const evidenceItems = defineRecordTable({
  table: 'evidenceItems',
  noun: 'Evidence item',
  scope: 'evidence',
  hasSensitivity: true,
  columns: {
    title: text(EvidenceFields.title),
    kind: text(EvidenceFields.kind),
    summary: text(EvidenceFields.summary).nullable(),
    source: text(EvidenceFields.source).nullable(),
    organisationId: ref('organisations').nullable(),
    observedOn: text(EvidenceFields.observedOn).nullable(),
    reportedOn: text(EvidenceFields.reportedOn).nullable(),
    collectedBy: text(EvidenceFields.collectedBy).nullable(),
    sensitivity: text(EvidenceFields.sensitivity),
    tags: json(EvidenceFields.tags).defaulted(),
    citizenPerspective: boolean().defaulted(),
    themeId: ref('themes').nullable(),
    // Added by migration 0010 (defaulted, so items from older versions import).
    pseudonymised: json(PseudonymEntries).defaulted(),
    // Added by migration 0013: the security marking beside the sensitivity (older rows and bundles: OFFICIAL).
    marking: text(Marking).defaulted(),
  },
  label: labelFrom('title'),
});

export const evidenceAttachments = defineRecordTable({
  table: 'evidenceAttachments',
  noun: 'Attachment',
  scope: 'evidence',
  columns: {
    evidenceId: ref('evidenceItems'),
    sha256: text(z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 hash')),
    fileName: text(),
    size: integer(z.number().min(0)),
    mediaType: text(),
    // Added by migration 0013 (a file may be marked higher than its item).
    marking: text(Marking).defaulted(),
  },
  label: labelFrom('fileName'),
});

export const evidenceLinks = defineRecordTable({
  table: 'evidenceLinks',
  noun: 'Evidence link',
  scope: 'evidence',
  columns: {
    evidenceId: ref('evidenceItems'),
    hypothesisId: ref('hypotheses'),
    rating: text(LinkFields.rating),
    weight: text(LinkFields.weight).defaulted(),
    note: text(LinkFields.note).nullable(),
    // Added by migration 0010. A link from an older version has neither: a trigger gives both its weight.
    credibility: text(LinkFields.credibility).nullable().defaulted(),
    relevance: text(LinkFields.relevance).nullable().defaulted(),
  },
  label: (row) => `${String(row.rating ?? '')} (${String(row.weight ?? '')})`,
});

/** The team's code book for quotes. Names are unique among live codes (merging codes is how two become one). */
export const evidenceCodes = defineRecordTable({
  table: 'evidenceCodes',
  noun: 'Code',
  scope: 'evidence',
  columns: {
    name: text(CodeFields.name),
    description: text(CodeFields.description).nullable(),
  },
  label: labelFrom('name'),
});

/**
 * A passage of an item's notes or attachment text. Like links, it inherits its item's sensitivity
 * (it refers to the item, so a withheld item withholds its quotes).
 */
export const evidenceQuotes = defineRecordTable({
  table: 'evidenceQuotes',
  noun: 'Quote',
  scope: 'evidence',
  columns: {
    evidenceId: ref('evidenceItems'),
    attachmentId: ref('evidenceAttachments').nullable(),
    text: text(QuoteFields.text),
    startOffset: integer(z.number().int().min(0).nullable()).nullable(),
    speaker: text(QuoteFields.speaker).nullable(),
    citizenPerspective: boolean().defaulted(),
    codeIds: json(z.array(z.string().max(36)).max(30)).defaulted(),
    note: text(QuoteFields.note).nullable(),
    // Added by migration 0013 (a quote may be marked higher than its item).
    marking: text(Marking).defaulted(),
  },
  label: (row) => {
    const t = String(row.text ?? '');
    return `“${t.length > 60 ? `${t.slice(0, 57)}…` : t}”`;
  },
});

export const evidenceQuoteLinks = defineRecordTable({
  table: 'evidenceQuoteLinks',
  noun: 'Quote link',
  scope: 'evidence',
  columns: {
    quoteId: ref('evidenceQuotes'),
    hypothesisId: ref('hypotheses'),
    rating: text(QuoteLinkFields.rating),
    credibility: text(QuoteLinkFields.credibility).defaulted(),
    relevance: text(QuoteLinkFields.relevance).defaulted(),
    note: text(QuoteLinkFields.note).nullable(),
  },
  label: (row) => `${String(row.rating ?? '')} (${String(row.credibility ?? '')} credibility, ${String(row.relevance ?? '')} relevance)`,
});

export const evidenceRecordTables = [evidenceItems, evidenceAttachments, evidenceLinks, evidenceCodes, evidenceQuotes, evidenceQuoteLinks] as const;
