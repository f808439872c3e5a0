/**
 * Issue 15 (15b): records that belong together are joined. A benefits-register entry linked to an
 * estimate takes its figures from it (and follows it); an action follows from a recommendation;
 * deleting a set-up record in use can first say what uses it. Real SQLite in a temp folder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { receive, send, setUpPair } from '../fixtures/bundles/pair';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench;
afterEach(async () => wb?.cleanup());

const flat = (...central: number[]) => central.map((c) => ({ low: c, central: c, high: c }));

describe('a benefit linked to an estimate', () => {
  it('takes its full-year value from the estimate, shows the link and stays in step when the estimate changes', async () => {
    wb = tempWorkbench();
    const nhs = await wb.call('organisation.add', { name: 'NHS Trust', type: 'nhs' });
    const intervention = await wb.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3, discount: { rate: 0.035 } });
    // Peak year 300,000p before adjustments; 25 % deadweight leaves 225,000p (no optimism bias given).
    const line = await wb.call('estimateLine.add', { interventionId: intervention.id, kind: 'benefit', label: 'Fewer admissions', organisationId: nhs.id, deadweight: 0.25, cashable: true, optimismBias: 0, profile: flat(0, 200000, 300000) });

    // The figure typed is ignored: linked, the estimate's figure is the one kept.
    const added = await wb.call('benefit.add', { title: 'Fewer falls admissions', fullYearPence: 1, cashReleasing: false, interventionId: intervention.id });
    expect(added).toMatchObject({ interventionId: intervention.id, fullYearPence: 225000, cashReleasing: true });
    const [view] = await wb.call('benefit.list', {});
    expect(view).toMatchObject({ fullYearPence: 225000, cashReleasing: true, estimate: { name: 'Falls prevention', found: true } });

    // The estimate changes: the register follows with no retyping.
    await wb.call('estimateLine.update', { id: line.id, rev: line.rev, patch: { profile: flat(0, 200000, 400000) } });
    expect((await wb.call('benefit.get', { id: added.id })).fullYearPence).toBe(300000);
    // …and so does what the dashboard adds up.
    expect((await wb.call('dashboard.summary', {})).benefits.fullYearPence).toBe(300000);

    // Unlinked again, the person types the figure.
    const b = await wb.call('benefit.get', { id: added.id });
    const typed = await wb.call('benefit.update', { id: b.id, rev: b.rev, patch: { interventionId: null, fullYearPence: 5000 } });
    expect(typed.fullYearPence).toBe(5000);
    expect((await wb.call('benefit.get', { id: added.id })).estimate).toBeNull();
  });

  it('refuses a link to an estimate that is not there, changing nothing', async () => {
    wb = tempWorkbench();
    const r = await wb.dispatch('benefit.add', { title: 'Ghost', fullYearPence: 100, interventionId: '00000000-0000-4000-8000-000000000000' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('interventionId');
    expect(await wb.call('benefit.list', {})).toEqual([]);
  });
});

describe('an action linked to its recommendation', () => {
  it('records the link, lists the actions of a recommendation and names it on the action', async () => {
    wb = tempWorkbench();
    const rec = await wb.call('action.add', { kind: 'recommendation', title: 'Add a benefits check to every safe and well visit' });
    const act = await wb.call('action.add', { kind: 'action', title: 'Train the fire crews', recommendationId: rec.id });
    expect(act).toMatchObject({ recommendationId: rec.id, recommendationTitle: 'Add a benefits check to every safe and well visit' });
    await wb.call('action.add', { kind: 'action', title: 'Unrelated' });
    expect((await wb.call('action.list', { recommendationId: rec.id })).map((a) => a.title)).toEqual(['Train the fire crews']);
    expect((await wb.call('action.get', { id: act.id })).recommendationTitle).toBe('Add a benefits check to every safe and well visit');
  });

  it('refuses a link to an action, to itself, or from a recommendation', async () => {
    wb = tempWorkbench();
    const rec = await wb.call('action.add', { kind: 'recommendation', title: 'Recommendation' });
    const act = await wb.call('action.add', { kind: 'action', title: 'Action' });
    const toAction = await wb.dispatch('action.add', { kind: 'action', title: 'X', recommendationId: act.id });
    expect(toAction.ok).toBe(false);
    const fromRec = await wb.dispatch('action.add', { kind: 'recommendation', title: 'Y', recommendationId: rec.id });
    expect(fromRec.ok).toBe(false);
    const self = await wb.dispatch('action.update', { id: act.id, rev: act.rev, patch: { recommendationId: act.id } });
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.error.fields).toHaveProperty('recommendationId');
    expect((await wb.call('action.list', {})).length).toBe(2);
  });
});

describe('what depends on a set-up record', () => {
  it('counts the hypotheses, rules, spend and estimates that use a theme', async () => {
    wb = tempWorkbench();
    const theme = await wb.call('theme.add', { name: 'Older people' });
    const other = await wb.call('theme.add', { name: 'Housing' });
    await wb.call('hypothesis.add', { statement: 'A', themeId: theme.id });
    await wb.call('hypothesis.add', { statement: 'B', themeId: theme.id });
    await wb.call('hypothesis.add', { statement: 'C', themeId: other.id });
    await wb.call('intervention.add', { name: 'Falls prevention', startYear: '2024-25', years: 3, themeId: theme.id });
    const d = await wb.call('pilot.dependents', { table: 'themes', id: theme.id });
    expect(d.items).toEqual(
      expect.arrayContaining([
        { table: 'hypotheses', singular: 'hypothesis', plural: 'hypotheses', count: 2 },
        { table: 'interventions', singular: 'intervention', plural: 'interventions', count: 1 },
      ]),
    );
    expect(d.items.length).toBe(2);
    expect(d.spendPence).toBe(0);
    // A theme nothing uses has no dependents; deleted records do not count.
    const unused = await wb.call('theme.add', { name: 'Unused' });
    expect((await wb.call('pilot.dependents', { table: 'themes', id: unused.id })).items).toEqual([]);
  });

  it('counts a team member’s hypotheses', async () => {
    wb = tempWorkbench();
    const m = await wb.call('teamMember.add', { name: 'Sam Patel', fte: 0.5 });
    const h = await wb.call('hypothesis.add', { statement: 'A', ownerId: m.id });
    expect((await wb.call('pilot.dependents', { table: 'teamMembers', id: m.id })).items).toEqual([{ table: 'hypotheses', singular: 'hypothesis', plural: 'hypotheses', count: 1 }]);
    await wb.call('hypothesis.delete', { id: h.id, rev: h.rev });
    expect((await wb.call('pilot.dependents', { table: 'teamMembers', id: m.id })).items).toEqual([]);
  });
});

describe('the recommendation link travels in bundles', () => {
  it('arrives with its actions whatever order the rows are applied in', async () => {
    const pair = await setUpPair();
    try {
      const { a, b } = pair;
      const rec = await a.call('action.add', { kind: 'recommendation', title: 'Add a benefits check to every visit' });
      for (let i = 0; i < 6; i++) await a.call('action.add', { kind: 'action', title: `Action ${i}`, recommendationId: rec.id });
      const r = await receive(b, await send(a, pair.bInA, pair.out, { scope: ['learning'] }));
      expect(r.added).toBeGreaterThanOrEqual(7);
      const got = await b.call('action.list', { recommendationId: rec.id });
      expect(got.map((x) => x.title).sort()).toEqual(['Action 0', 'Action 1', 'Action 2', 'Action 3', 'Action 4', 'Action 5']);
      expect(got[0]!.recommendationTitle).toBe('Add a benefits check to every visit');
    } finally {
      await pair.cleanup();
    }
  }, 120_000);
});

describe('who the demo pilot is by', () => {
  it('is a clearly demo name, never the computer’s login, and the person’s own name is left as it was', async () => {
    wb = tempWorkbench();
    await wb.call('pilot.createDemo', {});
    const actors = wb.ctx.sqlite.prepare('SELECT DISTINCT actor FROM record_revisions').all() as { actor: string }[];
    expect(actors).toEqual([{ actor: 'Priya Sharma (demo)' }]);
    // Nobody was named before: the first-run question still asks.
    expect((await wb.call('me.get', {})).prompt).toBe(true);
  }, 120_000);
});
