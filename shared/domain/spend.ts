import { z } from 'zod';
import { Id, RequiredText, type RecordMeta } from './common';

/** What a column of a spend file can mean. Date and amount are required; the rest are optional. */
export const SPEND_ROLES = ['date', 'amount', 'supplier', 'serviceArea', 'expenseType', 'transactionRef', 'orgUnit', 'description'] as const;
export type SpendRole = (typeof SPEND_ROLES)[number];

export const SPEND_ROLE_LABELS: Record<SpendRole, string> = {
  date: 'Date',
  amount: 'Amount',
  supplier: 'Supplier',
  serviceArea: 'Service area',
  expenseType: 'Expense type',
  transactionRef: 'Transaction id',
  orgUnit: 'Organisation unit',
  description: 'Description',
};

/** How sure the guess is: "saved" means the mapping the user confirmed for this source last time. */
export type MappingConfidence = 'saved' | 'chosen' | 'high' | 'medium' | 'low';

export interface ColumnGuess {
  /** 0-based column index in the header row. */
  index: number;
  header: string;
  confidence: MappingConfidence;
}
export type ColumnMapping = Partial<Record<SpendRole, ColumnGuess>>;

export interface SkippedRow {
  row: number;
  reason: string;
}

export interface ParsedSpendLine {
  row: number;
  date: string;
  financialYear: string;
  amountPence: number;
  supplier: string | null;
  serviceArea: string | null;
  expenseType: string | null;
  transactionRef: string | null;
  orgUnit: string | null;
  description: string | null;
}

/** What reading a file found, before (or without) saving anything. */
export interface SpendPreview {
  fileName: string;
  sha256: string;
  kind: 'csv' | 'xlsx';
  /** The sheet read (XLSX), and all sheets in the workbook. */
  sheet: string | null;
  sheets: string[];
  encoding: 'utf-8' | 'windows-1252' | null;
  delimiter: string | null;
  headerRow: number;
  /** Header names in column order, made unique ("Amount", "Amount (2)") and tidily spaced. */
  headers: string[];
  mapping: ColumnMapping;
  /** role → header name, the shape `tpw spend import --json` prints. */
  columns: Partial<Record<SpendRole, string>>;
  dateOrder: 'dmy' | 'mdy';
  rows: number;
  totalPence: number;
  /** Rows that are not transactions (listed up to 1,000; the total is exact). */
  skipped: SkippedRow[];
  skippedTotal: number;
  /** Transaction rows whose amount or date cannot be read (listed up to 1,000). */
  badRows: SkippedRow[];
  badRowTotal: number;
  sample: ParsedSpendLine[];
  organisationId: string | null;
  alreadyImported: boolean;
}

export interface SpendImportResult extends SpendPreview {
  fileId: string | null;
  dryRun: boolean;
  /** Bad rows left out because the user chose to skip them. */
  skippedBadRows: number;
}

export const SpendMappingChoice = z
  .object(Object.fromEntries(SPEND_ROLES.map((r) => [r, z.number().int().min(0).max(9999).nullable().optional()])) as Record<SpendRole, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>)
  .partial();
export type SpendMappingChoice = z.infer<typeof SpendMappingChoice>;

export const SpendSourceInput = z.object({
  uploadId: Id,
  organisation: RequiredText('The publishing organisation', 200),
  sheet: z.string().max(200).nullish().transform((v) => (v ? v : null)),
  /** Column choices that override the guess (null: not in this file). */
  mapping: SpendMappingChoice.nullish().transform((v) => v ?? null),
});

