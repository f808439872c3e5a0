/** Kysely types of the baseline tables (migration 0009): imported facts and the place's settings, not versioned records. */
export interface BaselineFilesTable {
  id: string;
  fileName: string;
  sha256: string;
  sheet: string;
  region: string;
  unit: string;
  pencePerUnit: number;
  importedAt: string;
  importedBy: string;
  rowCount: number;
  /** JSON {"2017-18": pence, …}: the region before scaling. */
  yearTotals: string;
}

export interface BaselineRowsTable {
  fileId: string;
  rowNumber: number;
  department: string;
  segment: string;
  function: string;
  subFunction: string;
  agencyType: string;
  financialYear: string;
  amountPence: number;
}

export interface BaselinePlaceTable {
  id: number;
  share: number | null;
  updatedAt: string;
  updatedBy: string;
}

export interface BaselinePopulationTable {
  financialYear: string;
  place: number | null;
  region: number | null;
  updatedAt: string;
  updatedBy: string;
}

export interface BaselineTables {
  baselineFiles: BaselineFilesTable;
  baselineRows: BaselineRowsTable;
  baselinePlace: BaselinePlaceTable;
  baselinePopulation: BaselinePopulationTable;
}
