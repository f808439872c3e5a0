import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
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
  run(['action', 'add', '--kind', 'recommendation', '--title', 'Commission a single falls service', '--owner', 'Priya Shah', '--due', '2099-01-31']);
}

const SUMMARY = 'Northshire can save money by joining up falls services.';

describe('the pilot report a team can send to the board', () => {
  it('writes a summary and a commentary, generates HTML, PDF and Word, and reads the summary back from each', async () => {
    app = await openApp({ setup: setUp });
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pilot report' }).click();
    await poll(() => page.getByRole('heading', { name: "The team's words" }).isVisible()).toBe(true);
    await expectAccessible(page, 'the report page');

    await page.getByLabel('Executive summary').fill(`# Summary\n\n${SUMMARY}\n\n- **Falls**: fewer admissions`);
    await page.getByRole('button', { name: 'Preview' }).first().click();
    await poll(() => page.getByRole('region', { name: 'Preview of executive summary' }).textContent()).toContain(SUMMARY);
    await page.getByRole('button', { name: 'Save executive summary' }).click();
    await poll(() => page.getByText('Saved.').first().isVisible()).toBe(true);

    await page.getByLabel('Hypothesis', { exact: true }).selectOption({ label: 'A joint falls service cuts emergency admissions' });
    await page.getByLabel('Commentary on this hypothesis').fill('The admissions data backs this up.');
    await page.getByRole('button', { name: 'Save commentary on this hypothesis' }).click();
    await poll(() => page.getByText('Change history (1)').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the report page with narrative');

    await page.getByLabel('OFFICIAL-SENSITIVE').check();
    await page.getByRole('button', { name: 'Generate the report' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'The report is ready' }).isVisible(), { timeout: 150_000 }).toBe(true);
    await poll(() => page.getByRole('table').filter({ hasText: 'SHA-256' }).textContent()).toContain('OFFICIAL-SENSITIVE');
    await expectAccessible(page, 'the report page with results and versions');

    // The preview tab is sandboxed (no scripts run in it, so axe cannot either): read it here, and
    // check the same HTML with axe below, from the downloaded file.
    const [preview] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: /Preview the report/ }).click()]);
    await preview.waitForLoadState();
    expect(await preview.locator('h1').textContent()).toBe('Northshire: Total Place pilot report');
    expect(await preview.locator('#summary').textContent()).toContain(SUMMARY);
    await preview.close();

    const save = async (name: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
      const file = path.join(app!.dir, download.suggestedFilename());
      await download.saveAs(file);
      return file;
    };
    const html = fs.readFileSync(await save('Report (HTML)'), 'utf8');
    expect(html).toContain(SUMMARY);
    expect(html).toContain('The admissions data backs this up.');
    // The HTML report itself passes axe (WCAG 2.2 AA).
    const reportPage = await page.context().newPage();
    await reportPage.setContent(html);
    await expectAccessible(reportPage, 'the HTML report');
    await reportPage.close();

    const pdf = await save('Report (PDF)');
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(pdfText).toContain(SUMMARY);
    expect(pdfText).toContain('OFFICIAL-SENSITIVE');

    const docx = await save('Report (Word)');
    const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(xml).toContain(SUMMARY);
    expect(xml).toContain('The admissions data backs this up.');

    const zip = await save('Download all extracts (ZIP)');
    expect(execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' })).toMatch(/\.xlsx/);

    // A kept version's files can be had again.
    await page.getByRole('button', { name: 'Get the files of version 1 again' }).click();
    await poll(() => page.getByRole('heading', { name: 'Version 1, OFFICIAL-SENSITIVE' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the report page with a version re-opened');
  }, 240_000);
});
