import { Navigate, type RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { ConflictsPage } from './ConflictsPage';
import { LogPage } from './LogPage';
import { PartnersPage } from './PartnersPage';
import { ReceivePage } from './ReceivePage';
import { SendPage } from './SendPage';

/** Pages of the bundles capability, mounted under the app layout. */
export const bundlesRoutes: RouteObject[] = [
  { path: 'bundles', element: <Navigate to="/bundles/send" replace /> },
  { path: 'bundles/send', element: <SendPage /> },
  { path: 'bundles/receive', element: <ReceivePage /> },
  { path: 'bundles/conflicts', element: <ConflictsPage /> },
  { path: 'bundles/partners', element: <PartnersPage /> },
  { path: 'bundles/log', element: <LogPage /> },
];

/** Its entries in the main navigation. */
export const bundlesNav: NavItem[] = [{ to: '/bundles', label: 'Bundles' }];
