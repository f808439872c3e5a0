import type { reportContract } from '../../shared/contract/report';
import type { Handlers } from '../core/handlers';
import { generateReport, openGenerated, reportSections } from './service';

export const reportHandlers: Handlers<typeof reportContract> = {
  'report.sections': (ctx) => reportSections(ctx),
  'report.generate': (ctx, i) => generateReport(ctx, i),
  'report.open': (ctx, i) => openGenerated(ctx, i.urlPath),
};
