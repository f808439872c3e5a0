import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { BaselinePage } from './BaselinePage';
import { FilesPage } from './FilesPage';
import { ImportPage } from './ImportPage';
import { LinesPage } from './LinesPage';
import { RulesPage } from './RulesPage';
import { UnclassifiedPage } from './UnclassifiedPage';
import { WholePlacePage } from './WholePlacePage';

/** Pages of the spend capability, mounted under the app layout. */
export const spendRoutes: RouteObject[] = [
  { path: 'spend', element: <WholePlacePage /> },
  { path: 'spend/import', element: <ImportPage /> },
  { path: 'spend/rules', element: <RulesPage /> },
  { path: 'spend/unclassified', element: <UnclassifiedPage /> },
  { path: 'spend/files', element: <FilesPage /> },
  { path: 'spend/lines', element: <LinesPage /> },
  { path: 'spend/baseline', element: <BaselinePage /> },
];

/** Its entries in the main navigation. */
export const spendNav: NavItem[] = [{ to: '/spend', label: 'Spend map' }];
