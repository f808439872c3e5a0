/** Kysely types of the learning log's tables, derived from their definitions in records.ts. */
import type { TablesOf } from '../db/recordSpec';
import type { learningRecordTables } from './records';

export type LearningTables = TablesOf<typeof learningRecordTables>;
