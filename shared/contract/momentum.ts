import { z } from 'zod';
import { ById, ByIdRev, Id, UpdateOf } from '../domain/common';
import { ActionFields, ActionFilter, ActionInput, BenefitFields, BenefitInput, RealisationInput, type ActionView, type Benefit, type BenefitSeriesPoint, type BenefitView, type Realisation } from '../domain/learning';
import { command, query } from './define';

// Momentum beyond the pilot: recommendations and actions, the benefits register and realisations.
export const momentumContract = {
  'action.list': query<ActionView[]>()(ActionFilter),
  'action.get': query<ActionView>()(ById),
  'action.add': command<ActionView>()(ActionInput),
  'action.update': command<ActionView>()(UpdateOf(ActionFields)),
  'action.delete': command<ActionView>()(ByIdRev),
  'benefit.list': query<BenefitView[]>()(z.object({}).default({})),
  'benefit.get': query<BenefitView>()(ById),
  'benefit.add': command<Benefit>()(BenefitInput),
  'benefit.update': command<Benefit>()(UpdateOf(BenefitFields)),
  'benefit.delete': command<Benefit>()(ByIdRev),
  'benefit.overTime': query<BenefitSeriesPoint[]>()(z.object({ benefitId: Id.optional() }).default({})),
  'realisation.add': command<Realisation>()(RealisationInput),
  'realisation.delete': command<Realisation>()(ByIdRev),
};
