/** Kysely types of the spend tables (camelCase): record tables derived from records.ts, imported facts declared here. */
import type { Generated } from 'kysely';
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
  /** The period given for a file with no dates (ISO days), else null. */
  periodFrom: string | null;
  periodTo: string | null;
  /** The first and last date of the lines (null only for files imported before this was kept). */
  dateFrom: string | null;
  dateTo: string | null;
  /** How the dates were written: 'dmy' | 'mdy' | 'iso' | 'mixed' | 'period' (null: not recorded). */
  dateStyle: string | null;
  /** JSON: [{year, rows, totalPence}] of the file's lines. */
  yearTotals: string;
  /** The id of the same file's import under another organisation, when the user allowed the duplicate. */
  duplicateOf: string | null;
}

export interface SpendLinesTable {
  /** fileNo × 2^32 + rowNumber. */
  lineKey: number;
  /** Generated from lineKey (never written). */
  fileNo: Generated<number>;
  rowNumber: Generated<number>;
  /** The line's date, or the first day of its file's period. */
  date: string;
  /** The last day of the period of a file with no dates; null for a dated line. */
  periodEnd: string | null;
  financialYear: string;
  amountPence: number;
  supplier: string | null;
  serviceArea: string | null;
  expenseType: string | null;
  transactionRef: string | null;
  orgUnit: string | null;
  description: string | null;
  themeId: string | null;
  /** The rule that set the theme; null when none matched or the theme was set by hand. */
  ruleId: string | null;
}

/** A theme set on a line by hand (theme null: unclassified by hand); re-applying the rules keeps it. */
export interface SpendLineThemesTable {
  lineKey: number;
  themeId: string | null;
  setAt: string;
  setBy: string;
}

/** Organisation × year × theme × rule × service area × expense type: the maintained aggregate of the lines. */
export interface SpendGroupsTable {
  organisationId: string;
  financialYear: string;
  /** Theme id, or '' for unclassified. */
  themeKey: string;
  /** Rule id, '' for no rule, 'manual' for a theme set by hand. */
  ruleKey: string;
  /** '' when the lines have none. */
  serviceArea: string;
  expenseType: string;
  rowCount: number;
  totalPence: number;
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
  spendLineThemes: SpendLineThemesTable;
  spendGroups: SpendGroupsTable;
}
