import { RE2JS } from 're2js';
import { z } from 'zod';
import type { SpendPeriod } from '../calc/spendPeriod';
import { Id, RequiredText, type RecordMeta } from './common';
import { ORGANISATION_TYPES } from './pilot';

export type { SpendPeriod } from '../calc/spendPeriod';

// The column roles live in a module without zod, so the file reader's worker thread starts quickly.
export { SPEND_ROLES, SPEND_ROLE_LABELS, type SpendRole, type MappingConfidence, type ColumnGuess, type ColumnMapping } from './spendRoles';
import { SPEND_ROLES, type ColumnMapping, type SpendRole } from './spendRoles';

/** Orders the drill-down lines can be shown in ('row': file order, as the file has them). */
export const SPEND_LINE_SORTS = ['date', 'row', 'amount', 'supplier', 'serviceArea', 'expenseType'] as const;

/** A saved mapping as stored (and as it arrives in a partner's bundle). */
export const ColumnMappingShape = z.partialRecord(
  z.enum(SPEND_ROLES),
  z.strictObject({ index: z.number().int().min(0).max(100_000), header: z.string().max(1000), confidence: z.enum(['saved', 'chosen', 'high', 'medium', 'low']) }),
);

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

/** A sheet of a workbook, and whether it looks like it holds the transactions. */
export interface SheetGuess {
  name: string;
  /** The sheet a spend import would read unless told otherwise. */
  chosen: boolean;
  /** It has a header row naming spend columns. */
  transactions: boolean;
  /** Why it was or was not taken: "a header row on row 4 (Date, Supplier, Amount)", "notes: no header row". */
  reason: string;
}

/** How a file writes its dates, for the preview's line about them. */
export type DateStyle = 'dmy' | 'mdy' | 'iso' | 'named' | 'excel' | 'mixed' | 'period' | 'none';

export interface SpendYearTotal {
  year: string;
  rows: number;
  totalPence: number;
}

/** The same file content already imported under another organisation. */
export interface SpendDuplicate {
  fileId: string;
  fileName: string;
  organisation: string;
  importedAt: string;
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
  /** Every sheet of a workbook (empty for CSV), with a guess of which holds the transactions. */
  sheetGuesses: SheetGuess[];
  dateStyle: DateStyle;
  /** The file has no date column: the period every line is given (null until one is). */
  period: SpendPeriod | null;
  /** A period read from the file name or the text above the header, offered as the default. */
  periodGuess: string | null;
  /**
   * What stops an import with this mapping, by the role (or "period") it concerns: a column chosen
   * twice, no amount column, no date column and no period. The preview still shows the mapping so
   * it can be put right in place.
   */
  mappingProblems: Partial<Record<SpendRole | 'period', string>>;
  /** First and last date of the lines (the period for an undated file), and totals per financial year. */
  dateFrom: string | null;
  dateTo: string | null;
  years: SpendYearTotal[];
  /** The same content imported under other organisations: importing it again double counts. */
  duplicates: SpendDuplicate[];
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
  /** For a file with no date column: the period all its lines belong to (see shared/calc/spendPeriod). */
  period: z.string().trim().max(40, 'Give a period like 2011-04').nullish().transform((v) => (v ? v : null)),
});

const OrganisationTypeChoice = z.enum(ORGANISATION_TYPES, { error: `The organisation type is one of ${ORGANISATION_TYPES.join(', ')}` }).nullish().transform((v) => v ?? null);

export const SpendImportInput = SpendSourceInput.extend({
  /** Chosen by the caller so it can poll progress and cancel while the import runs. */
  importId: Id.nullish().transform((v) => v ?? null),
  skipBadRows: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  /** Import a file already imported under another organisation (it is otherwise refused: double counting). */
  allowDuplicateFile: z.boolean().default(false),
  /** The type of the publishing organisation when the import adds it (a name not yet among the partners); ignored otherwise. */
  organisationType: OrganisationTypeChoice,
});

