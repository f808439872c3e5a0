import { Navigate, useLocation, type RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { EvidenceListPage } from './EvidenceListPage';
import { EvidencePage } from './EvidencePage';
import { MatrixPage } from './MatrixPage';
import { NewEvidencePage } from './NewEvidencePage';
import { CodeBookPage } from './CodeBookPage';

/** The old evidence-only search page: its addresses (bookmarks) open the search over everything. */
function OldSearch() {
  const { search } = useLocation();
  return <Navigate to={`/search${search}`} replace />;
}

/** Pages of the evidence capability, mounted under the app layout. */
export const evidenceRoutes: RouteObject[] = [
  { path: 'evidence', element: <EvidenceListPage /> },
  { path: 'evidence/new', element: <NewEvidencePage /> },
  { path: 'evidence/matrix', element: <MatrixPage /> },
  { path: 'evidence/search', element: <OldSearch /> },
  { path: 'evidence/codes', element: <CodeBookPage /> },
  { path: 'evidence/:id', element: <EvidencePage /> },
];

/** Its entries in the main navigation. */
export const evidenceNav: NavItem[] = [{ to: '/evidence', label: 'Evidence' }];
