import { useApi } from '../../api/hooks';
import { PageHeader } from '../../kit/page/PageHeader';

/** The bundles area: partners, sending, receiving, conflicts and the exchange log. */
export function BundlesHeader({ title }: { title: string }) {
  const conflicts = useApi('conflict.list', { includeResolved: false });
  const open = conflicts.data?.length ?? 0;
  const tabs = {
    label: 'Bundle views',
    links: [
      { to: '/bundles/send', label: 'Send' },
      { to: '/bundles/receive', label: 'Receive' },
      { to: '/bundles/conflicts', label: `Conflicts${open > 0 ? ` (${open})` : ''}` },
      { to: '/bundles/partners', label: 'Partners' },
      { to: '/bundles/log', label: 'Exchange log' },
    ],
  };
  return <PageHeader title={title} tabs={tabs} />;
}
