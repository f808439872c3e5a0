/**
 * Issue 15, the rest (lists and tables): the evidence list sorts on the server and keeps sort and
 * filters over a reload; other lists sort by their column headers; the evidence editor keeps what
 * was typed after a stale-edit refusal; the spend lines table writes dates one way and never
 * breaks its headers mid-word at 1366 px; the estimate tables write money in one unit each.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';
import { tpw } from '../helpers/cli';
import { wordsBrokenInHeaders } from './headerWords';
import { serveApi } from '../helpers/pages';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const demo = (db: string) => {
  const r = tpw(['demo', '--db', db, '--json']);
  if (r.status !== 0) throw new Error(r.stderr);
};

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

describe('the evidence list', () => {
  it('sorts on the server by the chosen order, and sort and filter both survive a reload', { timeout: 120_000 }, async () => {
    app = await openApp({ setup: demo });
    const { page } = app;
    const api = serveApi(app.baseUrl, app.token);
    await app.goto('/evidence');
    const status = page.getByRole('status').filter({ hasText: /^\d+ items?( match)?$/ });
    await expect.poll(() => page.locator('.evidence-row__title').count()).toBe(8);
    // A row whose details wrap is taller, never with its title squeezed out of sight.
    const squeezed = await page.locator('.evidence-row__title').evaluateAll((ts) => ts.filter((t) => t.getBoundingClientRect().height < 10).map((t) => t.textContent));
    expect(squeezed).toEqual([]);

    await page.getByLabel('Kind').selectOption('citizen_journey');
    await page.getByLabel('Sort by').selectOption({ label: 'Title, Z to A' });
    await expect.poll(() => page.url()).toMatch(/kind=citizen_journey/);
    expect(page.url()).toMatch(/sort=-title/);
    const titles = () => page.locator('.evidence-row__title').allTextContents();
    // The order is the server's (the list is paged there), not a re-sort of one page. Waited for:
    // the three journeys can show first in the order asked before, while the sorted list is on its way.
    const server = await api<{ items: { title: string }[] }>('evidence.list', { kind: 'citizen_journey', sort: 'title', direction: 'desc' });
    await expect.poll(titles).toEqual(server.items.map((i) => i.title));
    const shown = await titles();
    expect(shown).toHaveLength(3);
    expect(shown).toEqual([...shown].sort(collator.compare).reverse());
    await expect.poll(() => status.first().textContent()).toBe('3 items match');

    await page.reload();
    await expect.poll(() => page.getByLabel('Sort by').inputValue()).toBe('-title');
    expect(await page.getByLabel('Kind').inputValue()).toBe('citizen_journey');
    await expect.poll(titles).toEqual(shown);
    await expectAccessible(page, 'the evidence list, filtered and sorted');

    // Sorting alone is not a filter: the whole list, "8 items", earliest observed first.
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Sort by').selectOption({ label: 'Earliest observed first' });
    await expect.poll(async () => (await titles()).length).toBe(8);
    await expect.poll(() => status.first().textContent()).toBe('8 items');
    const observed = await api<{ items: { title: string }[] }>('evidence.list', { sort: 'observed', direction: 'asc' });
    await expect.poll(titles).toEqual(observed.items.map((i) => i.title));
  });

  it('after a stale-edit refusal, "keep my text" reloads the item with what was typed kept', { timeout: 120_000 }, async () => {
    app = await openApp();
    const { page } = app;
    const api = serveApi(app.baseUrl, app.token);
    const e = await api<{ id: string; rev: string }>('evidence.add', { title: 'Falls audit', kind: 'document', sensitivity: 'team' });
    await app.goto(`/evidence/${e.id}`);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const summary = page.getByLabel('Summary');
    await summary.fill('Three in ten call-outs were repeat visits to the same address.');
    // Someone else saves meanwhile, changing another field.
    await api('evidence.update', { id: e.id, rev: e.rev, patch: { source: 'Ambulance trust audit, March' } });
    await page.getByRole('button', { name: /^Save/ }).first().click();
    await page.getByRole('button', { name: 'Reload the latest, keep my text' }).click();
    await expect.poll(() => page.getByLabel('Source').inputValue()).toBe('Ambulance trust audit, March');
    expect(await summary.inputValue()).toBe('Three in ten call-outs were repeat visits to the same address.');
    await expectAccessible(page, 'the evidence editor with kept text');
    await page.getByRole('button', { name: /^Save/ }).first().click();
    await expect.poll(async () => (await api<{ summary: string | null }>('evidence.get', { id: e.id })).summary).toBe('Three in ten call-outs were repeat visits to the same address.');
    expect((await api<{ source: string | null }>('evidence.get', { id: e.id })).source).toBe('Ambulance trust audit, March');
  });
});

describe('lists sorted by their column headers', () => {
  it('the code book sorts by a header, says so with aria-sort, and keeps it over a reload', { timeout: 120_000 }, async () => {
    app = await openApp({ setup: demo });
    const { page } = app;
    await app.goto('/evidence/codes');
    const codesTable = page.getByRole('table', { name: 'Codes' });
    const quotesHeader = codesTable.getByRole('columnheader', { name: /^Quotes/ });
    await expect.poll(() => quotesHeader.isVisible()).toBe(true);
    await quotesHeader.getByRole('button').click();
    await quotesHeader.getByRole('button').click();
    await expect.poll(() => quotesHeader.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(() => page.url()).toMatch(/sort=-quotes/);
    const counts = () => codesTable.locator('tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.querySelector('td.num')?.textContent)));
    const before = await counts();
    expect(before.length).toBeGreaterThan(2);
    expect(before).toEqual([...before].sort((a, b) => b - a));
    await page.reload();
    await expect.poll(() => page.getByRole('table', { name: 'Codes' }).getByRole('columnheader', { name: /^Quotes/ }).getAttribute('aria-sort')).toBe('descending');
    expect(await counts()).toEqual(before);
    await expectAccessible(page, 'the code book, sorted');
  });

  it('interventions, unit costs, partners, the logs and the recycle bin have sortable headers', { timeout: 180_000 }, async () => {
    app = await openApp({ setup: demo });
    const { page } = app;
    const api = serveApi(app.baseUrl, app.token);
    for (const [code, valuePence] of [['FALL-1', 250_000], ['QALY', 6_000_000]] as const) {
      await api('unitCost.add', { code, description: `Unit cost ${code}`, unit: 'each', agency: 'NHS', valuePence, priceYear: '2024-25' });
    }
    const hypotheses = await api<{ id: string; rev: string }[]>('hypothesis.list', {});
    for (const h of hypotheses.slice(0, 2)) await api('hypothesis.delete', { id: h.id, rev: h.rev });
    for (const [route, header] of [
      ['/estimates', 'NPV'],
      ['/estimates/unit-costs', 'Value'],
      ['/recycle-bin', 'Deleted'],
    ] as const) {
      await app.goto(route);
      const th = page.getByRole('columnheader', { name: new RegExp(`^${header}`) }).first();
      await expect.poll(() => th.isVisible(), { timeout: 15_000 }).toBe(true);
      await th.getByRole('button').click();
      await expect.poll(() => th.getAttribute('aria-sort')).toBe('ascending');
      await page.reload();
      await expect.poll(() => page.getByRole('columnheader', { name: new RegExp(`^${header}`) }).first().getAttribute('aria-sort')).toBe('ascending');
    }
    // Empty lists keep their filters in the URL too.
    await app.goto('/bundles/log?direction=import');
    await expect.poll(() => page.getByLabel('Direction').inputValue()).toBe('import');
    await app.goto('/bundles/partners?verified=no');
    await expect.poll(() => page.getByLabel('Fingerprint').inputValue()).toBe('no');
  });
});

describe('the spend lines table at 1366 px', () => {
  it('writes dates as "17 Apr 2025" and never breaks a header mid-word', { timeout: 120_000 }, async () => {
    app = await openApp({ setup: demo });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await app.goto('/spend/lines');
    const table = page.locator('.spend-grid table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    const dates = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    for (const d of dates) expect(d).toMatch(/^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}( to \d{1,2} [A-Z][a-z]{2} \d{4})?$/);
    // Every header's words are each on one line: no line box of a header starts inside a word.
    const broken = await wordsBrokenInHeaders(page.locator('.spend-grid'));
    expect(broken).toEqual([]);
    const description = table.getByRole('columnheader', { name: 'Description' });
    const box = await description.evaluate((th) => {
      const r = document.createRange();
      r.selectNodeContents(th);
      return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
    });
    expect(box).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await expectAccessible(page, 'the spend lines at 1366 px');
  });
});

describe('estimate tables', () => {
  it('write every figure of a table in one unit, exact on hover', { timeout: 120_000 }, async () => {
    app = await openApp({ setup: demo });
    const { page } = app;
    const api = serveApi(app.baseUrl, app.token);
    const [first] = await api<{ id: string }[]>('intervention.list', {});
    for (const route of [`/estimates/${first!.id}`, '/estimates/portfolio', '/estimates']) {
      await app.goto(route);
      await expect.poll(() => page.locator('table .money').count(), { timeout: 15_000 }).toBeGreaterThan(2);
      const units = await page.locator('table').evaluateAll((tables) =>
        tables
          .map((t) => [...t.querySelectorAll('.money')].map((m) => m.textContent ?? ''))
          // "£0" reads the same in either unit; "—" is no figure.
          .map((texts) => [...new Set(texts.filter((x) => x !== '£0' && x !== '—').map((x) => (/^−?£\d+\.\d\dm$/.test(x) ? 'millions' : /^−?£[\d,]+$/.test(x) ? 'pounds' : `other: ${x}`)))])
          .filter((u) => u.length > 0),
      );
      // Each table: whole pounds only, or millions only.
      for (const u of units) expect(u.length, `${route}: ${JSON.stringify(units)}`).toBe(1);
      const exact = await page.locator('table .money').first().getAttribute('data-exact');
      expect(exact).toMatch(/^−?£[\d,]+\.\d\d$/);
    }
  });
});
