import { useApi } from '../../api/hooks';
import { PageHeader } from '../../kit/page/PageHeader';

/** The team area: the team and its folder, conflicts between members, the sync log. */
export function TeamHeader({ title }: { title: string }) {
  const status = useApi('team.status', {});
  const open = status.data?.openConflicts ?? 0;
  const tabs = status.data?.team
    ? {
        label: 'Team views',
        links: [
          { to: '/team', label: 'Team', end: true },
          { to: '/team/conflicts', label: `Conflicts${open > 0 ? ` (${open})` : ''}` },
          { to: '/team/log', label: 'Sync log' },
        ],
      }
    : undefined;
  return <PageHeader title={title} tabs={tabs} />;
}
