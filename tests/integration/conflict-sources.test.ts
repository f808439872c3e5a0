/**
 * Conflicts from partners' bundles and conflicts between team members live in the same records
 * (bundle id 'team' for the team's). Each listing shows its own: `conflict.list` and
 * `tpw conflict list` the partners', `team.conflicts` and `tpw team conflicts` the team's, and
 * `tpw conflict resolve <id>` resolves either. Real SQLite files, a real team folder, real bundles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addContact, ourCard } from '../../main/exchange/contacts';
import type { ConflictView } from '../../shared/domain/bundles';
import type { TeamConflictView } from '../../shared/domain/team';
import { receive, send } from '../fixtures/bundles/pair';
import { tpw } from '../helpers/cli';
import { makeTeam, type Member, type Team } from '../helpers/team';
import { tempDir, tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let team: Team;
let alice: Member;
let bob: Member;
let partner: TestWorkbench;
let fromPartner: string;
let fromTeam: string;

const cli = (...args: string[]) => tpw(['--db', alice.wb.dbPath, ...args]);
const json = <T,>(...args: string[]): T => {
  const r = cli(...args, '--json');
  expect(r.status, `tpw ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.json<T>();
};

beforeAll(async () => {
  team = await makeTeam(['Alice', 'Bob']);
  [alice, bob] = team.members as [Member, Member];
  partner = tempWorkbench();
  await partner.call('pilot.save', { pilot: { place: 'Brimley', question: 'How can we secure improved outcomes at less cost?' } });
  const pInA = await addContact(alice.wb.ctx, { card: JSON.stringify(await ourCard(partner.ctx)), name: 'Brimley' });
  const aInP = await addContact(partner.ctx, { card: JSON.stringify(await ourCard(alice.wb.ctx)), name: 'Worcestershire' });
  await alice.wb.call('contact.setVerified', { id: pInA.id, verified: true });
  await partner.call('contact.setVerified', { id: aInP.id, verified: true });
  const out = tempDir('tpw-conflict-sources-');

  // A partner conflict: Alice and the partner change the same hypothesis between bundles.
  const shared = await alice.wb.call('hypothesis.add', { statement: 'Joint commissioning saves 5%' });
  await receive(partner, await send(alice.wb, pInA.id, out));
  await alice.wb.call('hypothesis.update', { id: shared.id, rev: shared.rev, patch: { statement: 'Joint commissioning saves 5% in year one' } });
  await partner.call('hypothesis.update', { id: shared.id, rev: shared.rev, patch: { rationale: 'Seen in the Brimley pilot' } });
  expect((await receive(alice.wb, await send(partner, aInP.id, out))).conflicts).toBe(1);
  fromPartner = shared.id;

  // A team conflict: Alice and Bob change the same hypothesis before syncing.
  const ours = await alice.wb.call('hypothesis.add', { statement: 'A single falls team cuts admissions' });
  await team.quiesce();
  const onBob = (await bob.wb.call('hypothesis.list', {})).find((h) => h.id === ours.id)!;
  const onAlice = (await alice.wb.call('hypothesis.list', {})).find((h) => h.id === ours.id)!;
  await alice.wb.call('hypothesis.update', { id: ours.id, rev: onAlice.rev, patch: { statement: 'A single falls team cuts admissions by a fifth' } });
  await bob.wb.call('hypothesis.update', { id: ours.id, rev: onBob.rev, patch: { statement: 'A single falls team cuts A&E visits' } });
  await team.quiesce();
  fromTeam = ours.id;
}, 120_000);

afterAll(async () => {
  await team?.cleanup();
  await partner?.cleanup();
});

describe('partner conflicts and team conflicts are listed apart', () => {
  it('conflict.list holds the partner’s conflict only; team.conflicts the team’s only (before: conflict.list held both)', async () => {
    const partners = await alice.wb.call('conflict.list', {});
    expect(partners.map((c) => [c.recordId, c.sender])).toEqual([[fromPartner, 'Brimley']]);
    const members = await alice.wb.call('team.conflicts', {});
    expect(members.map((c) => c.recordId)).toEqual([fromTeam]);
    expect(members[0]).toMatchObject({ bundleId: 'team', shownBy: expect.any(String), otherBy: expect.any(String) });
  });

  it('tpw conflict list shows partners’ conflicts (JSON fields unchanged) and points to tpw team conflicts', () => {
    const listed = json<ConflictView[]>('conflict', 'list');
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0]!).sort()).toEqual(['bundleId', 'createdAt', 'fields', 'id', 'label', 'localRev', 'mine', 'noun', 'recordId', 'remoteRev', 'resolution', 'resolvedAt', 'sender', 'table', 'theirs'].sort());
    expect(listed[0]).toMatchObject({ recordId: fromPartner, sender: 'Brimley' });
    const text = cli('conflict', 'list');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('Brimley');
    expect(text.stdout).toContain("1 conflict between team members' versions: `tpw team conflicts` lists it.");
  });

  it('tpw team conflicts lists the team’s, with who made each version; tpw conflict resolve resolves both kinds', () => {
    const teamOnes = json<TeamConflictView[]>('team', 'conflicts');
    expect(teamOnes.map((c) => c.recordId)).toEqual([fromTeam]);
    const text = cli('team', 'conflicts');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(teamOnes[0]!.id);
    expect(text.stdout).toContain('tpw conflict resolve <id> --keep mine');

    const partnerId = json<ConflictView[]>('conflict', 'list')[0]!.id;
    expect(json<ConflictView>('conflict', 'resolve', teamOnes[0]!.id, '--keep', 'theirs')).toMatchObject({ recordId: fromTeam, resolution: 'theirs' });
    expect(json<TeamConflictView[]>('team', 'conflicts')).toEqual([]);
    expect(cli('team', 'conflicts').stdout).toContain('No conflicts between team members to resolve.');
    expect(json<ConflictView[]>('conflict', 'list').map((c) => c.id)).toEqual([partnerId]);

    expect(json<ConflictView>('conflict', 'resolve', partnerId, '--keep', 'mine')).toMatchObject({ recordId: fromPartner, resolution: 'mine' });
    expect(json<ConflictView[]>('conflict', 'list')).toEqual([]);
    // --all: the resolved partner conflict, still not the team's.
    expect(json<ConflictView[]>('conflict', 'list', '--all').map((c) => c.id)).toEqual([partnerId]);
    expect(cli('conflict', 'list').stdout.trim()).toBe('No conflicts from partners’ bundles to resolve.');
  });
});
