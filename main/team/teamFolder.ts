/**
 * The two plain (unencrypted) kinds of file in a team folder — both hold only public keys, never
 * anything of the pilot — and the check that a folder is the team's:
 *   team.json           the team's id and its founder's public keys, signed by the founder: where the
 *                       roster starts (every member is added by an event that traces back to the founder)
 *   requests/*.tpwjoin  a newcomer's public keys, self-signed, so a member can add them from the folder
 *                       after comparing the fingerprint by phone (no name: that is typed by whoever adds them)
 */
import { sign, verify, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { Id } from '../../shared/domain/common';
import { AppError } from '../../shared/errors';
import { groupFingerprint, keysFingerprint } from '../bundle/cards';
import { AGE_RECIPIENT, Fingerprint } from '../bundle/format';
import { parseJsonText } from '../bundle/jsonArray';
import { verifyingKey } from './fileFormat';
import { code, DIRS, EXT, isMissing, relOf, TEAM_JSON, type FolderIo } from './folder';
import type { TeamTable } from './tables';

export interface PublicKeys {
  fingerprint: string;
  ageRecipient: string;
  minisignPublicKey: string;
}

const Keys = {
  fingerprint: Fingerprint,
  ageRecipient: z.string().regex(AGE_RECIPIENT),
  minisignPublicKey: z.string().max(100),
};

const TeamJson = z.strictObject({
  format: z.literal('tpw-team-folder'),
  version: z.literal(1),
  teamId: Id,
  createdAt: z.string().max(40),
  founder: z.strictObject(Keys),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type TeamJson = z.infer<typeof TeamJson>;

const JoinRequest = z.strictObject({
  type: z.literal('tpw-team-join-request'),
  version: z.literal(1),
  teamId: Id,
  ...Keys,
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

const teamText = (teamId: string, k: PublicKeys) => `tpw-team-folder-v1\nteam:${teamId}\nfingerprint:${k.fingerprint}\nage:${k.ageRecipient}\nminisign:${k.minisignPublicKey}\n`;
const joinText = (teamId: string, k: PublicKeys) => `tpw-team-join-v1\nteam:${teamId}\nfingerprint:${k.fingerprint}\nage:${k.ageRecipient}\nminisign:${k.minisignPublicKey}\n`;

function signedBy(text: string, signature: string, keys: PublicKeys): boolean {
  if (keysFingerprint(keys.ageRecipient, keys.minisignPublicKey) !== keys.fingerprint) return false;
  try {
    return verify(null, Buffer.from(text), verifyingKey(keys.minisignPublicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function makeTeamJson(teamId: string, createdAt: string, founder: PublicKeys, signingKey: KeyObject): TeamJson {
  const keys = { fingerprint: founder.fingerprint, ageRecipient: founder.ageRecipient, minisignPublicKey: founder.minisignPublicKey };
  return { format: 'tpw-team-folder', version: 1, teamId, createdAt, founder: keys, signature: sign(null, Buffer.from(teamText(teamId, keys)), signingKey).toString('base64') };
}

/** The folder's team.json, checked; null when there is none (not a team folder, or not downloaded yet). */
export async function readTeamJson(io: FolderIo, folder: string): Promise<TeamJson | null> {
  let text: string;
  try {
    text = (await io.readFile(path.join(folder, TEAM_JSON))).toString('utf8');
  } catch (e) {
    if (code(e) === 'ENOENT') return null;
    throw e;
  }
  let raw: unknown;
  try {
    raw = parseJsonText(text.replace(/^\uFEFF/, ''), 'team.json');
  } catch {
    throw new AppError('BAD_FILE', `${TEAM_JSON} in ${folder} is damaged (it may still be downloading); try again in a moment.`);
  }
  const parsed = TeamJson.safeParse(raw);
  if (!parsed.success) throw new AppError('BAD_FILE', `${TEAM_JSON} in ${folder} is not a workbench team folder label.`);
  if (!signedBy(teamText(parsed.data.teamId, parsed.data.founder), parsed.data.signature, parsed.data.founder)) {
    throw new AppError('BAD_FILE', `${TEAM_JSON} in ${folder} has been altered (its signature does not match); do not use this folder until its founder has checked it.`);
  }
  return parsed.data;
}

/** Before any sync: the folder is there and is still this team's (not another team's, not an empty new folder). */
export async function checkTeamFolder(io: FolderIo, team: TeamTable): Promise<void> {
  const st = await io.stat(team.folder);
  if (!st.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  const label = await readTeamJson(io, team.folder);
  if (!label) {
    throw new AppError('STORAGE', `The team folder ${team.folder} has no ${TEAM_JSON}: it is not the team's folder, or the sync app has not downloaded it yet. Nothing was changed; your changes wait here.`);
  }
  if (label.teamId !== team.id || label.founder.fingerprint !== team.founderFingerprint) {
    throw new AppError('REFUSED', `The folder ${team.folder} now belongs to another team. Nothing was synced. Point this pilot at its own team folder (join it again).`);
  }
}

export function makeJoinRequest(teamId: string, keys: PublicKeys, signingKey: KeyObject): JoinRequest {
  const k = { fingerprint: keys.fingerprint, ageRecipient: keys.ageRecipient, minisignPublicKey: keys.minisignPublicKey };
  return { type: 'tpw-team-join-request', version: 1, teamId, ...k, signature: sign(null, Buffer.from(joinText(teamId, k)), signingKey).toString('base64') };
}

export const requestFileOf = (fingerprint: string): string => relOf(DIRS.requests, `${fingerprint.slice(0, 16).toLowerCase()}${EXT.request}`);

/** Checked join requests of this team found in the folder (copies and damaged ones ignored). */
export async function listJoinRequests(io: FolderIo, folder: string, teamId: string): Promise<(JoinRequest & { file: string })[]> {
  const dir = path.join(folder, DIRS.requests);
  let names: string[];
  try {
    names = (await io.readdir(dir)).filter((d) => d.isFile() && d.name.endsWith(EXT.request) && !d.name.startsWith('.')).map((d) => d.name);
  } catch (e) {
    if (isMissing(e)) return [];
    throw e;
  }
  const out = new Map<string, JoinRequest & { file: string }>();
  for (const name of names.sort()) {
    try {
      const raw = parseJsonText((await io.readFile(path.join(dir, name))).toString('utf8'), 'A join request');
      const r = JoinRequest.safeParse(raw);
      if (!r.success || r.data.teamId !== teamId || !signedBy(joinText(teamId, r.data), r.data.signature, r.data)) continue;
      if (!out.has(r.data.fingerprint)) out.set(r.data.fingerprint, { ...r.data, file: relOf(DIRS.requests, name) });
    } catch {
      // Half-downloaded or not a request: ignored until it reads whole.
    }
  }
  return [...out.values()];
}

export const describeKeys = (k: PublicKeys): string => groupFingerprint(k.fingerprint);
