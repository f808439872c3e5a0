/**
 * Membership: who is in the team is decided by signed events (create, add, remove, replace,
 * profile), folded in one order every installation agrees on — (lamport, author, id) — so every
 * member reaches the same roster whatever order the files arrived in. Each event is signed by its
 * author; an event counts only if its author was an active member at that point of the fold (the
 * founder, whose keys are in team.json, starts it). A file's signer is therefore checked against
 * keys that trace back to the founder, not against whatever a file claims.
 *
 * Removal and replacement carry a cutoff: the removed installation's last change file the remover
 * had applied. Its later files are not applied — unless another member had already applied them
 * (and said so in a file of its own), so that nobody has to un-apply anything and all converge.
 */
import { randomUUID, sign, verify } from 'node:crypto';
import { z } from 'zod';
import type { MemberStatus } from '../../shared/domain/team';
import { AGE_RECIPIENT, Fingerprint } from '../bundle/format';
import { parseJsonText } from '../bundle/jsonArray';
import type { Identity } from '../bundle/identity';
import { verifyingKey, type EventItem } from './fileFormat';

const SIGNED_PREFIX = 'tpw-team-event-v1\n';

const MemberKeys = z.strictObject({
  fingerprint: Fingerprint,
  ageRecipient: z.string().regex(AGE_RECIPIENT),
  minisignPublicKey: z.string().max(100),
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().max(200).nullable(),
});
export type MemberKeys = z.infer<typeof MemberKeys>;

const Common = {
  v: z.literal(1),
  id: z.string().uuid(),
  team: z.string().max(64),
  author: Fingerprint,
  lamport: z.number().int().min(0),
  /** The author's clock, for display only. */
  at: z.string().max(40),
};

export const TeamEvent = z.discriminatedUnion('kind', [
  z.strictObject({ ...Common, kind: z.literal('create'), name: z.string().trim().min(1).max(200), member: MemberKeys }),
  z.strictObject({ ...Common, kind: z.literal('add'), member: MemberKeys }),
  z.strictObject({ ...Common, kind: z.literal('remove'), fingerprint: Fingerprint, cutoff: z.number().int().min(0) }),
  z.strictObject({ ...Common, kind: z.literal('replace'), old: Fingerprint, cutoff: z.number().int().min(0), member: MemberKeys }),
  z.strictObject({ ...Common, kind: z.literal('profile'), name: z.string().trim().min(1).max(200), organisation: z.string().trim().max(200).nullable() }),
]);
export type TeamEvent = z.infer<typeof TeamEvent>;
export type TeamEventKind = TeamEvent['kind'];

/** What the author of an event gives; the rest (id, team, author, order, time) is filled in when it is signed. */
export type EventDraft = TeamEvent extends infer E ? (E extends unknown ? Omit<E, 'v' | 'id' | 'team' | 'author' | 'lamport' | 'at'> : never) : never;

export interface SignedEvent {
  event: TeamEvent;
  body: string;
  signature: string;
}

/** Makes and signs an event by this installation. */
export function signEvent(identity: Identity, team: string, lamport: number, at: string, draft: EventDraft): SignedEvent {
  const event = TeamEvent.parse({ v: 1, id: randomUUID(), team, author: identity.fingerprint, lamport, at, ...draft });
  const body = JSON.stringify(event);
  return { event, body, signature: sign(null, Buffer.from(SIGNED_PREFIX + body), identity.signingKey).toString('base64') };
}

