/** Kysely types of momentum's tables (actions, benefits), derived from their definitions in records.ts. */
import type { TablesOf } from '../db/recordSpec';
import type { momentumRecordTables } from './records';

export type MomentumTables = TablesOf<typeof momentumRecordTables>;
