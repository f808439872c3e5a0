/** Kysely types of the estimates tables, derived from their definitions in records.ts. */
import type { TablesOf } from '../db/recordSpec';
import type { estimatesRecordTables } from './records';

export type EstimatesTables = TablesOf<typeof estimatesRecordTables>;
