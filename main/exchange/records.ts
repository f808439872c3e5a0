import type { RecordTableSpec } from '../db/recordSpec';

/** Versioned record tables of the bundles capability (travel in bundles, have history). */
export const bundlesRecordTables: Record<string, RecordTableSpec> = {};
