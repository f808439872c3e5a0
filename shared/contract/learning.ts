import { z } from 'zod';
import { ById, ByIdRev, UpdateOf } from '../domain/common';
import { BarrierFields, BarrierInput, LearningFields, LearningFilter, LearningInput, type Barrier, type BarrierCount, type LearningEntry, type LearningMonth } from '../domain/learning';
import { command, query } from './define';

// The learning log: what did not work, what was difficult, and the barriers behind it.
export const learningContract = {
  'barrier.list': query<Barrier[]>()(z.object({}).default({})),
  'barrier.add': command<Barrier>()(BarrierInput),
  'barrier.update': command<Barrier>()(UpdateOf(BarrierFields)),
  'barrier.delete': command<Barrier>()(ByIdRev),
  'learning.list': query<LearningEntry[]>()(LearningFilter),
  'learning.get': query<LearningEntry>()(ById),
  'learning.add': command<LearningEntry>()(LearningInput),
  'learning.update': command<LearningEntry>()(UpdateOf(LearningFields)),
  'learning.delete': command<LearningEntry>()(ByIdRev),
  'learning.byBarrier': query<BarrierCount[]>()(LearningFilter),
  'learning.byMonth': query<LearningMonth[]>()(LearningFilter),
};
