import { afterEach, describe, expect, it } from 'vitest';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
afterEach(async () => wb?.cleanup());

// "Today" is pinned: 10 April 2026, midday.
const NOW = () => new Date('2026-04-10T12:00:00Z');

describe('recommendations and actions', () => {
  it('an action is overdue only while open or in progress and due before today', async () => {
    wb = tempWorkbench({ now: NOW });
    const org = await wb.call('organisation.add', { name: 'Borough Council', type: 'council' });
    const add = (title: string, dueDate: string | null, status: 'open' | 'in-progress' | 'done' | 'dropped') =>
      wb.call('action.add', { title, dueDate, status, organisationId: org.id, owner: 'Sam Patel' });
    await add('Due yesterday, open', '2026-04-09', 'open');
    await add('Due last month, in progress', '2026-03-01', 'in-progress');
    await add('Due today, open', '2026-04-10', 'open');
    await add('Due yesterday, done', '2026-04-09', 'done');
    await add('Due yesterday, dropped', '2026-04-09', 'dropped');
    await add('No due date', null, 'open');
    await add('Due next week', '2026-04-17', 'open');

    const all = await wb.call('action.list', {});
    const overdue = all.filter((a) => a.overdue).map((a) => a.title);
    expect(overdue.sort()).toEqual(['Due last month, in progress', 'Due yesterday, open']);
    // Overdue first (earliest due first), then by due date, undated last.
    expect(all.map((a) => a.title)).toEqual([
      'Due last month, in progress',
      'Due yesterday, open',
      'Due yesterday, done',
      'Due yesterday, dropped',
      'Due today, open',
      'Due next week',
      'No due date',
    ]);
    expect(all[0]).toMatchObject({ organisationName: 'Borough Council', owner: 'Sam Patel' });
    expect((await wb.call('action.list', { overdue: true })).length).toBe(2);
    expect((await wb.call('action.list', { status: 'done' })).map((a) => a.title)).toEqual(['Due yesterday, done']);
    expect((await wb.call('action.list', { owner: 'patel' })).length).toBe(7);

    // Marking it done takes it off the overdue list.
    const late = all.find((a) => a.title === 'Due yesterday, open')!;
    const done = await wb.call('action.update', { id: late.id, rev: late.rev, patch: { status: 'done' } });
    expect(done.overdue).toBe(false);
    const summary = await wb.call('dashboard.summary', {});
    expect(summary.actions.overdue.map((a) => a.title)).toEqual(['Due last month, in progress']);
    expect(summary.actions.open).toBe(4);
  });

  it('links recommendations to hypotheses and carries them beyond the pilot; bad links are refused', async () => {
    wb = tempWorkbench({ now: NOW });
    const h = await wb.call('hypothesis.add', { statement: 'A single front door for families saves repeat assessments' });
    const rec = await wb.call('action.add', { kind: 'recommendation', title: 'Commission a single front door', hypothesisIds: [h.id], beyondPilot: true });
    expect(rec).toMatchObject({ kind: 'recommendation', hypothesisIds: [h.id], beyondPilot: true, status: 'open', sensitivity: 'partners' });
    expect((await wb.call('action.list', { beyondPilot: true })).map((a) => a.id)).toEqual([rec.id]);
    const bad = await wb.dispatch('action.add', { title: 'Orphan', hypothesisIds: ['01a00000-0000-7000-8000-000000000000'] });
    expect(bad.ok).toBe(false);
    const badOrg = await wb.dispatch('action.add', { title: 'Orphan', organisationId: '01a00000-0000-7000-8000-000000000000' });
    expect(!badOrg.ok && badOrg.error.code).toBe('INVALID_INPUT');
    const badStatus = await wb.dispatch('action.add', { title: 'x', status: 'finished' });
    expect(!badStatus.ok && badStatus.error.message).toContain('Status is open, in progress, done or dropped');
    expect((await wb.call('action.list', {})).length).toBe(1);
  });
});

