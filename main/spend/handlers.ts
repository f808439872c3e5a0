import type { spendContract } from '../../shared/contract/spend';
import { cancelImport, importProgress, importSpend, previewSpend, sheetsOf } from './import';
import { exportSpendLines, exportSpendSummary } from './export';
import { clearLineTheme, setLineTheme } from './lineThemes';
import { deleteSpendFile, ruleHits, spendFiles, spendLines, spendSummary, unclassifiedGroups } from './queries';
import { addRule, deleteRule, listRules, reclassifyAll, updateRule } from './rules';
import type { Handlers } from '../core/handlers';

const download = (d: { name: string; urlPath: string; path: string }) => ({ name: d.name, urlPath: d.urlPath, path: d.path });

export const spendHandlers: Handlers<typeof spendContract> = {
  'spend.preview': (ctx, i) => previewSpend(ctx, i),
  'spend.sheets': (ctx, i) => sheetsOf(ctx, i.uploadId),
  'spend.import': (ctx, i) => importSpend(ctx, i),
  'spend.importProgress': async (_ctx, i) => importProgress(i.importId),
  'spend.cancelImport': async (_ctx, i) => cancelImport(i.importId),
  'spend.summary': (ctx) => spendSummary(ctx),
  'spend.lines': (ctx, i) => spendLines(ctx, i),
  'spend.exportLines': async (ctx, i) => download(await exportSpendLines(ctx, i)),
  'spend.files': (ctx) => spendFiles(ctx),
  'spend.deleteFile': (ctx, i) => deleteSpendFile(ctx, i.id),
  'spend.unclassified': (ctx, i) => unclassifiedGroups(ctx, i),
  'spend.exportSummary': async (ctx, i) => download(await exportSpendSummary(ctx, i.format)),
  'spend.reclassify': (ctx) => reclassifyAll(ctx),
  'spend.setLineTheme': (ctx, i) => setLineTheme(ctx, i),
  'spend.clearLineTheme': (ctx, i) => clearLineTheme(ctx, i),
  'spendRule.list': (ctx) => listRules(ctx),
  'spendRule.hits': (ctx) => ruleHits(ctx),
  'spendRule.add': (ctx, i) => addRule(ctx, i),
  'spendRule.update': (ctx, i) => updateRule(ctx, i),
  'spendRule.delete': (ctx, i) => deleteRule(ctx, i),
};
