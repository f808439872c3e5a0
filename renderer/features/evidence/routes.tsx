import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/nav';

/** Pages of the evidence capability, mounted under the app layout. */
export const evidenceRoutes: RouteObject[] = [];

/** Its entries in the main navigation. */
export const evidenceNav: NavItem[] = [];