export const SpendImportInput = SpendSourceInput.extend({
  /** Chosen by the caller so it can poll progress and cancel while the import runs. */
  importId: Id.nullish().transform((v) => v ?? null),
  skipBadRows: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

/** `tpw spend import`: the same options, for a file named by path. */
export const SpendPathImportInput = z.object({
  organisation: RequiredText('The publishing organisation (--org)', 200),
  sheet: z.string().max(200).nullish().transform((v) => (v ? v : null)),
  skipBadRows: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

export interface SpendImportProgress {
  phase: 'reading' | 'saving' | 'done' | 'cancelled' | 'failed';
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface SpendSummaryRow {
  organisation: string;
  organisationId: string;
  theme: string | null;
  themeId: string | null;
  year: string;
  rows: number;
  totalPence: number;
}

export interface SpendFile {
  id: string;
  fileName: string;
  sha256: string;
  organisationId: string;
  organisation: string;
  sheet: string | null;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  headerRow: number;
  mapping: ColumnMapping;
  skipped: SkippedRow[];
  importedAt: string;
  importedBy: string;
  rows: number;
  totalPence: number;
}

export interface SpendLine extends ParsedSpendLine {
  fileId: string;
  fileName: string;
  sheet: string | null;
  organisation: string;
  theme: string | null;
  themeId: string | null;
}

export const SpendLinesFilter = z.object({
  organisationId: Id.nullish(),
  /** A theme id, or "unclassified" for lines no rule matched. */
  theme: z.union([Id, z.literal('unclassified')]).nullish(),
  year: z.string().regex(/^\d{4}-\d{2}$/, 'Use a financial year like 2017-18').nullish(),
  fileId: Id.nullish(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});

export interface SpendLinesPage {
  total: number;
  totalPence: number;
  lines: SpendLine[];
}

export interface UnclassifiedGroup {
  serviceArea: string | null;
  expenseType: string | null;
  rows: number;
  totalPence: number;
}

export const RULE_FIELDS = ['serviceArea', 'expenseType', 'supplier'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const RULE_FIELD_LABELS: Record<RuleField, string> = { serviceArea: 'Service area', expenseType: 'Expense type', supplier: 'Supplier' };
export const RULE_OPS = ['contains', 'equals', 'regex'] as const;
export type RuleOp = (typeof RULE_OPS)[number];
export const RULE_OP_LABELS: Record<RuleOp, string> = { contains: 'contains', equals: 'equals', regex: 'matches the pattern' };

const validRegex = (p: string) => {
  try {
    new RegExp(p, 'i');
    return true;
  } catch {
    return false;
  }
};

/** Rules are tried from priority 1 up; a new one starts at 100, leaving room to put others before it. */
export const RULE_PRIORITY = { first: 1, last: 1000, default: 100 } as const;

export const SpendRuleFields = {
  field: z.enum(RULE_FIELDS, { error: 'Choose which column the rule looks at' }),
  op: z.enum(RULE_OPS, { error: 'Choose how the rule matches' }),
  pattern: RequiredText('The text to match', 500),
  themeId: Id.describe('theme'),
  priority: z
    .number({ error: 'Priority must be a whole number' })
    .int('Priority must be a whole number')
    .min(RULE_PRIORITY.first, `Priority is from ${RULE_PRIORITY.first} (tried first) to ${RULE_PRIORITY.last}`)
    .max(RULE_PRIORITY.last, `Priority is from ${RULE_PRIORITY.first} (tried first) to ${RULE_PRIORITY.last}`)
    .default(RULE_PRIORITY.default),
};
export const SpendRuleInput = z.object(SpendRuleFields).refine((r) => r.op !== 'regex' || validRegex(r.pattern), {
  message: 'That is not a valid pattern (regular expression)',
  path: ['pattern'],
});
export const isValidRulePattern = validRegex;

export interface SpendRule extends RecordMeta {
  field: RuleField;
  op: RuleOp;
  pattern: string;
  themeId: string;
  priority: number;
}

export interface SpendRuleChange {
  rule: SpendRule;
  /** Lines whose theme changed because of this edit. */
  reclassified: number;
}

export const SpendExportInput = z.object({ format: z.enum(['csv', 'xlsx'], { error: 'Choose CSV or XLSX' }) });
