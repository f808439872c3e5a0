/**
 * Who did what: until the person says who they are, the app asks (me.get → prompt) and changes
 * would be recorded under the computer's user name; once they have, every change carries their
 * name, they appear in the pilot's team list with their home organisation, and "Assigned to me"
 * finds their hypotheses, actions and evidence to collect.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadFromPath } from '../../main/core/transfers';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
afterEach(async () => wb?.cleanup());

describe('me and my work', () => {
  it('asks who you are, then records your name with every change and puts you in the team list', async () => {
    wb = tempWorkbench();
    const first = await wb.call('me.get', {});
    expect(first).toMatchObject({ name: null, prompt: true });
    expect(first.computerName.length).toBeGreaterThan(0);
    await wb.call('pilot.save', { pilot: { place: 'Worcestershire', question: 'How?' } });

    const me = await wb.call('me.set', { name: 'Priya Shah', organisation: 'Worcestershire County Council' });
    expect(me).toMatchObject({ name: 'Priya Shah', organisation: 'Worcestershire County Council', prompt: false });
    const o = await wb.call('pilot.overview', {});
    expect(o.organisations.map((x) => x.name)).toContain('Worcestershire County Council');
    const person = o.teamMembers.find((m) => m.name === 'Priya Shah')!;
    expect(o.organisations.find((x) => x.id === person.organisationId)!.name).toBe('Worcestershire County Council');

    const h = await wb.call('hypothesis.add', { statement: 'One front door halves repeat referrals' });
    const history = await wb.call('record.history', { table: 'hypotheses', id: h.id });
    expect(history.map((r) => r.actor)).toEqual(['Priya Shah']);

    // A change of name: the same person in the team list, renamed; no second entry.
    await wb.call('me.set', { name: 'Priya Shah-Khan', organisation: 'Worcestershire County Council' });
    const again = await wb.call('pilot.overview', {});
    expect(again.teamMembers.filter((m) => m.name.startsWith('Priya'))).toEqual([expect.objectContaining({ id: person.id, name: 'Priya Shah-Khan' })]);
    await expect(wb.call('me.set', { name: '   ', organisation: null })).rejects.toThrow(/INVALID_INPUT/);
  });

  it('assigned to me: open hypotheses I own, my live actions, evidence I am to collect', async () => {
    wb = tempWorkbench();
    await wb.call('pilot.save', { pilot: { place: 'Worcestershire', question: 'How?' } });
    expect(await wb.call('me.assigned', {})).toEqual({ name: null, hypotheses: [], actions: [], evidence: [] });
    await wb.call('me.set', { name: 'Sam Evans', organisation: null });
    const person = (await wb.call('pilot.overview', {})).teamMembers.find((m) => m.name === 'Sam Evans')!;
    const other = await wb.call('teamMember.add', { name: 'Jo Bloggs' });
    const mine = await wb.call('hypothesis.add', { statement: 'Mine, open', ownerId: person.id });
    const parked = await wb.call('hypothesis.add', { statement: 'Mine, parked', ownerId: person.id });
    await wb.call('hypothesis.setStatus', { id: parked.id, rev: parked.rev, status: 'parked', note: 'Waiting for data' });
    await wb.call('hypothesis.add', { statement: 'Jo’s', ownerId: other.id });
    await wb.call('action.add', { title: 'Call the ICB', owner: 'sam evans' } as never);
    await wb.call('action.add', { title: 'Done already', owner: 'Sam Evans', status: 'done' } as never);
    await wb.call('action.add', { title: 'Someone else’s', owner: 'Sam Evansworth' } as never);
    await wb.call('evidence.add', { title: 'A&E admissions by age', kind: 'performance_data', collectedBy: 'Sam Evans', sensitivity: 'team' } as never);
    await wb.call('evidence.add', { title: 'Already summarised', kind: 'document', collectedBy: 'Sam Evans', summary: 'Done', sensitivity: 'team' } as never);
    const file = path.join(wb.dir, 'x.txt');
    fs.writeFileSync(file, 'attached');
    await wb.call('evidence.add', { title: 'Already attached', kind: 'document', collectedBy: 'Sam Evans', sensitivity: 'team', uploadIds: [(await uploadFromPath(wb.ctx, file)).uploadId] } as never);
    const a = await wb.call('me.assigned', {});
    expect(a.hypotheses.map((x) => x.statement)).toEqual(['Mine, open']);
    expect(a.actions.map((x) => x.title)).toEqual(['Call the ICB']);
    expect(a.evidence.map((x) => x.title)).toEqual(['A&E admissions by age']);
    void mine;
  });
});
