/** Kysely types of the hypotheses' tables, derived from their definitions in records.ts. */
import type { TablesOf } from '../db/recordSpec';
import type { hypotheses, statusChanges } from './records';

export type HypothesesTables = TablesOf<[typeof hypotheses, typeof statusChanges]>;
