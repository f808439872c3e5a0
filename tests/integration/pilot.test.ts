import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(() => wb.cleanup());

describe('pilot set-up', () => {
  it('creates the pilot on first save and updates it with its revision after', async () => {
    const created = await wb.call('pilot.save', { pilot: { place: 'Croydon', question: 'How?', reportDeadline: '2027-01-31' } });
    expect(created.rev).toMatch(/^1-/);
    const updated = await wb.call('pilot.save', { rev: created.rev, pilot: { place: 'Croydon', question: 'How, exactly?', reportDeadline: '2027-02-28' } });
    expect(updated.id).toBe(created.id);
    expect(updated.rev).toMatch(/^2-/);
    expect((await wb.call('pilot.overview', {})).pilot).toMatchObject({ question: 'How, exactly?', reportDeadline: '2027-02-28' });
  });

  it('refuses a stale edit instead of overwriting the newer one', async () => {
    const p = await wb.call('pilot.save', { pilot: { place: 'Bradford', question: 'Q' } });
    await wb.call('pilot.save', { rev: p.rev, pilot: { place: 'Bradford', question: 'Newer question' } });
    const r = await wb.dispatch('pilot.save', { rev: p.rev, pilot: { place: 'Bradford', question: 'Stale question' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    expect((await wb.call('pilot.overview', {})).pilot?.question).toBe('Newer question');
  });

  it('validates input at the boundary with field messages, and saves nothing', async () => {
    const r = await wb.dispatch('pilot.save', { pilot: { place: '', question: 'Q', reportDeadline: '31/03/2027' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.fields).toMatchObject({ 'pilot.place': 'The place is required', 'pilot.reportDeadline': 'Use a date like 2026-03-31' });
    }
    expect((await wb.call('pilot.overview', {})).pilot).toBeNull();
  });

  it('adds organisations, refuses a duplicate name in any case, and frees the name once deleted', async () => {
    const council = await wb.call('organisation.add', { name: 'Kent County Council', type: 'council' });
    await wb.call('organisation.add', { name: 'Kent Police', type: 'police' });
    const dup = await wb.dispatch('organisation.add', { name: 'kent county council', type: 'council' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error).toMatchObject({ code: 'CONFLICT', message: 'An organisation with that name already exists.' });
    expect((await wb.call('organisation.list', {})).map((o) => o.name)).toEqual(['Kent County Council', 'Kent Police']);

    await wb.call('organisation.delete', { id: council.id, rev: council.rev });
    expect((await wb.call('organisation.list', {})).map((o) => o.name)).toEqual(['Kent Police']);
    const bin = await wb.call('recycleBin.list', {});
    expect(bin).toEqual([expect.objectContaining({ table: 'organisations', id: council.id, label: 'Organisation: Kent County Council' })]);
    await wb.call('recycleBin.restore', { table: 'organisations', id: council.id });
    expect((await wb.call('organisation.list', {})).map((o) => o.name)).toEqual(['Kent County Council', 'Kent Police']);
    expect(await wb.call('recycleBin.list', {})).toEqual([]);
  });

  it('rejects an unknown organisation type with a plain message', async () => {
    const r = await wb.dispatch('organisation.add', { name: 'X', type: 'army' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Choose the type of organisation/);
  });

  it('records team members with home organisation and FTE, themes and milestones', async () => {
    const org = await wb.call('organisation.add', { name: 'Jobcentre Plus', type: 'dwp' });
    await wb.call('teamMember.add', { name: 'Asha Patel', organisationId: org.id, role: 'Analyst', fte: 0.6 });
    await wb.call('theme.add', { name: 'Older people' });
    await wb.call('milestone.add', { title: 'Interim findings', dueDate: '2026-12-15', done: false });
    const o = await wb.call('pilot.overview', {});
    expect(o.teamMembers).toEqual([expect.objectContaining({ name: 'Asha Patel', organisationId: org.id, fte: 0.6 })]);
    expect(o.themes.map((t) => t.name)).toEqual(['Older people']);
    expect(o.milestones).toEqual([expect.objectContaining({ title: 'Interim findings', done: false })]);
    const m = o.milestones[0]!;
    const done = await wb.call('milestone.update', { id: m.id, rev: m.rev, patch: { done: true } });
    expect(done.done).toBe(true);
  });

  it('an edit changes only the fields it names (defaults never reset other fields)', async () => {
    const m = await wb.call('milestone.add', { title: 'Board', dueDate: '2027-01-10', done: true });
    const renamed = await wb.call('milestone.update', { id: m.id, rev: m.rev, patch: { title: 'Programme board' } });
    expect(renamed).toMatchObject({ title: 'Programme board', done: true });
    const person = await wb.call('teamMember.add', { name: 'Kim', fte: 0.4 });
    const moved = await wb.call('teamMember.update', { id: person.id, rev: person.rev, patch: { role: 'Lead analyst' } });
    expect(moved).toMatchObject({ role: 'Lead analyst', fte: 0.4 });
  });

  it('keeps every revision with who made it and which fields changed', async () => {
    await wb.call('system.setActor', { actor: 'Jo Bloggs' });
    const t = await wb.call('theme.add', { name: 'Drugs' });
    const t2 = await wb.call('theme.update', { id: t.id, rev: t.rev, patch: { name: 'Drugs and alcohol' } });
    // An update that changes nothing writes no new revision.
    await wb.call('theme.update', { id: t2.id, rev: t2.rev, patch: { name: 'Drugs and alcohol' } });
    const history = await wb.call('record.history', { table: 'themes', id: t.id });
    expect(history.map((h) => [h.op, h.actor, h.changed])).toEqual([
      ['create', 'Jo Bloggs', []],
      ['update', 'Jo Bloggs', ['name']],
    ]);
    expect(history[1]!.parentRev).toBe(history[0]!.rev);
  });

  it('gives ids that are UUIDv7 and unique', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add((await wb.call('theme.add', { name: `Theme ${i}` })).id);
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers an unknown method with a coded error, not an exception', async () => {
    const r = await wb.dispatch('nope.nothing' as never, {});
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Unknown method "nope.nothing"' } });
  });
});
