/** Kysely types of the search index's own tables (migration 0010); the FTS5 tables are read with SQL. */

/** A stable integer row id per searchable record, for the FTS index of its kind. */
export interface SearchRowsTable {
  rowId: number;
  kind: string;
  recordId: string;
}

/** A supplier name or spend description per organisation, with its payments across imported files. */
export interface SearchSpendNamesTable {
  id: number;
  kind: 'supplier' | 'spend';
  organisationId: string;
  nameKey: string;
  name: string;
  n: number;
  pence: number;
}

export interface SearchSpendNameFilesTable {
  nameId: number;
  fileNo: number;
  n: number;
  pence: number;
}

/** Spend files whose names are in the index. */
export interface SearchSpendFilesTable {
  fileNo: number;
}

export interface SearchTables {
  searchRows: SearchRowsTable;
  searchSpendNames: SearchSpendNamesTable;
  searchSpendNameFiles: SearchSpendNameFilesTable;
  searchSpendFiles: SearchSpendFilesTable;
}
