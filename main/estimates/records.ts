import type { RecordTableSpec } from '../db/recordSpec';

const text = (k: string) => (row: Record<string, unknown>) => String(row[k] ?? '');

/**
 * Versioned record tables of the estimates capability (travel in bundles, have history), in
 * dependency order. Lines and links copy their intervention's sensitivity, so each row can be
 * judged on its own by bundle export.
 */
export const estimatesRecordTables: Record<string, RecordTableSpec> = {
  unitCosts: { table: 'unitCosts', noun: 'Unit cost', scope: 'estimates', label: (r) => `${String(r.code ?? '')} ${String(r.description ?? '')}`.trim() },
  deflators: { table: 'deflators', noun: 'Deflator', scope: 'estimates', label: text('year') },
  confidenceGrades: { table: 'confidenceGrades', noun: 'Confidence grade', scope: 'estimates', label: text('grade') },
  interventions: {
    table: 'interventions',
    noun: 'Intervention',
    scope: 'estimates',
    json: ['discount', 'optimismBias', 'simulation'],
    refs: { themeId: 'themes' },
    hasSensitivity: true,
    label: text('name'),
  },
  estimateLines: {
    table: 'estimateLines',
    noun: 'Estimate line',
    scope: 'estimates',
    booleans: ['cashable'],
    json: ['profile', 'volumes'],
    refs: { interventionId: 'interventions', organisationId: 'organisations', unitCostId: 'unitCosts' },
    hasSensitivity: true,
    label: text('label'),
  },
  interventionLinks: {
    table: 'interventionLinks',
    noun: 'Intervention link',
    scope: 'estimates',
    refs: { interventionId: 'interventions', hypothesisId: 'hypotheses', evidenceId: 'evidenceItems' },
    hasSensitivity: true,
    label: (r) => `Link from an intervention to ${r.hypothesisId ? 'a hypothesis' : 'evidence'}`,
  },
};
