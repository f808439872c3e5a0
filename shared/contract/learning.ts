import { z } from 'zod';
import { ById, ByIdRev, Id, UpdateOf } from '../domain/common';
import {
  ActionFields,
  ActionFilter,
  ActionInput,
  BarrierFields,
  BarrierInput,
  BenefitFields,
  BenefitInput,
  LearningFields,
  LearningFilter,
  LearningInput,
  RealisationInput,
  type ActionView,
  type Barrier,
  type BarrierCount,
  type Benefit,
  type BenefitSeriesPoint,
  type BenefitView,
  type LearningEntry,
  type LearningMonth,
  type Realisation,
} from '../domain/learning';
import { ReportOptions, type DashboardSummary, type ReportResult, type ReportSectionInfo } from '../domain/report';
import { command, query } from './define';

// Methods of the learning capability: the learning log, momentum (actions, benefits), the dashboard and the report.
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

  'dashboard.summary': query<DashboardSummary>()(z.object({}).default({})),

  'report.sections': query<ReportSectionInfo[]>()(z.object({}).default({})),
  /** Writes the report (HTML, and PDF and extracts when asked) and registers them as downloads. */
  'report.generate': command<ReportResult>()(ReportOptions),
  /** Desktop: opens a generated file (by its download path) in the system viewer. */
  'report.open': command<{ opened: true }>()(
    z.object({ urlPath: z.string().regex(/^\/files\/download\/[0-9a-f-]{36}$/, 'Not a generated file of this session') }),
  ),
};
