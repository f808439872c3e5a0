import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { ReportPage } from './ReportPage';

/** The pilot report: its narrative, the options, the generated versions. */
export const reportRoutes: RouteObject[] = [{ path: 'report', element: <ReportPage /> }];

export const reportNav: NavItem[] = [{ to: '/report', label: 'Pilot report' }];
