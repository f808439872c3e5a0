import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { SelectField } from '../../kit/form/fields';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import type { SyncLogEntry } from '../../../shared/domain/team';
import { TeamHeader } from './TeamHeader';

const OUTCOME = { ok: 'Synced', unavailable: 'Folder not reachable', error: 'Could not write' } as const;

/** The team's own log of syncs (exchanges with partners are in Bundles → Exchange log). */
export function SyncLogPage() {
  const status = useApi('team.status', {});
  const f = useFilters({ outcome: '' });
  const shown = status.data?.log.filter((l) => !f.active.outcome || l.outcome === f.active.outcome);
  const sort = useSort<SyncLogEntry>({ at: (l) => l.at, by: (l) => l.actor, outcome: (l) => OUTCOME[l.outcome], applied: (l) => l.applied, sent: (l) => l.wrote, conflicts: (l) => l.conflicts, skipped: (l) => l.skipped });
  return (
    <div className="page">
      <TeamHeader title="Sync log" />
      <FilteredList
        label="Filter the sync log"
        filters={<SelectField label="Outcome" {...f.bind('outcome')} emptyLabel="Any outcome" options={Object.entries(OUTCOME).map(([value, label]) => ({ value, label }))} />}
        query={{ data: shown, isPending: status.isPending, error: status.error }}
        what="the sync log"
        filtered={f.any}
        noMatch="No syncs match this filter"
        empty={<EmptyState title="No syncs yet" />}
      >
        {(rows) => (
          <DataTable
            caption="The last 20 syncs with the team folder"
            sorting={sort}
            columns={sortable(['When', 'at'], ['By', 'by'], ['Outcome', 'outcome'], ['Applied', 'applied', 'num'], ['Sent', 'sent', 'num'], ['Conflicts', 'conflicts', 'num'], ['Not applied yet', 'skipped', 'num'])}
          >
            {sort.apply(rows).map((l) => (
              <tr key={l.id}>
                <td>{formatDate(l.at, 'minute')}</td>
                <td>{l.actor}</td>
                <td>
                  {OUTCOME[l.outcome]}
                  {l.message && (
                    <>
                      <br />
                      <small className="muted">{l.message}</small>
                    </>
                  )}
                </td>
                <td className="num">{l.applied}</td>
                <td className="num">{l.wrote}</td>
                <td className="num">{l.conflicts}</td>
                <td className="num">{l.skipped}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
    </div>
  );
}
