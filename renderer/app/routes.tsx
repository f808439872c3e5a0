import type { RouteObject } from 'react-router';
import { bundlesRoutes } from '../features/bundles/routes';
import { estimatesRoutes } from '../features/estimates/routes';
import { evidenceRoutes } from '../features/evidence/routes';
import { learningRoutes } from '../features/learning/routes';
import { reportRoutes } from '../features/report/routes';
import { privacyRoutes } from '../features/privacy/routes';
import { searchRoutes } from '../features/search/routes';
import { spendRoutes } from '../features/spend/routes';
import { teamRoutes } from '../features/team/routes';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { BoardPage } from '../features/hypotheses/BoardPage';
import { HypothesisPage } from '../features/hypotheses/HypothesisPage';
import { ListPage } from '../features/hypotheses/ListPage';
import { NewHypothesisPage } from '../features/hypotheses/NewHypothesisPage';
import { RecycleBinPage } from '../features/recycle/RecycleBinPage';
import { SetupPage } from '../features/setup/SetupPage';
import { NotFoundPage } from './NotFoundPage';

/** Every page. Each capability adds its routes here and its entry in nav.ts. */
export const PAGE_ROUTES: RouteObject[] = [
  { index: true, element: <DashboardPage /> },
  { path: 'setup', element: <SetupPage /> },
  { path: 'hypotheses', element: <BoardPage /> },
  { path: 'hypotheses/list', element: <ListPage /> },
  { path: 'hypotheses/new', element: <NewHypothesisPage /> },
  { path: 'hypotheses/:id', element: <HypothesisPage /> },
  { path: 'recycle-bin', element: <RecycleBinPage /> },
  ...evidenceRoutes,
  ...spendRoutes,
  ...estimatesRoutes,
  ...learningRoutes,
  ...reportRoutes,
  ...bundlesRoutes,
  ...searchRoutes,
  ...teamRoutes,
  ...privacyRoutes,
  { path: '*', element: <NotFoundPage /> },
];
