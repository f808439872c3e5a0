import type { RecordTableSpec } from '../db/recordSpec';

const text = (k: string) => (row: Record<string, unknown>) => String(row[k] ?? '');

/**
 * Versioned record tables of the learning capability (travel in bundles, have history).
 * Dependency order: barriers before the entries that tag them; entries before their links.
 */
export const learningRecordTables: Record<string, RecordTableSpec> = {
  barriers: { table: 'barriers', noun: 'Barrier', scope: 'learning', label: text('name') },
  learningEntries: {
    table: 'learningEntries',
    noun: 'Learning entry',
    scope: 'learning',
    json: ['barrierIds'],
    refs: { themeId: 'themes' },
    hasSensitivity: true,
    label: text('title'),
  },
  learningLinks: {
    table: 'learningLinks',
    noun: 'Learning link',
    scope: 'learning',
    refs: { entryId: 'learningEntries', hypothesisId: 'hypotheses' },
    label: (row) => `entry ${String(row.entryId ?? '').slice(0, 8)} → hypothesis ${String(row.hypothesisId ?? '').slice(0, 8)}`,
  },
  actions: {
    table: 'actions',
    noun: 'Action',
    scope: 'learning',
    booleans: ['beyondPilot'],
    json: ['hypothesisIds', 'interventionIds'],
    refs: { organisationId: 'organisations' },
    hasSensitivity: true,
    label: text('title'),
  },
  benefits: {
    table: 'benefits',
    noun: 'Benefit',
    scope: 'learning',
    booleans: ['cashReleasing'],
    refs: { organisationId: 'organisations' },
    label: text('title'),
  },
  benefitRealisations: {
    table: 'benefitRealisations',
    noun: 'Benefit realisation',
    scope: 'learning',
    refs: { benefitId: 'benefits' },
    label: (row) => `${String(row.realisedOn ?? '')}: ${(Number(row.realisedPence ?? 0) / 100).toFixed(2)}`,
  },
};
