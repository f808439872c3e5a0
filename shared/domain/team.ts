/**
 * Team working: one pilot kept on every member's laptop, synced through a folder they can all
 * reach (a OneDrive/SharePoint/Teams library, a network drive, a USB stick). The inputs here are
 * checked at every boundary; what the folder holds is described in main/team/fileFormat.ts.
 */
import { z } from 'zod';
import type { ConflictView } from './bundles';
import { OptionalText, RequiredText } from './common';

/** bundle_conflicts.bundle_id of a conflict between team members (a partner's conflict names its bundle). */
export const TEAM_CONFLICT_SOURCE = 'team';

/** A fingerprint as people read it aloud (groups of four) or as stored (64 hex digits). */
export const FingerprintInput = z
  .string()
  .trim()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, 'A fingerprint is 64 letters and digits (0–9, A–F)'));

const Folder = z
  .string({ error: 'Choose the team folder' })
  .trim()
  .min(1, 'Choose the team folder')
  .max(4096, 'That folder path is too long')
  .refine((s) => !s.includes('\0'), 'That is not a folder path');

export const TeamCreateInput = z.object({
  folder: Folder,
  name: RequiredText('The team name', 200),
});

export const TeamJoinInput = z.object({ folder: Folder });

export const TeamAddInput = z
  .object({
    /** The text of their contact card (Team → Download my card, or `tpw contact export`). */
    card: z.string().max(10_000, 'That is too large to be a contact card').optional(),
    /** Or the fingerprint of a join request they left in the team folder. */
    request: FingerprintInput.optional(),
    name: RequiredText('Their name', 200),
    organisation: OptionalText(200),
    /** Their new laptop: the member (fingerprint) whose old identity this one replaces. */
    replaces: FingerprintInput.optional(),
  })
  .refine((v) => Boolean(v.card) !== Boolean(v.request), { message: 'Give either their contact card or their join request', path: ['card'] });

export const TeamRemoveInput = z.object({ fingerprint: FingerprintInput });

/** The first-run question (and Set-up → You): who is making the changes from this laptop. */
export const MeInput = z.object({
  name: RequiredText('Your name', 100),
  organisation: OptionalText(200),
});

export type MemberStatus = 'active' | 'removed' | 'replaced';

export interface TeamMemberView {
  fingerprint: string;
  fingerprintGrouped: string;
  /** The member's folder of change files (the first 16 digits of their fingerprint, in lower case). */
  installationId: string;
  name: string;
  organisation: string | null;
  status: MemberStatus;
  me: boolean;
  addedBy: string | null;
  addedAt: string | null;
  /** Removed or replaced: when (by the remover's clock) and by whom. */
  endedAt: string | null;
  endedBy: string | null;
  /** For a replaced identity: the name of the member whose new laptop replaced it. */
  replacedBy: string | null;
  /**
   * When they last synced, by their own clock (to within half an hour: a sync with nothing to send
   * leaves a file at most that often), and when that arrived here, by ours.
   */
  lastSyncAt: string | null;
  lastSeenHere: string | null;
}

/** Why a file in the team folder was not (yet) applied. */
export type TeamNoteKind =
  | 'incomplete'
  | 'damaged'
  | 'unreadable'
  | 'not-for-us'
  | 'waiting'
  | 'unknown-signer'
  | 'removed-member'
  | 'other-team'
  | 'newer-version'
  | 'attachment-missing'
  | 'duplicate-name'
  | 'identity-clash';

export interface TeamNote {
  file: string;
  kind: TeamNoteKind;
  message: string;
  firstAt: string;
  lastAt: string;
  attempts: number;
}

export interface JoinRequestView {
  fingerprint: string;
  fingerprintGrouped: string;
  file: string;
}

export interface SyncResult {
  at: string;
  /** False when the folder could not be reached (unplugged drive, offline share): nothing was lost, it is tried again. */
  folderAvailable: boolean;
  /** A plain sentence when something stopped the sync part-way. */
  message: string | null;
  /** Changes (record revisions, resolutions, membership changes) applied from teammates. */
  applied: number;
  /** Change files and snapshots applied. */
  files: number;
  /** Team conflicts open after this sync. */
  conflicts: number;
  newConflicts: number;
  skipped: { file: string; reason: string }[];
  members: { name: string; fingerprint: string; status: MemberStatus; lastSyncAt: string | null }[];
  /** The change file this sync wrote (our changes since the last one), if any. */
  wrote: { file: string; changes: number } | null;
  snapshot: string | null;
}

export interface TeamInfo {
  id: string;
  name: string;
  folder: string;
  /** 'waiting': joined the folder, not yet added by a member; 'removed': a member removed us. */
  status: 'waiting' | 'member' | 'removed';
  installationId: string;
  fingerprint: string;
  fingerprintGrouped: string;
  joinedAt: string;
  /** IT's policy may limit where team folders may be (main/core/policy.ts). */
  folderAllowed: boolean;
}

/** SHA-256 of everything the team shares as held here: equal on two laptops means they hold the same. */
export interface StateHash {
  hash: string;
  /** Counts behind it, to say what was compared. */
  records: number;
  revisions: number;
}

export interface SyncLogEntry {
  id: string;
  at: string;
  actor: string;
  outcome: 'ok' | 'unavailable' | 'error';
  applied: number;
  wrote: number;
  conflicts: number;
  skipped: number;
  message: string | null;
}

export interface TeamStatus {
  team: TeamInfo | null;
  members: TeamMemberView[];
  notes: TeamNote[];
  requests: JoinRequestView[];
  lastSync: SyncResult | null;
  openConflicts: number;
  log: SyncLogEntry[];
  /** Folders IT allows team folders in (null: anywhere). */
  allowedLocations: string[] | null;
}

export interface MeView {
  name: string | null;
  organisation: string | null;
  /** True until this person has said who they are (the first-run question). */
  prompt: boolean;
  /** What changes are recorded under until then: the computer's user name. */
  computerName: string;
  /** Organisations already in the pilot, to choose from. */
  organisations: string[];
}

export interface AssignedWork {
  name: string | null;
  hypotheses: { id: string; statement: string; status: string; dueDate: string | null }[];
  actions: { id: string; title: string; status: string; dueDate: string | null }[];
  evidence: { id: string; title: string; kind: string; observedOn: string | null }[];
}

/** A conflict between two members' versions of one record, both kept until someone chooses. */
export interface TeamConflictView extends ConflictView {
  /** Who made the version the record shows now ("mine" in conflict.resolve), and the other one ("theirs"). */
  shownBy: string;
  otherBy: string;
}
