import { z } from 'zod';
import { ById, ByIdRev, Id, UpdateOf } from '../domain/common';
import {
  SpendExportInput,
  SpendImportInput,
  SpendLineKeysInput,
  SpendLinesExportInput,
  SpendLinesFilter,
  SpendLineThemeInput,
  SpendRuleFields,
  SpendRuleInput,
  SpendSourceInput,
  UnclassifiedFilter,
  type SheetGuess,
  type SpendFile,
  type SpendImportProgress,
  type SpendImportResult,
  type SpendLinesPage,
  type SpendPreview,
  type SpendRule,
  type SpendRuleChange,
  type SpendRuleHits,
  type SpendSummaryRow,
  type UnclassifiedPage,
} from '../domain/spend';
import { command, query } from './define';

export interface SpendDownload {
  name: string;
  urlPath: string;
  path: string;
}

const ByImportId = z.object({ importId: Id });

// Methods of the spend capability. (Kept in its own file so capabilities can grow independently.)
export const spendContract = {
  /** Reads an uploaded file and shows what an import would do; saves nothing. */
  'spend.preview': query<SpendPreview>()(SpendSourceInput),
  /** The sheets of an uploaded workbook, with the guess of which holds the transactions: chosen before the columns are. */
  'spend.sheets': query<{ kind: 'csv' | 'xlsx'; sheets: SheetGuess[] }>()(z.object({ uploadId: Id })),
  /** Imports a file in one transaction (or checks it, with dryRun). */
  'spend.import': command<SpendImportResult>()(SpendImportInput),
  'spend.importProgress': query<SpendImportProgress | null>()(ByImportId),
  /** Asks a running import to stop (it then rolls back). Changes no data itself, so it is not queued behind the import. */
  'spend.cancelImport': query<{ cancelled: boolean }>()(ByImportId),
  /** Organisation × theme × UK financial year. */
  'spend.summary': query<SpendSummaryRow[]>()(z.object({}).default({})),
  'spend.lines': query<SpendLinesPage>()(SpendLinesFilter),
  /** The lines a filter selects, as a CSV or XLSX download (every line, not just a page). */
  'spend.exportLines': query<SpendDownload>()(SpendLinesExportInput),
  'spend.files': query<SpendFile[]>()(z.object({}).default({})),
  'spend.deleteFile': command<{ id: string; rows: number }>()(ById),
  'spend.unclassified': query<UnclassifiedPage>()(UnclassifiedFilter),
  'spend.exportSummary': query<SpendDownload>()(SpendExportInput),
  'spend.reclassify': command<{ reclassified: number }>()(z.object({}).default({})),
  /** Sets the theme of chosen lines by hand (kept when the rules are re-applied). */
  'spend.setLineTheme': command<{ changed: number }>()(SpendLineThemeInput),
  /** Hands chosen lines back to the rules. */
  'spend.clearLineTheme': command<{ changed: number }>()(SpendLineKeysInput),

  'spendRule.list': query<SpendRule[]>()(z.object({}).default({})),
  /** Lines and spend each rule classified (and those set by hand). */
  'spendRule.hits': query<SpendRuleHits>()(z.object({}).default({})),
  'spendRule.add': command<SpendRuleChange>()(SpendRuleInput),
  'spendRule.update': command<SpendRuleChange>()(UpdateOf(SpendRuleFields)),
  'spendRule.delete': command<SpendRuleChange>()(ByIdRev),
};
