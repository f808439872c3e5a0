import type { ReactNode } from 'react';
import { PageHeader } from '../../kit/page/PageHeader';

const TABS = {
  label: 'Savings estimates views',
  links: [
    { to: '/estimates', label: 'Interventions', end: true },
    { to: '/estimates/portfolio', label: 'Portfolio' },
    { to: '/estimates/unit-costs', label: 'Unit costs and tables' },
  ],
};

/** The savings-estimates pages share one heading area with tabs between them. */
export function EstimatesHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <PageHeader title={title} tabs={TABS}>
      {children}
    </PageHeader>
  );
}
