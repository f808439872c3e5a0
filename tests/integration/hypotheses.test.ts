import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
beforeEach(() => {
  wb = tempWorkbench();
});
afterEach(() => wb.cleanup());

describe('hypotheses', () => {
  it('start as proposed and move through the lifecycle, recording who and when', async () => {
    await wb.call('system.setActor', { actor: 'Sam Evans' });
    const h = await wb.call('hypothesis.add', { statement: 'One front door for older people cuts duplicate assessments' });
    expect(h.status).toBe('proposed');
    const t = await wb.call('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'testing', note: null });
    const s = await wb.call('hypothesis.setStatus', { id: h.id, rev: t.rev, status: 'supported', note: 'Journey mapping found 7 assessments', withoutEvidence: true });
    expect(s.status).toBe('supported');
    const history = await wb.call('hypothesis.statusHistory', { id: h.id });
    expect(history.map((c) => [c.from, c.to, c.actor, c.note])).toEqual([
      [null, 'proposed', 'Sam Evans', null],
      ['proposed', 'testing', 'Sam Evans', null],
      ['testing', 'supported', 'Sam Evans', 'Journey mapping found 7 assessments'],
    ]);
  });

  it('refuses a verdict before testing, and says what is allowed', async () => {
    const h = await wb.call('hypothesis.add', { statement: 'X' });
    const r = await wb.dispatch('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'supported', note: null });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('REFUSED');
      expect(r.error.message).toMatch(/can move to: Testing, Parked/);
    }
    expect((await wb.call('hypothesis.get', { id: h.id })).status).toBe('proposed');
  });

  it('filters by status, theme, owner and text', async () => {
    const older = await wb.call('theme.add', { name: 'Older people' });
    const kids = await wb.call('theme.add', { name: 'Children' });
    const owner = await wb.call('teamMember.add', { name: 'Ravi', fte: 1 });
    const a = await wb.call('hypothesis.add', { statement: 'Falls teams merge', themeId: older.id, ownerId: owner.id });
    await wb.call('hypothesis.add', { statement: 'Early help reduces care entries', themeId: kids.id });
    await wb.call('hypothesis.setStatus', { id: a.id, rev: a.rev, status: 'testing', note: null });
    expect((await wb.call('hypothesis.list', { status: 'testing' })).map((h) => h.statement)).toEqual(['Falls teams merge']);
    expect((await wb.call('hypothesis.list', { themeId: kids.id })).map((h) => h.statement)).toEqual(['Early help reduces care entries']);
    expect((await wb.call('hypothesis.list', { ownerId: owner.id })).map((h) => h.statement)).toEqual(['Falls teams merge']);
    expect((await wb.call('hypothesis.list', { text: 'care' })).map((h) => h.statement)).toEqual(['Early help reduces care entries']);
    expect((await wb.call('hypothesis.list', { text: '100%' }))).toEqual([]);
  });

  it('edits keep status out of the plain update, and a stale edit is refused', async () => {
    const h = await wb.call('hypothesis.add', { statement: 'Original' });
    const e = await wb.call('hypothesis.update', { id: h.id, rev: h.rev, patch: { statement: 'Edited', confidence: 'high' } });
    expect(e).toMatchObject({ statement: 'Edited', confidence: 'high', status: 'proposed' });
    const stale = await wb.dispatch('hypothesis.update', { id: h.id, rev: h.rev, patch: { statement: 'Lost?' } });
    expect(stale.ok).toBe(false);
    expect((await wb.call('hypothesis.get', { id: h.id })).statement).toBe('Edited');
  });

  it('deleting moves to the recycle bin; restoring brings it back with history intact', async () => {
    const h = await wb.call('hypothesis.add', { statement: 'To be deleted' });
    await wb.call('hypothesis.delete', { id: h.id, rev: h.rev });
    expect(await wb.call('hypothesis.list', {})).toEqual([]);
    const gone = await wb.dispatch('hypothesis.get', { id: h.id });
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.error.code).toBe('NOT_FOUND');
    await wb.call('recycleBin.restore', { table: 'hypotheses', id: h.id });
    expect((await wb.call('hypothesis.list', {})).map((x) => x.id)).toEqual([h.id]);
    const ops = (await wb.call('record.history', { table: 'hypotheses', id: h.id })).map((r) => r.op);
    expect(ops).toEqual(['create', 'delete', 'restore']);
  });

  it('refuses a theme that does not exist', async () => {
    const r = await wb.dispatch('hypothesis.add', { statement: 'X', themeId: '01900000-0000-7000-8000-000000000000' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    expect(await wb.call('hypothesis.list', {})).toEqual([]);
  });
});
