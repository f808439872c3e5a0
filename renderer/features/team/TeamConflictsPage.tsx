import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { ConflictList } from '../../kit/record/ConflictCard';
import { TeamHeader } from './TeamHeader';
import { useTeamSync } from './useTeamSync';

/**
 * Records two members changed at the same time: both versions kept, the same on every laptop.
 * Resolved once, by anyone; the resolution is sent straight away and reaches everyone.
 */
export function TeamConflictsPage() {
  const conflicts = useApi('team.conflicts', {});
  const sync = useTeamSync();
  return (
    <div className="page">
      <TeamHeader title="Conflicts between members" />
      <ConflictList
        query={conflicts}
        onResolved={() => sync.mutate()}
        empty={
          <EmptyState title="No conflicts">
            <p>When two members change the same record before either has synced, both versions are kept here — on every laptop — until one of you chooses. Nothing is overwritten silently.</p>
          </EmptyState>
        }
        labelsFor={(c) => ({
          intro: `${c.shownBy} and ${c.otherBy} changed this at the same time (seen here ${formatDate(c.createdAt, 'minute')}). Every member sees ${c.shownBy}’s version until someone chooses.`,
          mine: `${c.shownBy}’s version (shown now)`,
          theirs: `${c.otherBy}’s version`,
          keepMine: `Keep ${c.shownBy}’s`,
          takeTheirs: `Take ${c.otherBy}’s`,
        })}
      />
    </div>
  );
}
