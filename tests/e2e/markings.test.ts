/**
 * Issue 14: a marking set in the app reaches every page of the PDF report. The pilot's default
 * marking is set on the set-up page; evidence added after it carries it (shown beside its
 * sensitivity in the list); the report page then marks the report at least that high, and
 * every page of the PDF carries the marking in its header and footer (read page by page).
 */
import { execFileSync } from 'node:child_process';
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

const run = (dbPath: string, args: string[]) => {
  const r = tpw([...args, '--db', dbPath]);
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
};

describe('security markings', () => {
  it('sets the pilot default marking, and reads the marking on every page of the PDF report', async () => {
    app = await openApp({
      setup: (db) => {
        run(db, ['init', '--place', 'Northshire', '--deadline', '2099-03-31']);
        // Enough hypotheses that the report runs to several pages.
        for (let i = 1; i <= 40; i++) run(db, ['hypothesis', 'add', '--statement', `Hypothesis ${i}: joining up service ${i} cuts demand on the others in a measurable way`]);
      },
    });
    const { page } = app;
    await app.goto('/setup');
    await poll(() => page.getByLabel('Default security marking').isVisible()).toBe(true);
    await page.getByLabel('Default security marking').selectOption('OFFICIAL-SENSITIVE');
    await page.getByRole('button', { name: 'Save pilot details' }).click();
    await poll(() => page.getByText('Pilot details saved').first().isVisible()).toBe(true);
    await expectAccessible(page, 'the set-up page with the default marking');

    // Evidence added now takes the pilot's default; the list shows it beside the sensitivity.
    run(app.dbPath, ['evidence', 'add', '--title', 'Police referral figures', '--sensitivity', 'public']);
    await app.goto('/evidence');
    await poll(() => page.getByText('Police referral figures').isVisible()).toBe(true);
    await poll(() => page.locator('.badge--marking').first().textContent()).toBe('OFFICIAL-SENSITIVE');
    await expectAccessible(page, 'the evidence list with markings');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pilot report' }).click();
    await poll(() => page.getByLabel('OFFICIAL-SENSITIVE').isChecked()).toBe(true);
    // It contains OFFICIAL-SENSITIVE material, so it cannot be marked lower.
    expect(await page.getByLabel('OFFICIAL', { exact: true }).isDisabled()).toBe(true);
    await expectAccessible(page, 'the report page');
    await page.getByRole('button', { name: 'Generate the report' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'The report is ready' }).isVisible(), { timeout: 150_000 }).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Report (PDF)', exact: true }).click()]);
    const pdf = path.join(app.dir, download.suggestedFilename());
    await download.saveAs(pdf);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
      // Header and footer: at least twice on each page.
      expect(text.match(/OFFICIAL-SENSITIVE/g)?.length ?? 0, `page ${p} of ${pages}`).toBeGreaterThanOrEqual(2);
    }
  }, 300_000);

  it('flags an expired data-sharing agreement on the Partners page and lets it be renewed', async () => {
    app = await openApp({
      setup: (db) => {
        run(db, ['init', '--place', 'Northshire', '--deadline', '2099-03-31']);
        run(db, ['contact', 'add', '--name', 'Westshire Police', '--age-recipient', 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq']);
        run(db, ['partner', 'dsa', 'set', 'Westshire Police', '--reference', 'DSA-2019-3', '--parties', 'Northshire; Westshire Police', '--purpose', 'Falls pilot', '--lawful-basis', 'Art 6(1)(e)', '--expires', '2020-01-31', '--permits', 'personal']);
      },
    });
    const { page } = app;
    await app.goto('/bundles/partners');
    await poll(() => page.getByText('DSA DSA-2019-3 expired').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Edit agreement for Westshire Police' }).click();
    await poll(() => page.getByRole('heading', { name: 'Data-sharing agreement with Westshire Police' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the partners page with an expired agreement being edited');
    await page.getByLabel('DSA reference').fill('DSA-2026-9');
    await page.getByLabel('Expires on').fill('2099-12-31');
    await page.getByLabel('OFFICIAL-SENSITIVE').check();
    await page.getByRole('button', { name: 'Save agreement' }).click();
    await poll(() => page.getByText('DSA DSA-2026-9 until').isVisible()).toBe(true);
    const shown = JSON.parse(tpw(['partner', 'dsa', 'show', 'Westshire Police', '--json', '--db', app.dbPath]).stdout) as { dsaStatus: string; dsa: { permits: string[] } };
    expect(shown).toMatchObject({ dsaStatus: 'current', dsa: { permits: ['personal', 'OFFICIAL-SENSITIVE'] } });
  }, 120_000);
});
