import type { Tabs } from '../../kit/page/PageHeader';

/** The learning and momentum pages share one strip of tabs. */
export const MOMENTUM_TABS: Tabs = {
  label: 'Learning and momentum',
  links: [
    { to: '/learning', label: 'Learning log', end: true },
    { to: '/learning/barriers', label: 'Barriers' },
    { to: '/actions', label: 'Actions' },
    { to: '/benefits', label: 'Benefits register' },
  ],
};
