import type { RecordTableSpec } from './spec';

/** Versioned record tables of the estimates capability (travel in bundles, have history). */
export const estimatesRecordTables: Record<string, RecordTableSpec> = {};
