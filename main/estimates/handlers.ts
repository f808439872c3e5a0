import type { estimatesContract } from '../../shared/contract/estimates';
import { saveDeal } from './deal';
import { exportEstimate } from './export';
import { addImpact, deleteImpact, updateImpact } from './impacts';
import { deleteParameterSet, importSetUpload, listParameterSets, previewSetUpload } from './parameterSets';
import { evaluateModel, portfolio, portfolioView, portfolioPage } from './queries';
import {
  addIntervention,
  addLine,
  addLink,
  deleteIntervention,
  deleteLine,
  deleteLink,
  interventionDetail,
  listInterventions,
  updateIntervention,
  updateLine,
} from './service';
import {
  confidenceGrades,
  deflators,
  importUnitCosts,
  listConfidenceGrades,
  listDeflators,
  listUnitCosts,
  previewUnitCostImport,
  unitCosts,
} from './unitCosts';
import type { Handlers } from '../core/handlers';

export const estimatesHandlers: Handlers<typeof estimatesContract> = {
  'intervention.list': (ctx) => listInterventions(ctx),
  'intervention.get': (ctx, i) => interventionDetail(ctx, i.id),
  'intervention.add': (ctx, i) => addIntervention(ctx, i),
  'intervention.update': (ctx, i) => updateIntervention(ctx, i),
  'intervention.delete': (ctx, i) => deleteIntervention(ctx, i),
  'estimateLine.add': (ctx, i) => addLine(ctx, i),
  'estimateLine.update': (ctx, i) => updateLine(ctx, i),
  'estimateLine.delete': (ctx, i) => deleteLine(ctx, i),
  'interventionLink.add': (ctx, i) => addLink(ctx, i),
  'interventionLink.delete': (ctx, i) => deleteLink(ctx, i),
  'nonMonetisedImpact.add': (ctx, i) => addImpact(ctx, i),
  'nonMonetisedImpact.update': (ctx, i) => updateImpact(ctx, i),
  'nonMonetisedImpact.delete': (ctx, i) => deleteImpact(ctx, i),
  'parameterSet.list': (ctx) => listParameterSets(ctx),
  'parameterSet.preview': (ctx, i) => previewSetUpload(ctx, i),
  'parameterSet.import': (ctx, i) => importSetUpload(ctx, i),
  'parameterSet.delete': (ctx, i) => deleteParameterSet(ctx, i.id),
  'estimate.evaluate': async (_ctx, i) => evaluateModel(i.model),
  'estimate.portfolio': (ctx) => portfolio(ctx),
  'estimate.portfolioView': (ctx) => portfolioPage(ctx),
  'estimate.dealSave': (ctx, i) => saveDeal(ctx, i, async () => (await portfolioView(ctx)).deal),
  'estimate.export': (ctx, i) => exportEstimate(ctx, i),
  'unitCost.list': (ctx, i) => listUnitCosts(ctx, i),
  'unitCost.add': (ctx, i) => unitCosts.add(ctx, i),
  'unitCost.update': (ctx, i) => unitCosts.update(ctx, i),
  'unitCost.delete': (ctx, i) => unitCosts.remove(ctx, i),
  'unitCost.preview': (ctx, i) => previewUnitCostImport(ctx, i.uploadId),
  'unitCost.import': (ctx, i) => importUnitCosts(ctx, i.uploadId),
  'deflator.list': (ctx) => listDeflators(ctx),
  'deflator.add': (ctx, i) => deflators.add(ctx, i),
  'deflator.update': (ctx, i) => deflators.update(ctx, i),
  'deflator.delete': (ctx, i) => deflators.remove(ctx, i),
  'confidenceGrade.list': (ctx) => listConfidenceGrades(ctx),
  'confidenceGrade.add': (ctx, i) => confidenceGrades.add(ctx, i),
  'confidenceGrade.update': (ctx, i) => confidenceGrades.update(ctx, i),
  'confidenceGrade.delete': (ctx, i) => confidenceGrades.remove(ctx, i),
};
