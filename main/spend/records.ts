import type { RecordTableSpec } from '../db/recordSpec';

/**
 * Versioned record tables of the spend capability (travel in bundles, have history).
 * Imported lines are not records: they are immutable facts kept with their source file.
 * Neither table holds personal or confidential content (column mappings and classification
 * rules), so they carry no sensitivity.
 */
export const spendRecordTables: Record<string, RecordTableSpec> = {
  spendMappings: {
    table: 'spendMappings',
    noun: 'Saved column mapping',
    scope: 'spend',
    json: ['mapping'],
    refs: { organisationId: 'organisations' },
    label: (row) => `Column mapping for ${String(row.signature ?? '').split('|').slice(0, 3).join(', ')}…`,
  },
  spendRules: {
    table: 'spendRules',
    noun: 'Classification rule',
    scope: 'spend',
    refs: { themeId: 'themes' },
    label: (row) => `${String(row.field)} ${String(row.op)} "${String(row.pattern)}"`,
  },
};
