import { PageHeader } from '../../kit/page/PageHeader';

const TABS = {
  label: 'Spend views',
  links: [
    { to: '/spend', label: 'Whole place', end: true },
    { to: '/spend/import', label: 'Import' },
    { to: '/spend/rules', label: 'Rules' },
    { to: '/spend/unclassified', label: 'Unclassified' },
    { to: '/spend/files', label: 'Files' },
    { to: '/spend/baseline', label: 'Baseline' },
  ],
};

/** The spend pages' heading and tabs. */
export function SpendHeader({ title }: { title: string }) {
  return <PageHeader title={title} tabs={TABS} />;
}
