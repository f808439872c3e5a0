/** Kysely types of the pilot set-up tables, derived from their definitions in records.ts. */
import type { TablesOf } from '../db/recordSpec';
import type { pilotRecordTables } from './records';

export type PilotTables = TablesOf<typeof pilotRecordTables>;
