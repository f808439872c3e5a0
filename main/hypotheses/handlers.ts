import type { hypothesisContract } from '../../shared/contract/hypotheses';
import { addHypothesis, deleteHypothesis, getHypothesis, setHypothesisStatus, statusHistory, updateHypothesis } from './service';
import { listHypotheses } from './queries';
import type { Handlers } from '../core/handlers';

export const hypothesisHandlers: Handlers<typeof hypothesisContract> = {
  'hypothesis.list': (ctx, i) => listHypotheses(ctx, i),
  'hypothesis.get': (ctx, i) => getHypothesis(ctx, i.id),
  'hypothesis.add': (ctx, i) => addHypothesis(ctx, i),
  'hypothesis.update': (ctx, i) => updateHypothesis(ctx, i),
  'hypothesis.setStatus': (ctx, i) => setHypothesisStatus(ctx, i),
  'hypothesis.statusHistory': (ctx, i) => statusHistory(ctx, i.id),
  'hypothesis.delete': (ctx, i) => deleteHypothesis(ctx, i),
};
