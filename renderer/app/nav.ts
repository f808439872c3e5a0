import { bundlesNav } from '../features/bundles/routes';
import { estimatesNav } from '../features/estimates/routes';
import { evidenceNav } from '../features/evidence/routes';
import { learningNav } from '../features/learning/routes';
import { spendNav } from '../features/spend/routes';
import type { NavItem } from './navItem';

/** The main navigation, in the order of the work: set up, hypothesise, gather, count, estimate, learn, share. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/setup', label: 'Pilot set-up' },
  { to: '/hypotheses', label: 'Hypotheses' },
  ...evidenceNav,
  ...spendNav,
  ...estimatesNav,
  ...learningNav,
  ...bundlesNav,
  { to: '/recycle-bin', label: 'Recycle bin' },
];
