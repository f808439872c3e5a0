import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { EvidenceListPage } from './EvidenceListPage';
import { EvidencePage } from './EvidencePage';
import { MatrixPage } from './MatrixPage';
import { NewEvidencePage } from './NewEvidencePage';
import { SearchPage } from './SearchPage';

/** Pages of the evidence capability, mounted under the app layout. */
export const evidenceRoutes: RouteObject[] = [
  { path: 'evidence', element: <EvidenceListPage /> },
  { path: 'evidence/new', element: <NewEvidencePage /> },
  { path: 'evidence/matrix', element: <MatrixPage /> },
  { path: 'evidence/search', element: <SearchPage /> },
  { path: 'evidence/:id', element: <EvidencePage /> },
];

/** Its entries in the main navigation. */
export const evidenceNav: NavItem[] = [{ to: '/evidence', label: 'Evidence' }];
