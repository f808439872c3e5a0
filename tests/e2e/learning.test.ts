import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
// Two cores shared with other work: give each screen time to settle before failing.
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 100 });
afterEach(async () => {
  await app?.close();
  app = null;
});

function setUp(dbPath: string) {
  const run = (args: string[]) => {
    const r = tpw([...args, '--db', dbPath]);
    if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  };
  run(['init', '--place', 'Northshire', '--deadline', '2099-03-31']);
  run(['org', 'add', '--name', 'Northshire Council', '--type', 'council']);
  run(['hypothesis', 'add', '--statement', 'A joint falls service cuts emergency admissions']);
}

describe('the learning log, actions, the dashboard and the pilot report', () => {
  it('records a failure and an action, and both appear in the generated report and its PDF', async () => {
    app = await openApp({ setup: setUp });
    const { page } = app;
    const nav = page.getByRole('navigation', { name: 'Main' });

    await poll(() => page.getByRole('heading', { name: 'Overdue actions' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the dashboard');

    // The learning log starts empty and says what to do.
    await nav.getByRole('link', { name: 'Learning log' }).click();
    await poll(() => page.getByRole('heading', { name: 'Nothing recorded yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty learning log');

    await page.getByRole('link', { name: 'Record the first entry' }).click();
    await poll(() => page.getByRole('heading', { name: 'Record learning' }).isVisible()).toBe(true);
    // A blank title is refused with a clear message.
    await page.getByRole('button', { name: 'Save entry' }).click();
    await poll(() => page.getByRole('alert').first().textContent()).toContain('The title is required');
    await page.getByLabel('Kind').selectOption({ label: 'Failed' });
    await page.getByLabel('Title').fill('The joint triage rota collapsed');
    await page.getByLabel('What happened').fill('No partner would host the rota after week three.');
    await page.getByLabel('Tight timetable').check();
    await page.getByLabel('Partnership governance').check();
    await page.getByLabel('A joint falls service cuts emergency admissions').check();
    await expectAccessible(page, 'the learning entry form');
    await page.getByRole('button', { name: 'Save entry' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('The joint triage rota collapsed');
    await expectAccessible(page, 'a learning entry');
    // Edits keep the earlier version in the history.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Why').fill('Nobody owned the rota.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => page.locator('.details').textContent()).toContain('Nobody owned the rota.');
    await poll(() => page.getByText('Change history (2)').count()).toBe(1);

    await nav.getByRole('link', { name: 'Learning log' }).click();
    await poll(() => page.getByRole('link', { name: 'The joint triage rota collapsed' }).count()).toBe(1);
    await expectAccessible(page, 'the learning log');
    await page.getByRole('button', { name: 'By barrier' }).click();
    await poll(() => page.getByRole('row', { name: /Tight timetable 1/ }).count()).toBe(1);
    await expectAccessible(page, 'the learning log by barrier');
    await page.getByRole('button', { name: 'Over time' }).click();
    await poll(() => page.getByRole('table', { name: 'Entries per month' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the learning log over time');
    await page.getByRole('link', { name: 'Barriers', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'Barriers', level: 1 }).isVisible()).toBe(true);
    await expectAccessible(page, 'the barriers page');

    // An action that is already overdue.
    await nav.getByRole('link', { name: 'Actions' }).click();
    await poll(() => page.getByRole('heading', { name: 'No recommendations or actions yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty actions page');
    await page.getByRole('link', { name: 'Add the first one' }).click();
    await page.getByLabel('Title').fill('Agree a host for the triage rota');
    await page.getByLabel('Owning organisation').selectOption({ label: 'Northshire Council' });
    await page.getByLabel('Owner', { exact: true }).fill('Priya Shah');
    await page.getByLabel('Due date').fill('2020-01-31');
    await expectAccessible(page, 'the action form');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await poll(() => page.getByRole('link', { name: 'Agree a host for the triage rota' }).count()).toBe(1);
    await poll(() => page.locator('tr.is-overdue').textContent()).toContain('Overdue');
    await expectAccessible(page, 'the actions list');

    // The benefits register, with a realisation and the estimated-vs-realised chart.
    await nav.getByRole('link', { name: 'Benefits register' }).click();
    await poll(() => page.getByRole('heading', { name: 'No benefits registered yet' }).isVisible()).toBe(true);
    await page.getByLabel('Benefit', { exact: true }).fill('Fewer falls admissions');
    await page.getByLabel('Full-year value (£)').fill('12,000');
    await page.getByLabel('Starts').fill('2026-01-01');
    await page.getByRole('button', { name: 'Add benefit' }).click();
    await poll(() => page.getByRole('heading', { name: 'Fewer falls admissions' }).isVisible()).toBe(true);
    await page.getByLabel('Amount realised (£)').fill('1,500');
    await page.getByRole('button', { name: 'Record', exact: true }).click();
    await poll(() => page.getByRole('table', { name: 'Realisations' }).textContent()).toContain('£1,500.00');
    await poll(() => page.locator('.chart svg').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the benefits register');
    await page.getByRole('button', { name: 'Edit benefit Fewer falls admissions' }).click();
    await page.getByRole('form', { name: 'Edit Fewer falls admissions' }).getByLabel('Full-year value (£)').fill('24,000');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await poll(() => page.locator('.tiles--compact').textContent()).toContain('£24,000');

    // The dashboard now shows the overdue action and the learning.
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    const overdueTile = page.getByRole('link', { name: /Overdue actions/ });
    await poll(() => overdueTile.textContent()).toContain('1 overdue');
    await poll(() => page.getByRole('link', { name: /Recent learning/ }).textContent()).toContain('Failed: The joint triage rota collapsed');
    await expectAccessible(page, 'the dashboard with data');

    // The report: move the honest section to the top with the keyboard, then generate.
    await nav.getByRole('link', { name: 'Pilot report' }).click();
    const up = page.getByRole('button', { name: 'Move What did not work and what was difficult up' });
    await up.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Enter');
    await poll(() => page.locator('.section-order li').first().textContent()).toContain('What did not work');
    await expectAccessible(page, 'the report page');
    await page.getByRole('button', { name: 'Generate the report' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'The report is ready' }).isVisible(), { timeout: 150_000 }).toBe(true);
    await expectAccessible(page, 'the report page with results');

    // The preview opens the report itself in a new tab.
    const [preview] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Preview the report/ }).click()]);
    await preview.waitForLoadState();
    expect(await preview.locator('h1').textContent()).toBe('Northshire: Total Place pilot report');
    expect(await preview.locator('#learning').textContent()).toContain('The joint triage rota collapsed');
    await preview.close();

    const save = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      const file = path.join(app!.dir, download.suggestedFilename());
      await download.saveAs(file);
      return file;
    };
    const html = fs.readFileSync(await save('Report (HTML)'), 'utf8');
    expect(html).toContain('The joint triage rota collapsed');
    expect(html).toContain('Agree a host for the triage rota');
    expect(html.indexOf('What did not work and what was difficult</h2>')).toBeLessThan(html.indexOf('The question and the timetable</h2>'));

    const pdf = await save('Report (PDF)');
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const png = path.join(app.dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, png]);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(5_000);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Northshire: Total Place pilot report');
    expect(text).toContain('The joint triage rota collapsed');
    expect(text).toContain('Agree a host for the triage rota');

    const xlsx = await save('All tables (XLSX)');
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  }, 300_000);
});
