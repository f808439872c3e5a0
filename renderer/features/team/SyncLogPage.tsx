import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { formatDate } from '../../kit/format/date';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { TeamHeader } from './TeamHeader';

const OUTCOME = { ok: 'Synced', unavailable: 'Folder not reachable', error: 'Could not write' } as const;

/** The team's own log of syncs (exchanges with partners are in Bundles → Exchange log). */
export function SyncLogPage() {
  const status = useApi('team.status', {});
  return (
    <div className="page">
      <TeamHeader title="Sync log" />
      <ListState query={{ data: status.data?.log, isPending: status.isPending, error: status.error }} what="the sync log" empty={<EmptyState title="No syncs yet" />}>
        {(rows) => (
          <DataTable caption="The last 20 syncs with the team folder" columns={['When', 'By', 'Outcome', ...numeric('Applied', 'Sent', 'Conflicts', 'Not applied yet')]}>
            {rows.map((l) => (
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
      </ListState>
    </div>
  );
}
