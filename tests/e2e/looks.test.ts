/**
 * Issue 15 ("looks", estimates and toasts): what a new secondee tripped over on a laptop screen.
 * The estimate's results stay in view while its lines are edited, figures are rounded for reading
 * and never break at the minus sign, an empty estimate says so, toasts keep out of the way, the
 * sidebar folds away and stays folded, checkboxes sit beside their words, and hinted inputs line up.
 */
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { openApp, type E2E } from '../helpers/e2e';
import { serveApi } from '../helpers/pages';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const year = (central: number) => ({ low: Math.round(central * 0.8), central, high: Math.round(central * 1.3) });

/** A pilot with one intervention of five lines whose costs outweigh its benefits (a negative NPV), and one with no lines. */
async function seed(dbPath: string): Promise<void> {
  const wb = openWorkbench(dbPath, 'cli');
  const call = async (m: string, i: unknown) => {
    const r = await wb.dispatch(m as never, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as { id: string };
  };
  await call('pilot.save', { pilot: { place: 'Herefordshire and Worcestershire', question: 'Improved outcomes at less cost?', startDate: '2026-09-01', reportDeadline: '2027-03-31' } });
  const council = await call('organisation.add', { name: 'Herefordshire and Worcestershire County Council', type: 'council' });
  const nhs = await call('organisation.add', { name: 'Herefordshire and Worcestershire Integrated Care Board', type: 'nhs' });
  const i = await call('intervention.add', { name: 'Integrated falls response', startYear: '2026-27', years: 5 });
  const lines: [string, 'cost' | 'benefit', string, number][] = [
    ['Falls response team', 'cost', council.id, 4_512_345_67],
    ['Telecare', 'cost', council.id, 123_456_78],
    ['Training', 'cost', nhs.id, 98_765_43],
    ['Fewer emergency admissions', 'benefit', nhs.id, 2_345_678_91],
    ['Fewer care home placements', 'benefit', council.id, 987_654_32],
  ];
  for (const [n, [label, kind, org, c]] of lines.entries()) {
    await call('estimateLine.add', {
      interventionId: i.id,
      kind,
      label,
      organisationId: org,
      ...(kind === 'cost' ? { category: 'revenue' } : { valueType: 'fiscal' }),
      cashable: true,
      profile: [year(c), year(c), year(c), year(c), year(c)],
      position: n,
    });
  }
  await call('intervention.add', { name: 'Shared case record', startYear: '2026-27', years: 3 });
  await wb.close();
}

async function openEstimate(e2e: E2E, name: string): Promise<void> {
  await e2e.goto('/estimates');
  await e2e.page.getByRole('link', { name }).click();
  await expect.poll(() => e2e.page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe(name);
}

async function inViewport(page: Page, el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  const view = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= view.height && box.x >= 0 && box.x + box.width <= view.width;
}

describe('a savings estimate on a 1366×768 laptop', () => {
  it('keeps its results in view while line 4 is edited, rounded for reading and never broken at the minus sign', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openEstimate(app, 'Integrated falls response');

    const lines = page.getByRole('region', { name: /^(Cost|Benefit):/ });
    await expect.poll(() => lines.count()).toBe(5);
    const fourth = lines.nth(3).getByLabel('2028-29 central (£)');
    await fourth.scrollIntoViewIfNeeded();
    await fourth.fill('2400000');
    await expect.poll(() => inViewport(page, fourth)).toBe(true);
    // The line being typed in and the figure it changes are on screen together.
    const npv = page.getByTestId('central-npv');
    await expect.poll(() => npv.getAttribute('data-exact')).toMatch(/^−£[\d,]+\.\d\d$/);
    await expect.poll(() => inViewport(page, npv)).toBe(true);
    await expect.poll(() => inViewport(page, page.getByRole('heading', { name: 'Results', exact: true }))).toBe(true);

    // Whole pounds for reading, the minus sign (not a hyphen), the pence one hover away.
    expect(await npv.textContent()).toMatch(/^−£[\d,]+$/);
    expect(await npv.getAttribute('title')).toMatch(/^−£[\d,]+\.\d\d exactly$/);
    // No figure in the results breaks across lines (a minus sign alone on a line).
    const results = page.locator('section.results');
    const wrapped = await results.locator('.money').evaluateAll((els) => els.filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent));
    expect(wrapped).toEqual([]);
    expect(await results.locator('.money').count()).toBeGreaterThan(20);

    // "Who pays and who benefits" and the scenarios fit inside their card: Net and Optimistic are not cut off.
    const inside = await results.evaluate((card) => card.getBoundingClientRect().right - parseFloat(getComputedStyle(card).paddingRight));
    for (const name of [/Who pays and who benefits/, /Results by scenario/]) {
      const table = await page.getByRole('table', { name }).boundingBox();
      expect(table!.x + table!.width, String(name)).toBeLessThanOrEqual(inside + 0.5);
    }
  });

  it('an estimate with no figures shows what to do, not a payback year or £0 axes', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await openEstimate(app, 'Shared case record');
    const results = page.locator('section.results');
    await expect.poll(() => results.getByRole('heading', { name: 'No figures yet' }).isVisible()).toBe(true);
    expect(await results.textContent()).not.toContain('Payback year');
    expect(await results.locator('.recharts-wrapper').count()).toBe(0);
  });
});

