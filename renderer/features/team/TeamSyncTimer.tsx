import { useEffect, useRef } from 'react';
import { NavLink } from 'react-router';
import { useApi } from '../../api/hooks';
import { formatDate } from '../../kit/format/date';
import { useTeamSync } from './useTeamSync';
import { countOf } from '../../kit/format/number';

/** How often the app syncs while it is open (and once when it starts). */
const EVERY_MS = 5 * 60 * 1000;

/**
 * In the header, for a pilot in a team: syncs when the app starts and every five minutes while it
 * runs, and says when it last did (a link to the team page).
 */
export function TeamSyncTimer() {
  const status = useApi('team.status', {});
  const sync = useTeamSync();
  const inTeam = Boolean(status.data?.team && status.data.team.folderAllowed && status.data.team.status !== 'removed');
  const started = useRef(false);
  const run = useRef(sync.mutate);
  run.current = sync.mutate;
  useEffect(() => {
    if (!inTeam) return;
    if (!started.current) {
      started.current = true;
      run.current();
    }
    const timer = window.setInterval(() => run.current(), EVERY_MS);
    return () => window.clearInterval(timer);
  }, [inTeam]);
  const s = status.data;
  if (!s?.team) return null;
  const last = s.lastSync;
  const label = sync.isPending
    ? 'Team: syncing…'
    : !last
      ? 'Team: not synced yet'
      : !last.folderAvailable
        ? 'Team: folder not reachable'
        : `Team: synced ${formatDate(last.at, 'minute')}${s.openConflicts ? ` · ${countOf(s.openConflicts, 'conflict')}` : ''}`;
  return (
    <NavLink to="/team" className="team-pill">
      {label}
    </NavLink>
  );
}
