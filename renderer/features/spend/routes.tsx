import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/nav';

/** Pages of the spend capability, mounted under the app layout. */
export const spendRoutes: RouteObject[] = [];

/** Its entries in the main navigation. */
export const spendNav: NavItem[] = [];
