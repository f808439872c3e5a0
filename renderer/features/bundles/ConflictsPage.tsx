import { TEAM_CONFLICT_SOURCE } from '../../../shared/domain/team';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { ConflictList } from '../../kit/record/ConflictCard';
import { BundlesHeader } from './BundlesHeader';

/** Records changed on both sides: both versions kept until someone here decides. */
export function ConflictsPage() {
  const all = useApi('conflict.list', { includeResolved: false });
  // Conflicts between team members belong to the team's page (Team → Conflicts), not to partner exchange.
  const conflicts = { ...all, data: all.data?.filter((c) => c.bundleId !== TEAM_CONFLICT_SOURCE) };
  return (
    <div className="page">
      <BundlesHeader title="Conflicts" />
      <ConflictList
        query={conflicts}
        empty={
          <EmptyState title="No conflicts to resolve">
            <p>When a partner's bundle changes a record you have also changed, both versions are kept here for you to choose between or merge. Nothing is ever overwritten silently.</p>
          </EmptyState>
        }
        labelsFor={(c) => ({
          intro: `Changed here and by ${c.sender} (bundle received ${formatDate(c.createdAt, 'minute')}).`,
          mine: 'Ours',
          theirs: `Theirs (${c.sender})`,
          keepMine: 'Keep ours',
          takeTheirs: 'Take theirs',
        })}
      />
    </div>
  );
}
