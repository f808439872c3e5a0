/**
 * Versioned record tables of the spend capability (travel in bundles, have history), each
 * declared once. Imported lines are not records: they are immutable facts kept with their source
 * file. Neither table holds personal or confidential content (column mappings and classification
 * rules), so they carry no sensitivity.
 */
import { ColumnMappingShape, INVALID_PATTERN, isValidRulePattern, SpendRuleFields } from '../../shared/domain/spend';
import { integer, json, ref, text } from '../db/columns';
import { defineRecordTable } from '../db/recordSpec';

export const spendMappings = defineRecordTable({
  table: 'spendMappings',
  noun: 'Saved column mapping',
  scope: 'spend',
  columns: {
    organisationId: ref('organisations'),
    /** The source's header layout, which the next file from it is recognised by. */
    signature: text(),
    mapping: json(ColumnMappingShape),
  },
  label: (row) => `Column mapping for ${String(row.signature ?? '').split('|').slice(0, 3).join(', ')}…`,
});

export const spendRules = defineRecordTable({
  table: 'spendRules',
  noun: 'Classification rule',
  scope: 'spend',
  columns: {
    field: text(SpendRuleFields.field),
    op: text(SpendRuleFields.op),
    pattern: text(SpendRuleFields.pattern),
    themeId: ref('themes'),
    priority: integer(SpendRuleFields.priority).defaulted(),
    /** Limits the rule to one organisation's lines (null: every organisation). Older bundles leave it out. */
    organisationId: ref('organisations').nullable().defaulted(),
  },
  label: (row) => `${String(row.field)} ${String(row.op)} "${String(row.pattern)}"`,
  // The same rule as the rule form's: a regular expression must compile on the linear-time engine.
  rowRule: (row) => (row.op === 'regex' && typeof row.pattern === 'string' && !isValidRulePattern(row.pattern) ? { field: 'pattern', message: INVALID_PATTERN } : null),
});

export const spendRecordTables = [spendMappings, spendRules] as const;
