import type { RecordTableSpec } from '../db/recordSpec';

const text = (k: string) => (row: Record<string, unknown>) => String(row[k] ?? '');

/**
 * Versioned record tables of the evidence capability (travel in bundles, have history), in
 * dependency order. Only items carry a sensitivity: an item's attachments and links inherit it
 * (a file or a rating says as much as the item it belongs to), so whoever decides whether an
 * attachment or link may leave must look at its item through `refs.evidenceId`.
 */
export const evidenceRecordTables: Record<string, RecordTableSpec> = {
  evidenceItems: {
    table: 'evidenceItems',
    noun: 'Evidence item',
    scope: 'evidence',
    booleans: ['citizenPerspective'],
    json: ['tags'],
    refs: { organisationId: 'organisations', themeId: 'themes' },
    hasSensitivity: true,
    label: text('title'),
  },
  evidenceAttachments: {
    table: 'evidenceAttachments',
    noun: 'Attachment',
    scope: 'evidence',
    refs: { evidenceId: 'evidenceItems' },
    label: text('fileName'),
  },
  evidenceLinks: {
    table: 'evidenceLinks',
    noun: 'Evidence link',
    scope: 'evidence',
    refs: { evidenceId: 'evidenceItems', hypothesisId: 'hypotheses' },
    label: (row) => `${String(row.rating ?? '')} (${String(row.weight ?? '')})`,
  },
};
