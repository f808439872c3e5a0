import { useApi } from '../../api/hooks';
import { PageHeader } from '../../kit/page/PageHeader';

/** The data protection area: retention reviews, subject access, the erasure log. */
export function PrivacyHeader({ title }: { title: string }) {
  const overview = useApi('retention.overview', {});
  const due = overview.data?.due.length ?? 0;
  const tabs = {
    label: 'Data protection views',
    links: [
      { to: '/privacy/retention', label: `Retention${due > 0 ? ` (${due} due)` : ''}` },
      { to: '/privacy/sar', label: 'Subject access' },
      { to: '/privacy/erasures', label: 'Erasures' },
    ],
  };
  return <PageHeader title={title} tabs={tabs} />;
}
