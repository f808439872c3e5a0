import { z } from 'zod';
import { type DashboardSummary } from '../domain/report';
import { query } from './define';

// The home page: one summary read across every capability.
export const dashboardContract = {
  'dashboard.summary': query<DashboardSummary>()(z.object({}).default({})),
};