/** Reads an event as it arrived (not yet checked against the roster: that is the fold's job). */
export function parseEvent(item: Pick<EventItem, 'body' | 'sig'>): TeamEvent | null {
  try {
    const r = TeamEvent.safeParse(parseJsonText(item.body, 'A membership event'));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

function signedBy(body: string, signature: string, minisignPublicKey: string): boolean {
  try {
    return verify(null, Buffer.from(SIGNED_PREFIX + body), verifyingKey(minisignPublicKey), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export interface MemberState extends MemberKeys {
  installationId: string;
  status: MemberStatus;
  addedBy: string | null;
  addedAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  replacedBy: string | null;
  /** For a removed or replaced member: their last change file that counts (see the file header). */
  cutoff: number;
}

export interface Roster {
  teamName: string | null;
  members: Map<string, MemberState>;
  /** Events that did not count (bad signature, author not a member at that point), by id. */
  ignored: Set<string>;
}

export interface Founder {
  fingerprint: string;
  ageRecipient: string;
  minisignPublicKey: string;
}

export const installationOf = (fingerprint: string): string => fingerprint.slice(0, 16).toLowerCase();

const byOrder = (a: TeamEvent, b: TeamEvent) => a.lamport - b.lamport || a.author.localeCompare(b.author) || a.id.localeCompare(b.id);

/**
 * The roster from every known event. The founder (from team.json) is a member from the start,
 * so their files can be read before the create event itself has been.
 */
export function foldRoster(teamId: string, founder: Founder, events: readonly { body: string; signature: string }[]): Roster {
  const members = new Map<string, MemberState>();
  const ignored = new Set<string>();
  let teamName: string | null = null;
  const founderState = (name: string, organisation: string | null): MemberState => ({
    ...founder,
    name,
    organisation,
    installationId: installationOf(founder.fingerprint),
    status: 'active',
    addedBy: null,
    addedAt: null,
    endedAt: null,
    endedBy: null,
    replacedBy: null,
    cutoff: 0,
  });
  members.set(founder.fingerprint, founderState('the team’s founder', null));
  const parsed = events.flatMap((e) => {
    const ev = parseEvent({ body: e.body, sig: e.signature });
    return ev && ev.team === teamId ? [{ ev, body: e.body, signature: e.signature }] : [];
  });
  parsed.sort((a, b) => byOrder(a.ev, b.ev));
  const nameOf = (fp: string) => members.get(fp)?.name ?? 'a former member';
  const add = (m: MemberKeys, by: TeamEvent) => {
    const existing = members.get(m.fingerprint);
    members.set(m.fingerprint, {
      ...m,
      // A profile the person set themselves outlives a later re-add under another spelling.
      name: existing?.status === 'active' ? existing.name : m.name,
      installationId: installationOf(m.fingerprint),
      status: 'active',
      addedBy: nameOf(by.author),
      addedAt: by.at,
      endedAt: null,
      endedBy: null,
      replacedBy: null,
      cutoff: existing?.cutoff ?? 0,
    });
  };
  const end = (fp: string, status: MemberStatus, by: TeamEvent, cutoff: number, replacedBy: string | null) => {
    const m = members.get(fp);
    if (!m) return;
    members.set(fp, { ...m, status, endedAt: by.at, endedBy: nameOf(by.author), replacedBy, cutoff: Math.max(m.cutoff, cutoff) });
  };
  for (const { ev, body, signature } of parsed) {
    const author = members.get(ev.author);
    const valid = author !== undefined && author.status === 'active' && signedBy(body, signature, author.minisignPublicKey);
    if (!valid) {
      ignored.add(ev.id);
      continue;
    }
    switch (ev.kind) {
      case 'create':
        if (ev.author !== founder.fingerprint || ev.member.fingerprint !== founder.fingerprint || teamName !== null) {
          ignored.add(ev.id);
          break;
        }
        teamName = ev.name;
        members.set(founder.fingerprint, { ...founderState(ev.member.name, ev.member.organisation), addedAt: ev.at });
        break;
      case 'add':
        add(ev.member, ev);
        break;
      case 'remove':
        end(ev.fingerprint, 'removed', ev, ev.cutoff, null);
        break;
      case 'replace':
        add(ev.member, ev);
        end(ev.old, 'replaced', ev, ev.cutoff, ev.member.name);
        break;
      case 'profile': {
        const m = members.get(ev.author)!;
        members.set(ev.author, { ...m, name: ev.name, organisation: ev.organisation });
        break;
      }
    }
  }
  return { teamName, members, ignored };
}

export const activeMembers = (r: Roster): MemberState[] => [...r.members.values()].filter((m) => m.status === 'active');

/** The member whose files live under an installation id. */
export function memberOfInstallation(r: Roster, installationId: string): MemberState | undefined {
  for (const m of r.members.values()) if (m.installationId === installationId) return m;
  return undefined;
}

/** Sorted fingerprints of the active members: what a snapshot is for. */
export const rosterKey = (r: Roster): string =>
  activeMembers(r)
    .map((m) => m.fingerprint)
    .sort()
    .join(',');
