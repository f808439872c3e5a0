/**
 * Several installations of the workbench (real SQLite files) in one team, each with its own local
 * copy of the team folder, joined by the simulated sync client (syncClient.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SyncResult } from '../../shared/domain/team';
import { canonicalLines, stateHash } from '../../main/team/canonical';
import { memberCard } from '../../main/team/service';
import { syncTeam } from '../../main/team/sync';
import { faultyIo, SyncClientSim, seeded, NO_FAULTS, type Faults } from './syncClient';
import { tempDir, tempWorkbench, type TestWorkbench } from './workbench';

export interface Member {
  name: string;
  wb: TestWorkbench;
  local: string;
  fault: ReturnType<typeof faultyIo>;
  sync(): Promise<SyncResult>;
  hash(): string;
  dump(): string[];
}

export interface Team {
  members: Member[];
  client: SyncClientSim;
  rng: () => number;
  root: string;
  /** Every laptop's sync client catches up and every member syncs, until all hold the same. */
  quiesce(rounds?: number): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeMember(root: string, name: string, skewMs: number): Promise<Member> {
  const local = path.join(root, name, 'Team folder');
  fs.mkdirSync(local, { recursive: true });
  const wb = tempWorkbench({ now: () => new Date(Date.now() + skewMs) });
  await wb.call('me.set', { name, organisation: `${name}'s council` });
  const fault = faultyIo();
  return {
    name,
    wb,
    local,
    fault,
    sync: () => syncTeam(wb.ctx, { io: fault.io }),
    hash: () => stateHash(wb.ctx.sqlite),
    dump: () => [...canonicalLines(wb.ctx.sqlite)],
  };
}

export const cardOf = async (m: Member): Promise<string> => fs.readFileSync((await memberCard(m.wb.ctx)).path, 'utf8');

/** A team: the first name founds it (with a pilot), the others join and are added by card. */
export async function makeTeam(names: string[], opts: { seed?: number; skewsMs?: number[]; faults?: Faults } = {}): Promise<Team> {
  const root = tempDir('tpw-team-');
  const rng = seeded(opts.seed ?? 1);
  const members: Member[] = [];
  for (const [i, n] of names.entries()) members.push(await makeMember(root, n, opts.skewsMs?.[i] ?? 0));
  const client = new SyncClientSim(
    members.map((m) => m.local),
    rng,
    NO_FAULTS,
  );
  const [founder, ...others] = members;
  await founder!.wb.call('pilot.save', { pilot: { place: 'Worcestershire', question: 'How can we secure improved outcomes at less cost?' } });
  await founder!.wb.call('team.create', { folder: founder!.local, name: 'Worcestershire Total Place' });
  client.settle();
  for (const m of others) {
    await m.wb.call('team.join', { folder: m.local });
    await founder!.wb.call('team.addMember', { card: await cardOf(m), name: m.name, organisation: null });
  }
  const team: Team = {
    members,
    client,
    rng,
    root,
    async quiesce(rounds = 8) {
      const saved = client.faults;
      client.faults = NO_FAULTS;
      for (const m of members) m.fault.set('ok');
      try {
        for (let r = 0; r < rounds; r++) {
          client.settle();
          for (const m of members) await m.sync();
          client.settle();
          const hashes = new Set(members.map((m) => m.hash()));
          const written = members.some((m) => m.wb.ctx.sqlite.prepare('SELECT 1 FROM team_outbox WHERE written_at IS NULL').get());
          if (hashes.size === 1 && !written && r > 0) {
            // One more pass: nothing new may appear once all hold the same.
            for (const m of members) await m.sync();
            client.settle();
            if (new Set(members.map((m) => m.hash())).size === 1) return;
          }
        }
      } finally {
        client.faults = saved;
      }
    },
    async cleanup() {
      for (const m of members) await m.wb.cleanup();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  await team.quiesce();
  client.faults = opts.faults ?? NO_FAULTS;
  return team;
}
