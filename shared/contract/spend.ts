import { z } from 'zod';
import { ById, ByIdRev, Id, UpdateOf } from '../domain/common';
import {
  SpendExportInput,
  SpendImportInput,
  SpendLinesFilter,
  SpendRuleFields,
  SpendRuleInput,
  SpendSourceInput,
  type SpendFile,
  type SpendImportProgress,
  type SpendImportResult,
  type SpendLinesPage,
  type SpendPreview,
  type SpendRule,
  type SpendRuleChange,
  type SpendSummaryRow,
  type UnclassifiedGroup,
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
  /** Imports a file in one transaction (or checks it, with dryRun). */
  'spend.import': command<SpendImportResult>()(SpendImportInput),
  'spend.importProgress': query<SpendImportProgress | null>()(ByImportId),
  'spend.cancelImport': command<{ cancelled: boolean }>()(ByImportId),
  /** Organisation × theme × UK financial year. */
  'spend.summary': query<SpendSummaryRow[]>()(z.object({}).default({})),
  'spend.lines': query<SpendLinesPage>()(SpendLinesFilter),
  'spend.files': query<SpendFile[]>()(z.object({}).default({})),
  'spend.deleteFile': command<{ id: string; rows: number }>()(ById),
  'spend.unclassified': query<UnclassifiedGroup[]>()(z.object({}).default({})),
  'spend.exportSummary': query<SpendDownload>()(SpendExportInput),
  'spend.reclassify': command<{ reclassified: number }>()(z.object({}).default({})),

  'spendRule.list': query<SpendRule[]>()(z.object({}).default({})),
  'spendRule.add': command<SpendRuleChange>()(SpendRuleInput),
  'spendRule.update': command<SpendRuleChange>()(UpdateOf(SpendRuleFields)),
  'spendRule.delete': command<SpendRuleChange>()(ByIdRev),
};
