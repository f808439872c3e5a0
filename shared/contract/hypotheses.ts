import { ById, ByIdRev, UpdateOf } from '../domain/common';
import {
  HypothesisFields,
  HypothesisFilter,
  HypothesisInput,
  HypothesisStatusChange,
  type Hypothesis,
  type StatusChange,
} from '../domain/hypotheses';
import { command, query } from './define';

export const hypothesisContract = {
  'hypothesis.list': query<Hypothesis[]>()(HypothesisFilter),
  'hypothesis.get': query<Hypothesis>()(ById),
  'hypothesis.add': command<Hypothesis>()(HypothesisInput),
  'hypothesis.update': command<Hypothesis>()(UpdateOf(HypothesisFields)),
  'hypothesis.setStatus': command<Hypothesis>()(HypothesisStatusChange),
  'hypothesis.statusHistory': query<StatusChange[]>()(ById),
  'hypothesis.delete': command<Hypothesis>()(ByIdRev),
};
