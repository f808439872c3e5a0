import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { AssignedPage } from './AssignedPage';
import { SyncLogPage } from './SyncLogPage';
import { TeamConflictsPage } from './TeamConflictsPage';
import { TeamPage } from './TeamPage';

/** Pages of team working, mounted under the app layout. */
export const teamRoutes: RouteObject[] = [
  { path: 'team', element: <TeamPage /> },
  { path: 'team/conflicts', element: <TeamConflictsPage /> },
  { path: 'team/log', element: <SyncLogPage /> },
  { path: 'assigned', element: <AssignedPage /> },
];

/** Its entries in the main navigation: one's own work near the top, the team beside the partners. */
export const assignedNav: NavItem[] = [{ to: '/assigned', label: 'Assigned to me' }];
export const teamNav: NavItem[] = [{ to: '/team', label: 'Team' }];
