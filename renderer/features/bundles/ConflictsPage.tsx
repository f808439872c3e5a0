import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { ConflictList } from '../../kit/record/ConflictCard';
import { BundlesHeader } from './BundlesHeader';

/** Records changed on both sides: both versions kept until someone here decides. */
export function ConflictsPage() {
  // Partners' conflicts only: those between team members are on the team's page (Team → Conflicts).
  const conflicts = useApi('conflict.list', { includeResolved: false });
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
