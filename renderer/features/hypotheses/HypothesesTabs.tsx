import { Link } from 'react-router';
import { PageHeader } from '../../kit/page/PageHeader';

const TABS = {
  label: 'Hypothesis views',
  links: [
    { to: '/hypotheses', label: 'Board', end: true },
    { to: '/hypotheses/list', label: 'List' },
  ],
};

export function HypothesesHeader() {
  return (
    <PageHeader title="Hypotheses" tabs={TABS}>
      <Link to="/hypotheses/new" className="button">New hypothesis</Link>
    </PageHeader>
  );
}
