import { z } from 'zod';
import type { FileLink } from '../domain/bundles';
import { MeInput, TeamAddInput, TeamCreateInput, TeamJoinInput, TeamRemoveInput, type AssignedWork, type MeView, type StateHash, type SyncResult, type TeamConflictView, type TeamStatus } from '../domain/team';
import { command, localOnly, query } from './define';

const None = z.object({}).default({});

// Team working through a shared folder, who is making the changes here, and their own work.
export const teamContract = {
  'team.status': query<TeamStatus>()(None),
  // They name a folder on this machine: local callers only; the desktop window gets the folder from
  // a dialog in the main process (localOnly + pick, main/electron/allowList.ts).
  'team.create': localOnly(command<TeamStatus>()(TeamCreateInput), { pick: { field: 'folder', kind: 'folder', title: 'Choose the team folder' } }),
  'team.join': localOnly(command<TeamStatus>()(TeamJoinInput), { pick: { field: 'folder', kind: 'folder', title: 'Choose the team folder' } }),
  'team.addMember': command<TeamStatus>()(TeamAddInput),
  'team.removeMember': command<TeamStatus>()(TeamRemoveInput),
  /** Reads what teammates wrote to the folder, applies it, writes our own changes. */
  'team.sync': command<SyncResult>()(None),
  /** Conflicts between members' versions (partner-bundle conflicts are under conflict.list). */
  'team.conflicts': query<TeamConflictView[]>()(None),
  /** Our member card (with our name) as a downloadable file, for a teammate to add us. */
  'team.card': query<FileLink>()(None),
  /** A hash of everything the team shares as held here, to compare two laptops (reads the whole pilot: on request only). */
  'team.stateHash': query<StateHash>()(None),
  'me.get': query<MeView>()(None),
  'me.set': command<MeView>()(MeInput),
  'me.assigned': query<AssignedWork>()(None),
};
