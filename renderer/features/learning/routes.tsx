import type { RouteObject } from 'react-router';
import type { NavItem } from '../../app/navItem';
import { ActionPage, ActionsPage, NewActionPage } from './ActionPages';
import { BarriersPage } from './BarriersPage';
import { BenefitsPage } from './BenefitsPage';
import { LearningEntryPage } from './LearningEntryPage';
import { LearningLogPage } from './LearningLogPage';
import { NewLearningPage } from './NewLearningPage';

/** Pages of the learning capability, mounted under the app layout. */
export const learningRoutes: RouteObject[] = [
  { path: 'learning', element: <LearningLogPage /> },
  { path: 'learning/new', element: <NewLearningPage /> },
  { path: 'learning/barriers', element: <BarriersPage /> },
  { path: 'learning/:id', element: <LearningEntryPage /> },
  { path: 'actions', element: <ActionsPage /> },
  { path: 'actions/new', element: <NewActionPage /> },
  { path: 'actions/:id', element: <ActionPage /> },
  { path: 'benefits', element: <BenefitsPage /> },
];

/** Its entries in the main navigation. */
export const learningNav: NavItem[] = [
  { to: '/learning', label: 'Learning log' },
  { to: '/actions', label: 'Actions' },
  { to: '/benefits', label: 'Benefits register' },
];
