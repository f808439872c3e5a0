import { Navigate, type RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { ErasuresPage } from './ErasuresPage';
import { RetentionPage } from './RetentionPage';
import { SarPage } from './SarPage';

/** Pages of data protection (retention, erasure, subject access), mounted under the app layout. */
export const privacyRoutes: RouteObject[] = [
  { path: 'privacy', element: <Navigate to="/privacy/retention" replace /> },
  { path: 'privacy/retention', element: <RetentionPage /> },
  { path: 'privacy/sar', element: <SarPage /> },
  { path: 'privacy/erasures', element: <ErasuresPage /> },
];

export const privacyNav: NavItem[] = [{ to: '/privacy', label: 'Data protection' }];
