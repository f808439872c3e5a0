/**
 * Versioned record tables of the evidence capability (travel in bundles, have history), each
 * declared once, in dependency order. Only items carry a sensitivity: an item's attachments and
 * links inherit it (a file or a rating says as much as the item it belongs to), so whoever decides
 * whether an attachment or link may leave must look at its item through `refs.evidenceId`.
 */
import { z } from 'zod';
import { EvidenceFields, LinkFields } from '../../shared/domain/evidence';
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
  },
  label: (row) => `${String(row.rating ?? '')} (${String(row.weight ?? '')})`,
});

export const evidenceRecordTables = [evidenceItems, evidenceAttachments, evidenceLinks] as const;
