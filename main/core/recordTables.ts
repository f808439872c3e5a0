import { bundlesRecordTables } from '../exchange/records';
import { estimatesRecordTables } from '../estimates/records';
import { evidenceRecordTables } from '../evidence/records';
import { learningRecordTables } from '../learning/records';
import type { RecordTableSpec } from '../db/recordSpec';
import { spendRecordTables } from '../spend/records';

export type { RecordTableSpec } from '../db/recordSpec';

const text = (k: string) => (row: Record<string, unknown>) => String(row[k] ?? '');

const foundationRecordTables: Record<string, RecordTableSpec> = {
  pilot: { table: 'pilot', noun: 'Pilot', scope: 'setup', label: text('place') },
  milestones: { table: 'milestones', noun: 'Milestone', scope: 'setup', booleans: ['done'], label: text('title') },
  organisations: { table: 'organisations', noun: 'Organisation', scope: 'setup', label: text('name') },
  teamMembers: { table: 'teamMembers', noun: 'Team member', scope: 'setup', refs: { organisationId: 'organisations' }, label: text('name') },
  themes: { table: 'themes', noun: 'Theme', scope: 'setup', label: text('name') },
  hypotheses: {
    table: 'hypotheses',
    noun: 'Hypothesis',
    scope: 'hypotheses',
    refs: { themeId: 'themes', ownerId: 'teamMembers' },
    label: text('statement'),
  },
};

/** In dependency order: a table comes after the tables it refers to (bundles apply in this order). */
export const RECORD_TABLES: Record<string, RecordTableSpec> = {
  ...foundationRecordTables,
  ...evidenceRecordTables,
  ...spendRecordTables,
  ...estimatesRecordTables,
  ...learningRecordTables,
  ...bundlesRecordTables,
};

export function recordTable(name: string): RecordTableSpec | undefined {
  return Object.prototype.hasOwnProperty.call(RECORD_TABLES, name) ? RECORD_TABLES[name] : undefined;
}
