import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/nav';

/** Pages of the learning capability, mounted under the app layout. */
export const learningRoutes: RouteObject[] = [];

/** Its entries in the main navigation. */
export const learningNav: NavItem[] = [];
