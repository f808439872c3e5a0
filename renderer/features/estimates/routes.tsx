import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { InterventionPage } from './InterventionPage';
import { InterventionsPage } from './InterventionsPage';
import { PortfolioPage } from './PortfolioPage';
import { UnitCostsPage } from './UnitCostsPage';

/** Pages of the estimates capability, mounted under the app layout. */
export const estimatesRoutes: RouteObject[] = [
  { path: 'estimates', element: <InterventionsPage /> },
  { path: 'estimates/portfolio', element: <PortfolioPage /> },
  { path: 'estimates/unit-costs', element: <UnitCostsPage /> },
  { path: 'estimates/:id', element: <InterventionPage /> },
];

/** Its entries in the main navigation. */
export const estimatesNav: NavItem[] = [{ to: '/estimates', label: 'Savings estimates' }];