/** `tpw spend import`: the same options, for a file named by path. */
export const SpendPathImportInput = z.object({
  organisation: RequiredText('The publishing organisation (--org)', 200),
  sheet: z.string().max(200).nullish().transform((v) => (v ? v : null)),
  period: z.string().trim().max(40, 'Give a period like 2011-04').nullish().transform((v) => (v ? v : null)),
  skipBadRows: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  allowDuplicateFile: z.boolean().default(false),
  organisationType: OrganisationTypeChoice,
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
  /** The organisation's type (council, nhs, police …), for the agency view. */
  organisationType: string;
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
  dateFrom: string | null;
  dateTo: string | null;
  dateStyle: DateStyle | null;
  /** The period given for a file with no dates. */
  period: SpendPeriod | null;
  years: SpendYearTotal[];
  /** The import under another organisation this one knowingly duplicates. */
  duplicateOf: { fileId: string; organisation: string } | null;
}

export interface SpendLine extends ParsedSpendLine {
  /** Stable key of the line (its file and row), for setting its theme by hand. */
  lineKey: number;
  /** The last day of the period, for a line of a file with no dates (its date is the first day). */
  periodEnd: string | null;
  fileId: string;
  fileName: string;
  sheet: string | null;
  organisation: string;
  organisationId: string;
  theme: string | null;
  themeId: string | null;
  /** How the theme was set: by a rule (its id), by hand, or not at all. */
  classifiedBy: { kind: 'rule'; ruleId: string } | { kind: 'manual'; setBy: string; setAt: string } | null;
}

export const SpendLinesFilter = z.object({
  organisationId: Id.nullish(),
  /** A theme id, or "unclassified" for lines no rule matched. */
  theme: z.union([Id, z.literal('unclassified')]).nullish(),
  year: z.string().regex(/^\d{4}-\d{2}$/, 'Use a financial year like 2017-18').nullish(),
  fileId: Id.nullish(),
  /** Lines a rule classified (a rule id), or set by hand ("manual"). */
  classifiedBy: z.union([Id, z.literal('manual')]).nullish(),
  /** Words every line shown must contain in its supplier, service area, expense type, description or transaction id. */
  q: z.string().trim().max(200, 'Keep the search under 200 characters').nullish().transform((v) => (v ? v : null)),
  sort: z.enum(SPEND_LINE_SORTS).default('date'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});

export interface SpendLinesPage {
  total: number;
  totalPence: number;
  lines: SpendLine[];
}

export const SpendLinesExportInput = SpendLinesFilter.omit({ offset: true, limit: true }).extend({ format: z.enum(['csv', 'xlsx'], { error: 'Choose CSV or XLSX' }) });

/** Setting the theme of chosen lines by hand (themeId null: unclassified by hand), or handing them back to the rules. */
export const SpendLineThemeInput = z.object({
  lineKeys: z.array(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)).min(1, 'Choose at least one line').max(1000, 'Choose at most 1,000 lines at a time'),
  themeId: Id.nullable(),
});
export const SpendLineKeysInput = SpendLineThemeInput.pick({ lineKeys: true });

export interface UnclassifiedGroup {
  organisationId: string;
  organisation: string;
  serviceArea: string | null;
  expenseType: string | null;
  rows: number;
  totalPence: number;
}

/** How the unclassified work list can be ordered (default: biggest spend, either sign, first). */
export const UNCLASSIFIED_SORTS = ['total', 'organisation', 'serviceArea', 'expenseType', 'lines'] as const;

export const UnclassifiedFilter = z.object({
  organisationId: Id.nullish(),
  year: z.string().regex(/^\d{4}-\d{2}$/, 'Use a financial year like 2017-18').nullish(),
  sort: z.enum(UNCLASSIFIED_SORTS, { error: `Sort by one of ${UNCLASSIFIED_SORTS.join(', ')}` }).default('total'),
  dir: z.enum(['asc', 'desc'], { error: 'Direction is asc or desc' }).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});

/** A page of the unclassified work list, with the true totals of the whole list. */
export interface UnclassifiedPage {
  groups: UnclassifiedGroup[];
  /** Groups in the whole list (not just this page), their lines and spend. */
  totalGroups: number;
  totalRows: number;
  totalPence: number;
}

export const RULE_FIELDS = ['serviceArea', 'expenseType', 'supplier', 'orgUnit', 'description'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const RULE_FIELD_LABELS: Record<RuleField, string> = {
  serviceArea: 'Service area',
  expenseType: 'Expense type',
  supplier: 'Supplier',
  orgUnit: 'Organisation unit',
  description: 'Description',
};
export const RULE_OPS = ['contains', 'equals', 'regex'] as const;
export type RuleOp = (typeof RULE_OPS)[number];
export const RULE_OP_LABELS: Record<RuleOp, string> = { contains: 'contains', equals: 'equals', regex: 'matches the pattern' };

/**
 * Rule patterns run on RE2's linear-time engine (re2js), never on JavaScript's backtracking one:
 * a pattern from a partner's bundle such as ^(a+)+$ then takes time in proportion to the text,
 * instead of hanging an import. RE2 has no back-references or look-arounds; a pattern using
 * them is refused with RE2's reason.
 */
export function rulePatternProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^error parsing regexp: /, '');
  }
}
const validRegex = (p: string) => rulePatternProblem(p) === null;

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
  /** Limits the rule to one organisation's lines; null (the default) applies it to every organisation. */
  organisationId: Id.nullable().default(null).describe('organisation'),
};
export const INVALID_PATTERN = 'That is not a valid pattern (regular expression)';
export const SpendRuleInput = z.object(SpendRuleFields).refine((r) => r.op !== 'regex' || validRegex(r.pattern), {
  message: INVALID_PATTERN,
  path: ['pattern'],
});
export const isValidRulePattern = validRegex;

export interface SpendRule extends RecordMeta {
  field: RuleField;
  op: RuleOp;
  pattern: string;
  themeId: string;
  priority: number;
  organisationId: string | null;
}

/** Lines and spend each rule classified, from the maintained aggregate. */
export interface SpendRuleHits {
  byRule: Record<string, { rows: number; totalPence: number }>;
  /** Lines whose theme was set by hand. */
  manual: { rows: number; totalPence: number };
  /** Lines classified before the rule behind each was recorded: re-applying the rules counts them. */
  unrecorded: { rows: number; totalPence: number };
}

export interface SpendRuleChange {
  rule: SpendRule;
  /** Lines whose theme changed because of this edit. */
  reclassified: number;
}

export const SpendExportInput = z.object({ format: z.enum(['csv', 'xlsx'], { error: 'Choose CSV or XLSX' }) });
