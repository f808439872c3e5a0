import type { learningContract } from '../../shared/contract/learning';
import type { Handlers } from '../core/handlers';
import { addLearning, barriers, deleteBarrier, deleteLearning, getLearning, learningByBarrier, learningByMonth, updateLearning } from './service';
import { listBarriers, listLearning } from './queries';

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
};
