import type { RecordTableSpec } from './spec';

/** Versioned record tables of the learning capability (travel in bundles, have history). */
export const learningRecordTables: Record<string, RecordTableSpec> = {};
