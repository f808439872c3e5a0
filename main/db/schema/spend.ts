/** Kysely types of the spend tables (camelCase; see foundation.ts for the conventions). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SpendTables {}