describe('toasts', () => {
  it('at most two, in their own strip clear of the page, gone after a few seconds, on navigation, or once restored elsewhere', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await openEstimate(app, 'Integrated falls response');
    const toasts = page.locator('.toast');

    // Three deletions in a row: only the last two messages show.
    for (let n = 0; n < 3; n++) {
      const before = await page.getByRole('region', { name: /^(Cost|Benefit):/ }).count();
      await page.getByRole('button', { name: /^Delete (cost|benefit) line$/ }).first().click();
      await expect.poll(() => page.getByRole('region', { name: /^(Cost|Benefit):/ }).count()).toBe(before - 1);
    }
    await page.mouse.move(5, 5);
    await expect.poll(() => toasts.count()).toBe(2);
    // Not over anything on the page: the strip sits below the page's own area.
    const strip = await page.locator('.toasts').boundingBox();
    const main = await page.locator('#main').boundingBox();
    expect(strip!.y).toBeGreaterThanOrEqual(main!.y + main!.height - 1);

    // An Undo made stale by a restore from elsewhere (here: the API, as `tpw` or a teammate would) goes.
    const api = serveApi(app.baseUrl, app.token);
    const bin = await api<{ table: string; id: string; deletedAt: string }[]>('recycleBin.list');
    const last = bin.filter((d) => d.table === 'estimateLines').sort((a, b) => a.deletedAt.localeCompare(b.deletedAt)).at(-1)!;
    await api('recycleBin.restore', { table: last.table, id: last.id });
    await expect.poll(() => toasts.filter({ hasText: '"Training"' }).count(), { timeout: 6_000 }).toBe(0);

    // Left alone (the pointer elsewhere: hovering would keep it), the other goes by itself (10 s with an Undo, not 12), and a new page starts clean.
    await page.mouse.move(5, 5);
    await expect.poll(() => toasts.count(), { timeout: 11_000, interval: 250 }).toBe(0);
    await page.getByRole('button', { name: /^Delete (cost|benefit) line$/ }).first().click();
    await expect.poll(() => toasts.count()).toBe(1);
    await page.getByRole('link', { name: 'All interventions' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Savings estimates');
    expect(await toasts.count()).toBe(0);
  });
});

describe('a 1024×700 screen', () => {
  it('keeps the header on one line and lets the sidebar fold away, remembered after a reload', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 700 });
    await app.goto('/');
    await expect.poll(() => page.locator('.app-header__place').textContent()).toBe('Herefordshire and Worcestershire');
    const header = page.locator('.app-header');
    expect((await header.boundingBox())!.height).toBeLessThan(60);

    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Hide menu' }).click();
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Show menu' }).getAttribute('aria-expanded')).toBe('false');
    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Show menu' }).isVisible()).toBe(true);
    expect(await nav.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show menu' }).click();
    await expect.poll(() => nav.isVisible()).toBe(true);
  });
});

describe('forms', () => {
  it('put checkboxes beside their words and keep a row of inputs in line when one has a hint', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await app.goto('/evidence/new');
    await besideItsLabel(page.getByLabel('Gives the citizen’s perspective'), page.getByText('Gives the citizen’s perspective'));
    // Kind has no hint, Sensitivity has one: their boxes still start at the same height.
    const kind = await page.getByLabel('Kind', { exact: true }).boundingBox();
    const sensitivity = await page.getByLabel('Sensitivity', { exact: true }).boundingBox();
    expect(Math.abs(kind!.y - sensitivity!.y)).toBeLessThan(2);

    // The report's groups of options look like every other group: no browser-default box round them.
    await app.goto('/report');
    const marking = page.locator('fieldset', { has: page.getByText('Sensitive material', { exact: true }) });
    await expect.poll(() => marking.count()).toBe(1);
    expect(await marking.evaluate((f) => getComputedStyle(f).borderTopStyle)).toBe('none');
    await besideItsLabel(page.getByLabel('Include team-only material'), page.getByText('Include team-only material'));
  });
});

/**
 * The box starts its line and its words follow on the same line: its middle is within the
 * label's height, and the label is one line high (not a box on a line of its own above the words).
 */
async function besideItsLabel(box: Locator, words: Locator): Promise<void> {
  const b = (await box.boundingBox())!;
  const w = (await words.boundingBox())!;
  expect(b.x).toBeLessThanOrEqual(w.x + 1);
  expect(b.width).toBeLessThan(40);
  expect(w.height).toBeLessThan(40);
  const middle = b.y + b.height / 2;
  expect(middle).toBeGreaterThan(w.y);
  expect(middle).toBeLessThan(w.y + w.height);
}
