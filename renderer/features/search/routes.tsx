import type { RouteObject } from 'react-router';
import { SearchPage } from './SearchPage';

/** The search over everything (the header's box opens it with all results). */
export const searchRoutes: RouteObject[] = [{ path: 'search', element: <SearchPage /> }];
