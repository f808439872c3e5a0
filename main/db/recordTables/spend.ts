import type { RecordTableSpec } from './spec';

/** Versioned record tables of the spend capability (travel in bundles, have history). */
export const spendRecordTables: Record<string, RecordTableSpec> = {};
