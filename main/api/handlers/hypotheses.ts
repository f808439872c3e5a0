import type { hypothesisContract } from '../../../shared/contract/hypotheses';
import {
  addHypothesis,
  deleteHypothesis,
  getHypothesis,
  listHypotheses,
  setHypothesisStatus,
  statusHistory,
  updateHypothesis,
} from '../../services/hypotheses';
import type { Handlers } from './types';

export const hypothesisHandlers: Handlers<typeof hypothesisContract> = {
  'hypothesis.list': (ctx, i) => listHypotheses(ctx, i),
  'hypothesis.get': (ctx, i) => getHypothesis(ctx, i.id),
  'hypothesis.add': (ctx, i) => addHypothesis(ctx, i),
  'hypothesis.update': (ctx, i) => updateHypothesis(ctx, i),
  'hypothesis.setStatus': (ctx, i) => setHypothesisStatus(ctx, i),
  'hypothesis.statusHistory': (ctx, i) => statusHistory(ctx, i.id),
  'hypothesis.delete': (ctx, i) => deleteHypothesis(ctx, i),
};