describe('the benefits register', () => {
  it('compares the estimate (full-year value pro rata by month) with what has been realised', async () => {
    wb = tempWorkbench({ now: NOW });
    // £12,000 a year from January: £1,000 a month expected. £6,000 a year from March: £500 a month.
    const falls = await wb.call('benefit.add', { title: 'Fewer falls admissions', fullYearPence: 1_200_000, cashReleasing: true, startsOn: '2026-01-15', owner: 'Jo Smith', measure: 'Emergency admissions after a fall', target: '-10% by March 2027' });
    const visits = await wb.call('benefit.add', { title: 'Fewer duplicate visits', fullYearPence: 600_000, startsOn: '2026-03-01' });
    await wb.call('realisation.add', { benefitId: falls.id, realisedOn: '2026-02-01', realisedPence: 150_000, note: 'Q4 invoices' });
    await wb.call('realisation.add', { benefitId: falls.id, realisedOn: '2026-03-20', realisedPence: 100_000 });
    await wb.call('realisation.add', { benefitId: visits.id, realisedOn: '2026-05-01', realisedPence: 50_000, note: 'Agreed in advance' });

    const list = await wb.call('benefit.list', {});
    const f = list.find((b) => b.id === falls.id)!;
    // January to April inclusive = 4 months × £1,000.
    expect(f.expectedToDatePence).toBe(400_000);
    expect(f.realisedToDatePence).toBe(250_000);
    const v = list.find((b) => b.id === visits.id)!;
    // March and April × £500; the May realisation is not "to date" yet.
    expect(v.expectedToDatePence).toBe(100_000);
    expect(v.realisedToDatePence).toBe(0);

    expect(await wb.call('benefit.overTime', {})).toEqual([
      { month: '2026-01', estimatedPence: 100_000, realisedPence: 0 },
      { month: '2026-02', estimatedPence: 200_000, realisedPence: 150_000 },
      { month: '2026-03', estimatedPence: 350_000, realisedPence: 250_000 },
      { month: '2026-04', estimatedPence: 500_000, realisedPence: 250_000 },
      { month: '2026-05', estimatedPence: 650_000, realisedPence: 300_000 },
    ]);
    expect((await wb.call('benefit.overTime', { benefitId: visits.id })).map((p) => p.estimatedPence)).toEqual([50_000, 100_000, 150_000]);

    const summary = await wb.call('dashboard.summary', {});
    expect(summary.benefits).toEqual({ count: 2, fullYearPence: 1_800_000, realisedToDatePence: 250_000 });
  });

  it('refuses fractional pence, negative values and realisations of a benefit that is gone', async () => {
    wb = tempWorkbench({ now: NOW });
    const r1 = await wb.dispatch('benefit.add', { title: 'x', fullYearPence: 10.5 });
    expect(!r1.ok && r1.error.message).toContain('whole pence');
    const r2 = await wb.dispatch('benefit.add', { title: 'x', fullYearPence: -1 });
    expect(!r2.ok && r2.error.message).toContain('cannot be negative');
    const b = await wb.call('benefit.add', { title: 'Gone soon', fullYearPence: 100 });
    await wb.call('benefit.delete', { id: b.id, rev: b.rev });
    const r3 = await wb.dispatch('realisation.add', { benefitId: b.id, realisedOn: '2026-04-01', realisedPence: 100 });
    expect(!r3.ok && r3.error.code).toBe('NOT_FOUND');
  });
});

describe('the dashboard summary', () => {
  it('counts hypotheses by status and lists the most recent learning', async () => {
    // A clock that moves on a second at every reading, so "most recent" is well defined.
    let t = NOW().getTime();
    wb = tempWorkbench({ now: () => new Date((t += 1000)) });
    const h = await wb.call('hypothesis.add', { statement: 'One' });
    await wb.call('hypothesis.add', { statement: 'Two' });
    await wb.call('hypothesis.setStatus', { id: h.id, rev: h.rev, status: 'testing', note: null });
    for (let i = 1; i <= 6; i++) await wb.call('learning.add', { kind: 'lesson', title: `Lesson ${i}`, occurredOn: '2026-03-01' });
    const s = await wb.call('dashboard.summary', {});
    expect(s.hypothesisCount).toBe(2);
    expect(s.hypothesesByStatus).toMatchObject({ proposed: 1, testing: 1, supported: 0 });
    expect(s.learningCount).toBe(6);
    expect(s.recentLearning.map((e) => e.title)).toEqual(['Lesson 6', 'Lesson 5', 'Lesson 4', 'Lesson 3', 'Lesson 2']);
  });
});
