/**
 * "Last synced" per member: what the others are shown is when that member last synced, not when
 * they last happened to change something. A sync with nothing to send leaves a small file at most
 * every half hour; a laptop that has been removed without knowing it leaves none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadIdentity } from '../../main/bundle/identity';
import { HEARTBEAT_MS } from '../../main/team/outbox';
import { makeTeam, type Member, type Team } from '../helpers/team';

let team: Team | null = null;
afterEach(async () => {
  await team?.cleanup();
  team = null;
});

/** Moves a member's clock (as if they synced later in the day). */
const later = (m: Member, ms: number) => {
  m.wb.ctx.now = () => new Date(Date.now() + ms);
};

const lastSyncOf = async (viewer: Member, name: string) => (await viewer.wb.call('team.status', {})).members.find((m) => m.name === name)!.lastSyncAt;

describe('last synced, per member', () => {
  it('shows when a teammate last synced even when they had nothing to send; no file storm, none from a removed laptop', async () => {
    team = await makeTeam(['Alice', 'Bob']);
    const [alice, bob] = team.members as [Member, Member];
    const before = await lastSyncOf(alice, 'Bob');
    expect(before).not.toBeNull();

    // Two hours on, Bob syncs with nothing new either way.
    later(bob, 2 * 60 * 60 * 1000);
    const r = await bob.sync();
    expect(r.wrote).not.toBeNull();
    expect(r.wrote!.changes).toBe(0);
    team.client.settle();
    await alice.sync();
    const seen = await lastSyncOf(alice, 'Bob');
    expect(Date.parse(seen!)).toBeGreaterThanOrEqual(Date.parse(r.at));
    expect(Date.parse(seen!) - Date.parse(r.at)).toBeLessThan(60_000);
    // Alice's own row is her last sync here.
    expect(Date.parse((await lastSyncOf(alice, 'Alice'))!) - Date.parse((await alice.wb.call('team.status', {})).lastSync!.at)).toBeLessThan(60_000);

    // Syncing again straight away (or on every five-minute tick) leaves no more files…
    expect((await bob.sync()).wrote).toBeNull();
    later(bob, 2 * 60 * 60 * 1000 + HEARTBEAT_MS - 60_000);
    expect((await bob.sync()).wrote).toBeNull();
    // …and taking up Bob's file does not make Alice answer with one of her own.
    team.client.settle();
    expect((await alice.sync()).wrote).toBeNull();
    later(bob, 2 * 60 * 60 * 1000 + HEARTBEAT_MS + 60_000);
    expect((await bob.sync()).wrote).not.toBeNull();
    // A read-only afternoon: one "I synced" file waits to be written, not one per sync.
    bob.fault.set('readonly');
    for (const h of [4, 5, 6]) {
      later(bob, h * 60 * 60 * 1000);
      await bob.sync();
    }
    expect(bob.wb.ctx.sqlite.prepare('SELECT count(*) AS n FROM team_outbox WHERE written_at IS NULL').get()).toEqual({ n: 1 });
    bob.fault.set('ok');
    expect((await bob.sync()).wrote).not.toBeNull();
    team.client.settle();
    await alice.sync();

    // Bob is removed; his laptop, not knowing, keeps syncing but leaves no "I synced" files.
    await alice.wb.call('team.removeMember', { fingerprint: (await loadIdentity(bob.wb.ctx)).fingerprint });
    await alice.wb.call('hypothesis.add', { statement: 'After Bob left' });
    await alice.sync();
    team.client.settle();
    later(bob, 8 * 60 * 60 * 1000);
    const shut = await bob.sync();
    expect(shut.message).toMatch(/removed from the team/);
    expect(shut.wrote).toBeNull();
  });
});
