/**
 * The registry of record tables: every table whose rows are versioned records (id, rev, history,
 * soft delete), declared in its capability's records.ts. Generic code — the recycle bin, history,
 * bundle export and merge, conflicts — works from this list, so a new table travels with no new
 * code: define it, then list it here.
 */
import { AppError } from '../../shared/errors';
import type { AppendOnlyTableSpec, RecordTableSpec } from '../db/recordSpec';
import { estimatesRecordTables } from '../estimates/records';
import { evidenceRecordTables } from '../evidence/records';
import { hypothesesRecordTables, statusChanges } from '../hypotheses/records';
import { learningRecordTables } from '../learning/records';
import { momentumRecordTables } from '../momentum/records';
import { pilotRecordTables } from '../pilot/records';
import { erasureTombstones } from '../privacy/records';
import { reportRecordTables } from '../report/records';
import { spendRecordTables } from '../spend/records';

export type { RecordTableSpec } from '../db/recordSpec';

/** In dependency order: a table comes after the tables it refers to (bundles apply in this order). */
const ORDERED: readonly RecordTableSpec[] = [
  ...pilotRecordTables,
  ...hypothesesRecordTables,
  ...evidenceRecordTables,
  ...spendRecordTables,
  ...estimatesRecordTables,
  ...learningRecordTables,
  ...momentumRecordTables,
  ...reportRecordTables,
];

export const RECORD_TABLES: Readonly<Record<string, RecordTableSpec>> = Object.fromEntries(ORDERED.map((s) => [s.table, s]));

/** Append-only tables that travel in bundles (no revisions): rows are facts, merged by id. */
export const APPEND_ONLY_TABLES: readonly AppendOnlyTableSpec[] = [statusChanges, erasureTombstones];

export function recordTable(name: string): RecordTableSpec | undefined {
  return Object.prototype.hasOwnProperty.call(RECORD_TABLES, name) ? RECORD_TABLES[name] : undefined;
}

/** The record table called `name`, or the error a request naming an unknown one gets. */
export function requireRecordTable(name: string): RecordTableSpec {
  const spec = recordTable(name);
  if (!spec) throw new AppError('INVALID_INPUT', `"${name}" is not a kind of record`);
  return spec;
}
