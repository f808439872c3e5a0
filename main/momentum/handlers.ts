import type { momentumContract } from '../../shared/contract/momentum';
import type { Handlers } from '../core/handlers';
import { addAction, deleteAction, getAction, updateAction } from './actions';
import { listActions } from './queries';
import { addBenefit, addRealisation, benefitsOverTime, deleteBenefit, deleteRealisation, getBenefit, updateBenefit } from './benefits';
import { listBenefits } from './queries';

export const momentumHandlers: Handlers<typeof momentumContract> = {
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
};
