import { bundlesNav } from '../features/bundles/routes';
import { estimatesNav } from '../features/estimates/routes';
import { evidenceNav } from '../features/evidence/routes';
import { learningNav } from '../features/learning/routes';
import { reportNav } from '../features/report/routes';
import { privacyNav } from '../features/privacy/routes';
import { spendNav } from '../features/spend/routes';
import { assignedNav, teamNav } from '../features/team/routes';
import type { NavItem } from './navItem';

/** The main navigation, in the order of the work: set up, hypothesise, gather, count, estimate, learn, share. */
export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Dashboard' },
  ...assignedNav,
  { to: '/setup', label: 'Pilot set-up' },
  { to: '/hypotheses', label: 'Hypotheses' },
  ...evidenceNav,
  ...spendNav,
  ...estimatesNav,
  ...learningNav,
  ...reportNav,
  ...teamNav,
  ...bundlesNav,
  ...privacyNav,
  { to: '/recycle-bin', label: 'Recycle bin' },
];
