import { afterEach, describe, expect, it } from 'vitest';
import { SEEDED_BARRIERS } from '../../shared/domain/learning';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
afterEach(async () => wb?.cleanup());

const barrier = (name: string) => SEEDED_BARRIERS.find((b) => b.name === name)!.id;
const TIGHT = barrier('Tight timetable');
const GOVERNANCE = barrier('Partnership governance');
const QUICK_WINS = barrier('Pressure for quick wins');

const entry = (over: Record<string, unknown> = {}) => ({
  kind: 'difficult' as const,
  title: 'Data sharing took four months to agree',
  occurredOn: '2026-02-10',
  barrierIds: [TIGHT],
  ...over,
});

describe('the learning log', () => {
  it('comes with the PRODUCT.md barrier list under fixed ids, the same on every installation', async () => {
    wb = tempWorkbench();
    const list = await wb.call('barrier.list', {});
    expect(list.map((b) => b.name)).toEqual([
      'Extra to the day job',
      'Tight timetable',
      'Initiative overload',
      'History of past partnerships',
      'Shared ownership',
      'Partnership governance',
      'Members running the service rather than steering',
      'Disincentives to collaborate',
      'Fear that identified savings will be cut from budgets',
      'Decommissioning',
      'National vs local remit',
      'Pressure for quick wins',
      'Reorganisation as a reflex',
      'Other',
    ]);
    expect(list[1]!.id).toBe('00000000-0000-7000-8b00-000000000002');
    const other = tempWorkbench();
    try {
      expect((await other.call('barrier.list', {})).map((b) => [b.id, b.rev])).toEqual(list.map((b) => [b.id, b.rev]));
    } finally {
      await other.cleanup();
    }
  });

  it('records entries with barriers and hypotheses, filters them, and keeps every edit in the history', async () => {
    wb = tempWorkbench();
    const h1 = await wb.call('hypothesis.add', { statement: 'A single falls team cuts admissions' });
    const h2 = await wb.call('hypothesis.add', { statement: 'Pooled budgets reduce reoffending' });
    const a = await wb.call('learning.add', entry({ hypothesisIds: [h1.id], whatHappened: 'Legal teams in three bodies each wanted their own agreement.' }));
    expect(a).toMatchObject({ kind: 'difficult', barrierIds: [TIGHT], hypothesisIds: [h1.id], sensitivity: 'partners' });
    await wb.call('learning.add', entry({ kind: 'failed', title: 'Joint triage pilot stopped', occurredOn: '2026-03-02', barrierIds: [GOVERNANCE, QUICK_WINS] }));

    expect((await wb.call('learning.list', { barrierId: TIGHT })).map((e) => e.title)).toEqual(['Data sharing took four months to agree']);
    expect((await wb.call('learning.list', { kind: 'failed' })).map((e) => e.title)).toEqual(['Joint triage pilot stopped']);
    expect((await wb.call('learning.list', { hypothesisId: h1.id })).map((e) => e.id)).toEqual([a.id]);
    expect((await wb.call('learning.list', { text: 'legal teams' })).map((e) => e.id)).toEqual([a.id]);
    // Newest first by when it happened.
    expect((await wb.call('learning.list', {})).map((e) => e.occurredOn)).toEqual(['2026-03-02', '2026-02-10']);

    // Moving the link from h1 to h2, then back: the old link row is restored, not duplicated.
    const moved = await wb.call('learning.update', { id: a.id, rev: a.rev, patch: { hypothesisIds: [h2.id], why: 'No template agreement existed.' } });
    expect(moved.hypothesisIds).toEqual([h2.id]);
    expect(await wb.call('learning.list', { hypothesisId: h1.id })).toEqual([]);
    const back = await wb.call('learning.update', { id: moved.id, rev: moved.rev, patch: { hypothesisIds: [h1.id, h2.id] } });
    expect([...back.hypothesisIds].sort()).toEqual([h1.id, h2.id].sort());
    const links = wb.ctx.sqlite.prepare('SELECT count(*) n FROM learning_links WHERE entry_id = ?').get(a.id) as { n: number };
    expect(links.n).toBe(2);

    const history = await wb.call('record.history', { table: 'learningEntries', id: a.id });
    expect(history.map((r) => r.op)).toEqual(['create', 'update']);
    expect(history[1]!.changed).toContain('why');
    expect(history[0]!.data.why).toBeNull();
  });

  it('a stale edit is refused and changes nothing', async () => {
    wb = tempWorkbench();
    const a = await wb.call('learning.add', entry());
    await wb.call('learning.update', { id: a.id, rev: a.rev, patch: { title: 'Data sharing took five months' } });
    const r = await wb.dispatch('learning.update', { id: a.id, rev: a.rev, patch: { title: 'Overwritten?' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    expect((await wb.call('learning.get', { id: a.id })).title).toBe('Data sharing took five months');
  });

  it('deleting an entry moves it to the recycle bin, from where it comes back whole', async () => {
    wb = tempWorkbench();
    const h = await wb.call('hypothesis.add', { statement: 'Shared assessments save visits' });
    const a = await wb.call('learning.add', entry({ hypothesisIds: [h.id] }));
    await wb.call('learning.delete', { id: a.id, rev: a.rev });
    expect(await wb.call('learning.list', {})).toEqual([]);
    const bin = await wb.call('recycleBin.list', {});
    expect(bin.map((i) => i.label)).toContain('Learning entry: Data sharing took four months to agree');
    await wb.call('recycleBin.restore', { table: 'learningEntries', id: a.id });
    const restored = await wb.call('learning.get', { id: a.id });
    expect(restored).toMatchObject({ title: a.title, barrierIds: [TIGHT], hypothesisIds: [h.id] });
  });

  it('refuses bad input with a specific message and writes nothing', async () => {
    wb = tempWorkbench();
    const countRows = () =>
      wb.ctx.sqlite.prepare(`SELECT (SELECT count(*) FROM learning_entries) e, (SELECT count(*) FROM learning_links) l, (SELECT count(*) FROM record_revisions) r`).get();
    const before = countRows();
    const cases: [Record<string, unknown>, string, string][] = [
      [entry({ title: '  ' }), 'INVALID_INPUT', 'The title is required'],
      [entry({ occurredOn: '2026-02-30' }), 'INVALID_INPUT', 'That day does not exist'],
      [entry({ kind: 'triumph' }), 'INVALID_INPUT', 'Choose what kind of learning this is'],
      [entry({ sensitivity: 'secret' }), 'INVALID_INPUT', 'Sensitivity is public, partners, team or personal'],
      [entry({ barrierIds: ['01a00000-0000-7000-8000-000000000000'] }), 'INVALID_INPUT', 'One barrier could not be found'],
      [entry({ hypothesisIds: ['01a00000-0000-7000-8000-000000000000'] }), 'INVALID_INPUT', 'One hypothesis could not be found'],
    ];
    for (const [input, code, message] of cases) {
      const r = await wb.dispatch('learning.add', input);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toContain(message);
      }
    }
    expect(countRows()).toEqual(before);
    expect(before).toMatchObject({ e: 0, l: 0 });
  });

  it('counts entries by barrier (an entry counts under each of its barriers) and by month, gaps included', async () => {
    wb = tempWorkbench();
    await wb.call('learning.add', entry({ occurredOn: '2026-01-05', barrierIds: [TIGHT, GOVERNANCE] }));
    await wb.call('learning.add', entry({ kind: 'failed', occurredOn: '2026-01-20', barrierIds: [TIGHT] }));
    await wb.call('learning.add', entry({ kind: 'lesson', occurredOn: '2026-03-31', barrierIds: [] }));
    expect(await wb.call('learning.byBarrier', {})).toEqual([
      { barrierId: TIGHT, name: 'Tight timetable', count: 2 },
      { barrierId: GOVERNANCE, name: 'Partnership governance', count: 1 },
      { barrierId: null, name: 'Not tagged', count: 1 },
    ]);
    expect(await wb.call('learning.byMonth', {})).toEqual([
      { month: '2026-01', total: 2, byKind: { 'did-not-work': 0, failed: 1, difficult: 1, lesson: 0 } },
      { month: '2026-02', total: 0, byKind: { 'did-not-work': 0, failed: 0, difficult: 0, lesson: 0 } },
      { month: '2026-03', total: 1, byKind: { 'did-not-work': 0, failed: 0, difficult: 0, lesson: 1 } },
    ]);
  });

  it('barriers can be added and renamed; one still tagging entries cannot be deleted', async () => {
    wb = tempWorkbench();
    const added = await wb.call('barrier.add', { name: 'IT systems that do not talk' });
    const renamed = await wb.call('barrier.update', { id: added.id, rev: added.rev, patch: { name: 'Incompatible IT systems' } });
    await wb.call('learning.add', entry({ barrierIds: [renamed.id] }));
    const r = await wb.dispatch('barrier.delete', { id: renamed.id, rev: renamed.rev });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('tags 1 learning entry') });
    const dup = await wb.dispatch('barrier.add', { name: 'tight TIMETABLE' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.code).toBe('CONFLICT');
    const unused = await wb.call('barrier.add', { name: 'Weather' });
    await wb.call('barrier.delete', { id: unused.id, rev: unused.rev });
    expect((await wb.call('barrier.list', {})).map((b) => b.name)).not.toContain('Weather');
  });
});
