/**
 * What travels, worked out from the record-table registry (main/core/recordTables.ts), so tables
 * added by other capabilities travel with no new code here. The shape a row must have comes from
 * its table's definition (`rowShape`).
 */

/**
 * Record tables that describe this installation itself and never travel: each team has its own
 * pilot (one per database), which a partner's would otherwise duplicate.
 */
export const LOCAL_ONLY_TABLES = new Set(['pilot']);

/** Columns that hold an attachment's hash, by convention named `sha256` or `…Sha256`. */
export const isHashColumn = (name: string): boolean => /(^s|S)ha256$/.test(name);
