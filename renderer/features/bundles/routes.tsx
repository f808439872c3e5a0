import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/nav';

/** Pages of the bundles capability, mounted under the app layout. */
export const bundlesRoutes: RouteObject[] = [];

/** Its entries in the main navigation. */
export const bundlesNav: NavItem[] = [];
