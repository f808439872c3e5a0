/** The main navigation, in the order of the work: set up, hypothesise, gather, count, estimate, learn. */
export interface NavItem {
  to: string;
  label: string;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Dashboard' },
  { to: '/setup', label: 'Pilot set-up' },
  { to: '/hypotheses', label: 'Hypotheses' },
  { to: '/recycle-bin', label: 'Recycle bin' },
];
