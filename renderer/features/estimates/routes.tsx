import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/nav';

/** Pages of the estimates capability, mounted under the app layout. */
export const estimatesRoutes: RouteObject[] = [];

/** Its entries in the main navigation. */
export const estimatesNav: NavItem[] = [];
