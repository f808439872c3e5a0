import type { learningContract } from '../../../shared/contract/learning';
import { addAction, deleteAction, getAction, listActions, updateAction } from '../../services/actions';
import {
  addBenefit,
  addRealisation,
  benefitsOverTime,
  deleteBenefit,
  deleteRealisation,
  getBenefit,
  listBenefits,
  updateBenefit,
} from '../../services/benefits';
import { dashboardSummary } from '../../services/dashboard';
import {
  addLearning,
  barriers,
  deleteBarrier,
  deleteLearning,
  getLearning,
  learningByBarrier,
  learningByMonth,
  listBarriers,
  listLearning,
  updateLearning,
} from '../../services/learning';
import { generateReport, openGenerated, reportSections } from '../../services/report';
import type { Handlers } from './types';

export const learningHandlers: Handlers<typeof learningContract> = {
  'barrier.list': (ctx) => listBarriers(ctx),
  'barrier.add': (ctx, i) => barriers.add(ctx, i),
  'barrier.update': (ctx, i) => barriers.update(ctx, i),
  'barrier.delete': (ctx, i) => deleteBarrier(ctx, i),

  'learning.list': (ctx, i) => listLearning(ctx, i),
  'learning.get': (ctx, i) => getLearning(ctx, i.id),
  'learning.add': (ctx, i) => addLearning(ctx, i),
  'learning.update': (ctx, i) => updateLearning(ctx, i),
  'learning.delete': (ctx, i) => deleteLearning(ctx, i),
  'learning.byBarrier': (ctx, i) => learningByBarrier(ctx, i),
  'learning.byMonth': (ctx, i) => learningByMonth(ctx, i),

  'action.list': (ctx, i) => listActions(ctx, i),
  'action.get': (ctx, i) => getAction(ctx, i.id),
  'action.add': (ctx, i) => addAction(ctx, i),
  'action.update': (ctx, i) => updateAction(ctx, i),
  'action.delete': (ctx, i) => deleteAction(ctx, i),

  'benefit.list': (ctx) => listBenefits(ctx),
  'benefit.get': (ctx, i) => getBenefit(ctx, i.id),
  'benefit.add': (ctx, i) => addBenefit(ctx, i),
  'benefit.update': (ctx, i) => updateBenefit(ctx, i),
  'benefit.delete': (ctx, i) => deleteBenefit(ctx, i),
  'benefit.overTime': (ctx, i) => benefitsOverTime(ctx, i),
  'realisation.add': (ctx, i) => addRealisation(ctx, i),
  'realisation.delete': (ctx, i) => deleteRealisation(ctx, i),

  'dashboard.summary': (ctx) => dashboardSummary(ctx),

  'report.sections': (ctx) => reportSections(ctx),
  'report.generate': (ctx, i) => generateReport(ctx, i),
  'report.open': (ctx, i) => openGenerated(ctx, i.urlPath),
};
