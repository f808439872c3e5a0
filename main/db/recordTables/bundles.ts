import type { RecordTableSpec } from './spec';

/** Versioned record tables of the bundles capability (travel in bundles, have history). */
export const bundlesRecordTables: Record<string, RecordTableSpec> = {};
