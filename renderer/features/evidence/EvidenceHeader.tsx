import { Link } from 'react-router';
import { PageHeader } from '../../kit/page/PageHeader';

const TABS = {
  label: 'Evidence views',
  links: [
    { to: '/evidence', label: 'List', end: true },
    { to: '/evidence/matrix', label: 'Matrix' },
    { to: '/evidence/codes', label: 'Code book' },
  ],
};

export function EvidenceHeader({ title = 'Evidence' }: { title?: string }) {
  return (
    <PageHeader title={title} tabs={TABS}>
      <Link to="/evidence/new" className="button">Add evidence</Link>
    </PageHeader>
  );
}
