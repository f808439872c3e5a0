import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SyncResult } from '../../../shared/domain/team';
import { callOrThrow, type CallError } from '../../api/client';

/**
 * Syncs with the team folder. Only when teammates' changes were applied is every cached page read
 * again; otherwise just the team's own status (a timer sync every few minutes must not make every
 * open page reload).
 */
export function useTeamSync() {
  const qc = useQueryClient();
  return useMutation<SyncResult, CallError, void>({
    mutationFn: () => callOrThrow('team.sync', {}),
    onSuccess: (r) => (r.applied > 0 ? qc.invalidateQueries() : Promise.all([qc.invalidateQueries({ queryKey: ['team.status'] }), qc.invalidateQueries({ queryKey: ['team.conflicts'] })])),
    onError: () => qc.invalidateQueries({ queryKey: ['team.status'] }),
  });
}
