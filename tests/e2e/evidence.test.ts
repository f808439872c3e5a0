import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('evidence', () => {
  it('adds an item with an attachment, links it, rates it in the matrix, and finds it by a word inside the file', async () => {
    app = await openApp();
    const { page } = app;
    await app.goto('/setup');
    await page.getByLabel('Place').fill('Northshire');
    await page.getByRole('button', { name: 'Set up the pilot' }).click();
    await expect.poll(() => page.locator('.app-header__place').textContent()).toBe('Northshire');
    for (const statement of ['A single falls team cuts admissions', 'More hospital beds are the answer']) {
      await app.goto('/hypotheses/new');
      await page.getByLabel('Hypothesis', { exact: true }).fill(statement);
      await page.getByRole('button', { name: 'Add hypothesis' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(statement);
    }

    // The empty list says what to do next.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Evidence' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'No evidence yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty evidence list');

    // Add an item with a text file through the labelled file chooser.
    const notes = path.join(app.dir, 'visit-notes.txt');
    fs.writeFileSync(notes, 'Mr Okafor was visited by three agencies in one week; the kettle was tested twice by the quartermaster.\n');
    await page.getByRole('link', { name: 'Add evidence' }).first().click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Add evidence');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The title is required');
    await page.getByLabel('Title').fill('Home visit after a fall');
    await page.getByLabel('Kind').selectOption({ label: 'Citizen insight — story' });
    await expect.poll(() => page.getByLabel('Gives the citizen’s perspective').isChecked()).toBe(true);
    await page.getByLabel('Tags').fill('falls, visits');
    await page.getByLabel('Attachments').setInputFiles(notes);
    await expect.poll(() => page.getByRole('list', { name: 'Files to attach' }).textContent()).toContain('visit-notes.txt');
    await expectAccessible(page, 'the new evidence form');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Home visit after a fall');
    await expect.poll(() => page.getByRole('list', { name: 'Attached files' }).textContent()).toContain('visit-notes.txt');
    const download = page.getByRole('link', { name: 'visit-notes.txt' });
    // Signed in by cookie: no secret in the link (nor in the browser's download list).
    expect(await download.getAttribute('href')).toMatch(/^\/files\/blob\/[0-9a-f]{64}\?name=visit-notes\.txt$/);

    // Link it to the first hypothesis.
    await page.getByLabel('Hypothesis', { exact: true }).selectOption({ label: 'A single falls team cuts admissions' });
    await page.getByLabel('Rating', { exact: true }).selectOption('CC');
    await page.getByLabel('Credibility', { exact: true }).selectOption('high');
    await page.getByLabel('Relevance', { exact: true }).selectOption('high');
    await page.getByRole('button', { name: 'Link to hypothesis' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Hypotheses it tests' }).getByRole('link', { name: 'A single falls team cuts admissions' }).count()).toBe(1);
    await expectAccessible(page, 'an evidence item');

    // Rate it against the other hypothesis in the matrix, by keyboard.
    await app.goto('/evidence/matrix');
    const grid = page.getByRole('grid', { name: 'Evidence against hypotheses' });
    await expect.poll(() => grid.isVisible()).toBe(true);
    await expectAccessible(page, 'the evidence matrix');
    const first = grid.getByRole('gridcell').first();
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const select = page.getByLabel('Rating of “Home visit after a fall” against “More hospital beds are the answer”', { exact: true });
    await expect.poll(() => select.isVisible()).toBe(true);
    await select.selectOption('II');
    await select.press('Enter');
    await expect.poll(() => grid.getByRole('gridcell').nth(1).textContent()).toContain('II');
    // CC against one, II against the other: diagnosticity 2 − (−2) = 4; inconsistency of the second: 2 × medium 0.5 = 1.
    await expect.poll(() => grid.locator('tbody tr').first().locator('td').last().textContent()).toBe('4');
    await expect.poll(() => grid.locator('.matrix__scores .matrix__score').nth(1).textContent()).toContain(': 1');
    // The cursor stays on the cell just saved (the rows are not re-sorted under it).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('gridcell');
    await expect.poll(() => grid.getByRole('gridcell').nth(1).evaluate((el) => el === document.activeElement)).toBe(true);

    // The hypothesis page lists it as supporting.
    await grid.getByRole('link', { name: 'A single falls team cuts admissions' }).click();
    const evidence = page.getByRole('region', { name: 'Evidence' });
    await expect.poll(() => evidence.textContent()).toContain('Supporting (1)Home visit after a fall');
    await expectAccessible(page, 'a hypothesis page with evidence');

    // Search from the header with the keyboard shortcut, for a word only inside the attached file.
    await page.locator('body').press('/');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('search');
    await page.keyboard.type('quartermaster');
    await page.keyboard.press('Enter');
    const results = page.locator('.search-results');
    await expect.poll(() => results.getByRole('link', { name: 'Home visit after a fall' }).count()).toBe(1);
    await expect.poll(() => results.locator('mark').first().textContent()).toBe('quartermaster');
    await expectAccessible(page, 'search results');

    // The list shows it, with the citizen mark, and the filters narrow it.
    await app.goto('/evidence');
    await expect.poll(() => page.getByRole('link', { name: 'Home visit after a fall' }).count()).toBe(1);
    await expect.poll(() => page.locator('.evidence-row').first().textContent()).toContain('Citizen’s perspective');
    await expectAccessible(page, 'the evidence list');
    await page.getByLabel('Perspective').selectOption({ label: 'Other perspectives' });
    await expect.poll(() => page.getByRole('heading', { name: 'No evidence matches these filters' }).isVisible()).toBe(true);
  });
});

describe('a big evidence list, and files dropped on the page', () => {
  it('stays virtualised with thousands of items, and attaches a dropped file (with undo on removal)', async () => {
    const N = 3000;
    app = await openApp({
      setup: async (dbPath) => {
        const { openWorkbench } = await import('../../main/api/workbench');
        const { newId } = await import('../../main/db/ids');
        const wb = openWorkbench(dbPath, 'cli');
        const now = '2026-11-01T09:00:00.000Z';
        const insert = wb.ctx.sqlite.prepare(
          `INSERT INTO evidence_items (id, rev, created_at, updated_at, title, kind, sensitivity, tags, citizen_perspective) VALUES (?, '1-00000000', ?, ?, ?, 'observation', 'team', '[]', 0)`,
        );
        wb.ctx.sqlite.transaction(() => {
          // One second apart, so "newest first" puts Observation 00001 last.
          for (let i = 1; i <= N; i++) insert.run(newId(), new Date(Date.parse(now) + i * 1000).toISOString(), now, `Observation ${String(i).padStart(5, '0')}`);
        })();
        await wb.close();
      },
    });
    const { page } = app;
    await app.goto('/evidence');
    const scroller = page.getByRole('region', { name: /^Evidence, 3,000 items/ });
    await expect.poll(() => scroller.isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'items' }).first().textContent()).toBe('3,000 items');
    // Only what is on screen is in the page, however long the list.
    expect(await page.locator('.evidence-row').count()).toBeLessThan(40);
    // Scroll to the very end: pages are fetched as needed and the oldest item appears.
    for (let i = 0; i < 30; i++) {
      await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
      if (await page.getByRole('link', { name: 'Observation 00001' }).count()) break;
      await page.waitForTimeout(200);
    }
    await expect.poll(() => page.getByRole('link', { name: 'Observation 00001' }).count()).toBe(1);
    expect(await page.locator('.evidence-row').count()).toBeLessThan(40);
    await expectAccessible(page, 'a long evidence list');

    // Drop a file on the item's page.
    await page.getByRole('link', { name: 'Observation 00001' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Observation 00001');
    const dt = await page.evaluateHandle(() => {
      const d = new DataTransfer();
      d.items.add(new File(['ward,beds\nRiverside,14\n'], 'beds.csv', { type: 'text/csv' }));
      return d;
    });
    await page.locator('.page').dispatchEvent('dragover', { dataTransfer: dt });
    await page.locator('.page').dispatchEvent('drop', { dataTransfer: dt });
    const files = page.getByRole('list', { name: 'Attached files' });
    await expect.poll(async () => ((await files.count()) ? files.textContent() : '')).toContain('beds.csv');
    await page.getByRole('button', { name: 'Remove beds.csv' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'No files attached' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => ((await files.count()) ? files.textContent() : '')).toContain('beds.csv');
  });
});
