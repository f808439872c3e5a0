/**
 * The team: create one in a folder, join one, add and remove members, and what the app shows.
 *
 * Keys: each member's own (the installation's age and signing keys, main/bundle/identity.ts).
 * Change files are encrypted to every current member's age recipient, so removing a member is
 * simply not encrypting to them any more — no shared team key to rotate, hand out or leak. A
 * member's new laptop has new keys: an existing member adds its card as replacing the old one.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { FileLink } from '../../shared/domain/bundles';
import type { JoinRequestView, TeamMemberView, TeamStatus, SyncResult } from '../../shared/domain/team';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { groupFingerprint, makeCard, verifyCard } from '../bundle/cards';
import { loadIdentity, publicOf, type Identity } from '../bundle/identity';
import { parseJsonText } from '../bundle/jsonArray';
import { teamFolderAllowed } from '../core/policy';
import type { ServiceContext } from '../core/context';
import { exportsDir, registerDownload } from '../core/transfers';
import { installationOf, type Roster } from './events';
import { code, nodeIo, README_TEXT, TEAM_JSON, writeAtomic, type FolderIo } from './folder';
import { loadTeam, requireTeam, rosterOf } from './state';
import { addEvent, myProfile } from './profile';
import { syncTeam } from './sync';
import { listJoinRequests, makeJoinRequest, makeTeamJson, readTeamJson, requestFileOf, type PublicKeys } from './teamFolder';
import { TEAM_CONFLICT } from './apply';
import type { TeamTable } from './tables';

function allowed(ctx: ServiceContext, folder: string): void {
  if (ctx.policy && !teamFolderAllowed(ctx.policy, folder)) {
    throw new AppError('REFUSED', `Your IT department allows team folders only in ${ctx.policy.teamFolderLocations!.join('; ')}. Choose a folder there.`, { folder: 'Not in a folder your IT department allows' });
  }
}

const absolute = (folder: string) => path.resolve(folder);

export async function createTeam(ctx: ServiceContext, input: { folder: string; name: string }, io: FolderIo = nodeIo): Promise<TeamStatus> {
  if (await loadTeam(ctx)) throw new AppError('REFUSED', 'This pilot is already in a team. A pilot belongs to one team.');
  const folder = absolute(input.folder);
  allowed(ctx, folder);
  try {
    await io.mkdir(folder);
  } catch (e) {
    if (code(e) === 'ENOENT') throw new AppError('NOT_FOUND', `The folder ${path.dirname(folder)} does not exist. Choose a folder your team can all reach (a synced SharePoint or OneDrive folder, a network drive, a USB stick).`, { folder: 'That folder does not exist' });
    if (code(e) !== 'EEXIST') throw new AppError('STORAGE', `The folder ${folder} cannot be used (${code(e) ?? (e as Error).message}).`, { folder: 'Cannot be used' });
  }
  const existing = await readTeamJson(io, folder).catch(() => null);
  if (existing || (await io.stat(path.join(folder, TEAM_JSON)).then(() => true, () => false))) {
    throw new AppError('CONFLICT', `${folder} is already a team folder. To work with that team, join it instead.`, { folder: 'Already a team folder: join it instead' });
  }
  const identity = await loadIdentity(ctx);
  const teamId = newId();
  const now = ctx.now().toISOString();
  const label = makeTeamJson(teamId, now, publicOf(identity), identity.signingKey);
  try {
    await writeAtomic(io, folder, 'README.txt', (fh) => fh.writeFile(README_TEXT).then(() => undefined));
    await writeAtomic(io, folder, TEAM_JSON, (fh) => fh.writeFile(`${JSON.stringify(label, null, 2)}\n`).then(() => undefined));
  } catch (e) {
    throw new AppError('STORAGE', `The team folder ${folder} cannot be written to (${code(e) ?? (e as Error).message}). Choose a folder you can write to.`, { folder: 'Cannot be written to' });
  }
  const team = await insertTeam(ctx, teamId, folder, identity, publicOf(identity), now);
  const me = await myProfile(ctx);
  await addEvent(ctx, team, identity, { kind: 'create', name: input.name, member: { ...publicOf(identity), name: me.name, organisation: me.organisation } });
  await syncTeam(ctx, { io });
  return teamStatus(ctx, io);
}

async function insertTeam(ctx: ServiceContext, id: string, folder: string, identity: Identity, founder: PublicKeys, now: string): Promise<TeamTable> {
  const row: TeamTable = {
    id,
    singleton: 1,
    folder,
    installationId: installationOf(identity.fingerprint),
    founderFingerprint: founder.fingerprint,
    founderAgeRecipient: founder.ageRecipient,
    founderMinisignKey: founder.minisignPublicKey,
    joinedAt: now,
    nextSeq: 1,
    nextSnapshot: 1,
    lamport: 0,
    changesSinceSnapshot: 0,
    snapshotRoster: '',
    lastSnapshotAt: null,
    lastFileAt: null,
    lastSyncAt: null,
    lastSync: null,
  };
  await ctx.db.insertInto('team').values(row).execute();
  return row;
}

export async function joinTeam(ctx: ServiceContext, input: { folder: string }, io: FolderIo = nodeIo): Promise<TeamStatus> {
  const folder = absolute(input.folder);
  allowed(ctx, folder);
  const label = await readTeamJson(io, folder).catch((e: unknown) => {
    if (e instanceof AppError) throw new AppError(e.code, e.message, { folder: 'Not a usable team folder' });
    throw new AppError('NOT_FOUND', `The folder ${folder} cannot be read (${code(e) ?? (e as Error).message}).`, { folder: 'Cannot be read' });
  });
  if (!label) {
    throw new AppError('NOT_FOUND', `${folder} is not a team folder (there is no ${TEAM_JSON} in it). Choose the folder a teammate created the team in — if your sync app is still downloading it, wait a moment and try again.`, { folder: 'Not a team folder' });
  }
  const current = await loadTeam(ctx);
  if (current) {
    if (current.id !== label.teamId) throw new AppError('REFUSED', 'This pilot is already in another team. A pilot belongs to one team.', { folder: 'This pilot is in another team' });
    // The same team's folder, somewhere else on this laptop (the sync app moved it): follow it.
    await ctx.db.updateTable('team').set({ folder }).execute();
    await syncTeam(ctx, { io });
    return teamStatus(ctx, io);
  }
  const identity = await loadIdentity(ctx);
  await insertTeam(ctx, label.teamId, folder, identity, label.founder, ctx.now().toISOString());
  if (label.founder.fingerprint !== identity.fingerprint) {
    const request = makeJoinRequest(label.teamId, publicOf(identity), identity.signingKey);
    await writeAtomic(io, folder, requestFileOf(identity.fingerprint), (fh) => fh.writeFile(`${JSON.stringify(request, null, 2)}\n`).then(() => undefined)).catch(() => undefined);
  }
  await syncTeam(ctx, { io });
  return teamStatus(ctx, io);
}

function requireActive(roster: Roster, identity: Identity): void {
  const me = roster.members.get(identity.fingerprint);
  if (!me || me.status !== 'active') throw new AppError('REFUSED', 'Only a member of the team can change who is in it, and this installation has not been added yet (or was removed).');
}

function keysFromCard(text: string): PublicKeys {
  let raw: unknown;
  try {
    raw = parseJsonText(text, 'The contact card');
  } catch (e) {
    throw new AppError('BAD_FILE', (e as Error).message, { card: 'Not a contact card' });
  }
  try {
    const c = verifyCard(raw);
    return { fingerprint: c.fingerprint, ageRecipient: c.ageRecipient, minisignPublicKey: c.minisignPublicKey };
  } catch (e) {
    throw new AppError('BAD_FILE', (e as Error).message, { card: 'Not a valid contact card' });
  }
}

export async function addMember(
  ctx: ServiceContext,
  input: { card?: string; request?: string; name: string; organisation: string | null; replaces?: string },
  io: FolderIo = nodeIo,
): Promise<TeamStatus> {
  const team = await requireTeam(ctx);
  const identity = await loadIdentity(ctx);
  const roster = await rosterOf(ctx, team);
  requireActive(roster, identity);
  let keys: PublicKeys;
  if (input.card) keys = keysFromCard(input.card);
  else {
    const found = (await listJoinRequests(io, team.folder, team.id)).find((r) => r.fingerprint === input.request);
    if (!found) throw new AppError('NOT_FOUND', 'There is no join request with that fingerprint in the team folder (it may not have synced here yet). Ask them for their card instead.', { request: 'No such join request' });
    keys = { fingerprint: found.fingerprint, ageRecipient: found.ageRecipient, minisignPublicKey: found.minisignPublicKey };
  }
  if (keys.fingerprint === identity.fingerprint) throw new AppError('REFUSED', 'That is this installation’s own card.', { card: 'Your own card' });
  const existing = roster.members.get(keys.fingerprint);
  if (existing?.status === 'active') throw new AppError('CONFLICT', `They are already a member, as ${existing.name}.`, { card: 'Already a member' });
  const member = { ...keys, name: input.name, organisation: input.organisation ?? null };
  if (input.replaces) {
    const old = roster.members.get(input.replaces);
    if (!old || old.status !== 'active') throw new AppError('NOT_FOUND', 'The member this laptop replaces is not a current member.', { replaces: 'Not a current member' });
    if (old.fingerprint === identity.fingerprint) throw new AppError('REFUSED', 'This installation cannot replace itself; add the new laptop from here, then stop using this one.', { replaces: 'That is you' });
    await addEvent(ctx, team, identity, { kind: 'replace', old: old.fingerprint, cutoff: await appliedOf(ctx, old.installationId), member });
  } else {
    const namesake = [...roster.members.values()].find((m) => m.status === 'active' && m.name.trim().toLowerCase() === input.name.trim().toLowerCase());
    if (namesake) {
      throw new AppError('CONFLICT', `${namesake.name} is already a member (fingerprint ${groupFingerprint(namesake.fingerprint)}). If this is their new laptop, add it as replacing their old one; otherwise give this person another name.`, { replaces: 'Is this their new laptop?' });
    }
    await addEvent(ctx, team, identity, { kind: 'add', member });
  }
  await syncTeam(ctx, { io });
  return teamStatus(ctx, io);
}

async function appliedOf(ctx: ServiceContext, installationId: string): Promise<number> {
  return (await ctx.db.selectFrom('teamProgress').select('appliedSeq').where('installationId', '=', installationId).executeTakeFirst())?.appliedSeq ?? 0;
}

export async function removeMember(ctx: ServiceContext, input: { fingerprint: string }, io: FolderIo = nodeIo): Promise<TeamStatus> {
  const team = await requireTeam(ctx);
  const identity = await loadIdentity(ctx);
  const roster = await rosterOf(ctx, team);
  requireActive(roster, identity);
  const target = roster.members.get(input.fingerprint);
  if (!target || target.status !== 'active') throw new AppError('NOT_FOUND', 'They are not a current member of the team.', { fingerprint: 'Not a current member' });
  if (target.fingerprint === identity.fingerprint) throw new AppError('REFUSED', 'You cannot remove yourself; ask a teammate to remove you.', { fingerprint: 'That is you' });
  await addEvent(ctx, team, identity, { kind: 'remove', fingerprint: target.fingerprint, cutoff: await appliedOf(ctx, target.installationId) });
  await syncTeam(ctx, { io });
  return teamStatus(ctx, io);
}

export async function teamStatus(ctx: ServiceContext, io: FolderIo = nodeIo): Promise<TeamStatus> {
  const allowedLocations = ctx.policy?.teamFolderLocations ? [...ctx.policy.teamFolderLocations] : null;
  const team = await loadTeam(ctx);
  if (!team) return { team: null, members: [], notes: [], requests: [], lastSync: null, openConflicts: 0, log: [], allowedLocations };
  const identity = await loadIdentity(ctx);
  const roster = await rosterOf(ctx, team);
  const progress = new Map((await ctx.db.selectFrom('teamProgress').selectAll().execute()).map((p) => [p.installationId, p]));
  const mine = roster.members.get(identity.fingerprint);
  const members: TeamMemberView[] = [...roster.members.values()]
    .map((m) => ({
      fingerprint: m.fingerprint,
      fingerprintGrouped: groupFingerprint(m.fingerprint),
      installationId: m.installationId,
      name: m.name,
      organisation: m.organisation,
      status: m.status,
      me: m.fingerprint === identity.fingerprint,
      addedBy: m.addedBy,
      addedAt: m.addedAt,
      endedAt: m.endedAt,
      endedBy: m.endedBy,
      replacedBy: m.replacedBy,
      lastSyncAt: m.fingerprint === identity.fingerprint ? team.lastSyncAt : (progress.get(m.installationId)?.lastCreatedAt ?? null),
      lastSeenHere: m.fingerprint === identity.fingerprint ? team.lastSyncAt : (progress.get(m.installationId)?.lastSeenAt ?? null),
    }))
    .sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active') || a.name.localeCompare(b.name));
  const notes = (await ctx.db.selectFrom('teamNotes').selectAll().orderBy('lastAt', 'desc').execute()).map((n) => ({
    file: n.path.startsWith('record:') ? '' : n.path.replace(/^identity:/, ''),
    kind: n.kind as TeamStatus['notes'][number]['kind'],
    message: n.message,
    firstAt: n.firstAt,
    lastAt: n.lastAt,
    attempts: n.attempts,
  }));
  let requests: JoinRequestView[] = [];
  if (mine?.status === 'active') {
    requests = (await listJoinRequests(io, team.folder, team.id).catch(() => []))
      .filter((r) => roster.members.get(r.fingerprint)?.status !== 'active')
      .map((r) => ({ fingerprint: r.fingerprint, fingerprintGrouped: groupFingerprint(r.fingerprint), file: r.file }));
  }
  const open = await ctx.db.selectFrom('bundleConflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('bundleId', '=', TEAM_CONFLICT).where('resolvedAt', 'is', null).executeTakeFirstOrThrow();
  const log = (await ctx.db.selectFrom('teamSyncLog').selectAll().orderBy('at', 'desc').limit(20).execute()).map((l) => {
    const s = JSON.parse(l.summary) as { applied: number; wrote: number; conflicts: number; skipped: number; message: string | null };
    return { id: l.id, at: l.at, actor: l.actor, outcome: l.outcome, applied: s.applied, wrote: s.wrote, conflicts: s.conflicts, skipped: s.skipped, message: s.message };
  });
  const last = team.lastSync ? (JSON.parse(team.lastSync) as SyncResult) : null;
  return {
    team: {
      id: team.id,
      name: roster.teamName ?? 'Team',
      folder: team.folder,
      status: !mine ? 'waiting' : mine.status === 'active' ? 'member' : 'removed',
      installationId: team.installationId,
      fingerprint: identity.fingerprint,
      fingerprintGrouped: groupFingerprint(identity.fingerprint),
      joinedAt: team.joinedAt,
      folderAllowed: !ctx.policy || teamFolderAllowed(ctx.policy, team.folder),
    },
    members,
    notes,
    requests,
    lastSync: last,
    openConflicts: Number(open.n),
    log,
    allowedLocations,
  };
}

/** Our card with our own name on it, for a teammate to add this laptop to the team. */
export async function memberCard(ctx: ServiceContext): Promise<FileLink> {
  const identity = await loadIdentity(ctx);
  const me = await myProfile(ctx);
  const card = makeCard(me.name, publicOf(identity), identity.signingKey);
  const name = `${me.name.replace(/[^A-Za-z0-9 -]/g, '').trim().replace(/\s+/g, '-') || 'member'}.tpwcard.json`;
  const file = path.join(await exportsDir(ctx), name);
  await fsp.writeFile(file, `${JSON.stringify(card, null, 2)}\n`);
  const dl = registerDownload(file, name, 'application/json');
  return { name: dl.name, urlPath: dl.urlPath, path: dl.path };
}

