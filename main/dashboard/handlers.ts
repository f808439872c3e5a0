import type { dashboardContract } from '../../shared/contract/dashboard';
import type { Handlers } from '../core/handlers';
import { dashboardSummary } from './service';

export const dashboardHandlers: Handlers<typeof dashboardContract> = {
  'dashboard.summary': (ctx) => dashboardSummary(ctx),
};
