import type { RecordTableSpec } from './spec';

/** Versioned record tables of the evidence capability (travel in bundles, have history). */
export const evidenceRecordTables: Record<string, RecordTableSpec> = {};
