import type { spendContract } from '../../shared/contract/spend';
import { cancelImport, importProgress, importSpend, previewSpend } from './import';
import { exportSpendSummary } from './export';
import { deleteSpendFile, spendFiles, spendLines, spendSummary, unclassifiedGroups } from './queries';
import { addRule, deleteRule, listRules, reclassifyAll, updateRule } from './rules';
import type { Handlers } from '../core/handlers';

export const spendHandlers: Handlers<typeof spendContract> = {
  'spend.preview': (ctx, i) => previewSpend(ctx, i),
  'spend.import': (ctx, i) => importSpend(ctx, i),
  'spend.importProgress': async (_ctx, i) => importProgress(i.importId),
  'spend.cancelImport': async (_ctx, i) => cancelImport(i.importId),
  'spend.summary': (ctx) => spendSummary(ctx),
  'spend.lines': (ctx, i) => spendLines(ctx, i),
  'spend.files': (ctx) => spendFiles(ctx),
  'spend.deleteFile': (ctx, i) => deleteSpendFile(ctx, i.id),
  'spend.unclassified': (ctx) => unclassifiedGroups(ctx),
  'spend.exportSummary': async (ctx, i) => {
    const d = await exportSpendSummary(ctx, i.format);
    return { name: d.name, urlPath: d.urlPath, path: d.path };
  },
  'spend.reclassify': (ctx) => reclassifyAll(ctx),
  'spendRule.list': (ctx) => listRules(ctx),
  'spendRule.add': (ctx, i) => addRule(ctx, i),
  'spendRule.update': (ctx, i) => updateRule(ctx, i),
  'spendRule.delete': (ctx, i) => deleteRule(ctx, i),
};
