/** Kysely types of the spend tables (camelCase): record tables derived from records.ts, imported facts declared here. */
import type { TablesOf } from '../db/recordSpec';
import type { spendRecordTables } from './records';

export interface SpendFilesTable {
  id: string;
  /** Small integer the lines use to refer to their file. */
  fileNo: number;
  sha256: string;
  fileName: string;
  organisationId: string;
  /** '' for CSV files. */
  sheet: string;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  headerRow: number;
  dateOrder: 'dmy' | 'mdy';
  /** JSON: role → {index, header, confidence}. */
  mapping: string;
  /** JSON: [{row, reason}] rows that were not transactions (and bad rows the user chose to skip). */
  skipped: string;
  importedAt: string;
  importedBy: string;
  rowCount: number;
  totalPence: number;
}

export interface SpendLinesTable {
  /** fileNo × 2^32 + rowNumber. */
  lineKey: number;
  fileNo: number;
  rowNumber: number;
  date: string;
  financialYear: string;
  amountPence: number;
  supplier: string | null;
  serviceArea: string | null;
  expenseType: string | null;
  transactionRef: string | null;
  orgUnit: string | null;
  description: string | null;
  themeId: string | null;
}

export interface SpendTotalsTable {
  organisationId: string;
  themeKey: string;
  financialYear: string;
  rowCount: number;
  totalPence: number;
}

export interface SpendTables extends TablesOf<typeof spendRecordTables> {
  spendFiles: SpendFilesTable;
  spendLines: SpendLinesTable;
  spendTotals: SpendTotalsTable;
}
