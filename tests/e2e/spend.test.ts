import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('counting: the spend map', () => {
  it('imports a file through the UI, corrects a column, and sees the totals in the whole-place chart and table', async () => {
    app = await openApp({
      setup: async (dbPath) => {
        const wb = openWorkbench(dbPath, 'cli');
        await wb.dispatch('theme.add', { name: 'Older people' });
        await wb.close();
      },
    });
    const { page } = app;
    // Gross: 120.00 + 60.00 = £180.00; Net (the first guess): 100.00 + 50.00 = £150.00.
    const csv = path.join(app.dir, 'anytown-april.csv');
    fs.writeFileSync(csv, 'Date,Supplier,Service Area,Gross,Net\r\n01/04/2020,Acme Care,Adult Social Care,120.00,100.00\r\n02/04/2020,Bolt Builders,Housing,60.00,50.00\r\n');

    await app.goto('/spend');
    await expect.poll(() => page.getByRole('heading', { name: 'No spend imported yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty spend map');
    await page.getByRole('link', { name: 'Import a spend file' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Import spend');
    await expectAccessible(page, 'the import page');

    await page.getByLabel('Publishing organisation').fill('Anytown Borough Council');
    // A new publisher: the import asks what kind of body it is (issue 15).
    await page.getByLabel('Type of organisation').selectOption('council');
    await page.getByLabel('Spend file (CSV or XLSX)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'What the file holds' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'What the file holds' }).textContent()).toContain('£150.00');
    await expectAccessible(page, 'the import preview');

    // The guess took "Net"; this team counts gross spend.
    const amount = page.getByLabel('Amount', { exact: true });
    await expect.poll(() => amount.inputValue()).toBe('4');
    await amount.selectOption({ label: 'Gross' });
    await expect.poll(() => page.getByRole('region', { name: 'What the file holds' }).textContent()).toContain('£180.00');
    await expect.poll(() => page.getByRole('region', { name: 'Columns' }).textContent()).toContain('Your choice');
    await page.getByRole('button', { name: 'Import 2 lines' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Imported 2 lines totalling £180.00' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(page, 'the import result');

    await page.getByRole('link', { name: 'See the whole place' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Whole-place spend' }).isVisible()).toBe(true);
    const table = page.getByRole('table');
    await expect.poll(() => table.getByRole('row', { name: /Anytown Borough Council/ }).textContent()).toContain('£180.00');
    await expect.poll(() => page.locator('figcaption').first().textContent()).toContain('totalling £180.00');
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the whole-place spend map');

    // Drill down from the figure to the lines behind it, with their source rows.
    await table.getByRole('link', { name: '£180.00' }).first().click();
    await expect.poll(() => page.locator('.lead').textContent()).toContain('2 lines totalling £180.00');
    await expect.poll(() => page.getByRole('cell', { name: 'anytown-april.csv, row 2' }).count()).toBe(1);
    await expectAccessible(page, 'the spend lines');

    // A rule puts Acme Care into Older people; the map follows.
    await app.goto('/spend/rules');
    await expect.poll(() => page.getByRole('heading', { name: 'No rules yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the rules page');
    await page.getByLabel('Look at').selectOption({ label: 'Supplier' });
    await page.getByLabel('Text to match').fill('acme');
    await page.getByLabel('Theme').selectOption({ label: 'Older people' });
    await page.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.locator('.toast').first().textContent()).toContain('1 line reclassified');
    // Rules are listed in the order they are tried; any column sorts them for reading.
    await page.getByRole('button', { name: 'Spend', exact: true }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Spend' }).getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => page.locator('table caption').textContent()).toBe('1 rule, with the lines each has classified');

    await app.goto('/spend/unclassified');
    await expect.poll(() => page.getByRole('cell', { name: 'Housing', exact: true }).count()).toBe(1);
    await expectAccessible(page, 'the unclassified spend');
    // Sorted by the server (the list is paged there), the order kept over a reload.
    await page.getByRole('button', { name: 'Service area' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Service area' }).getAttribute('aria-sort')).toBe('ascending');
    await page.reload();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Service area' }).getAttribute('aria-sort')).toBe('ascending');
    expect(page.url()).toContain('sort=serviceArea');

    await app.goto('/spend');
    await expect.poll(() => page.getByRole('columnheader', { name: 'Older people' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('table').getByRole('row', { name: /Anytown Borough Council/ }).textContent()).toContain('£120.00');

    await app.goto('/spend/files');
    await expect.poll(() => page.getByRole('link', { name: 'anytown-april.csv' }).count()).toBe(1);
    await expectAccessible(page, 'the imported files');
  });

  it('shows unreadable rows and skipped rows before importing, and imports only when the user chooses to leave them out', async () => {
    app = await openApp();
    const { page } = app;
    const csv = path.join(app.dir, 'police-may.csv');
    // Row 1 is a preamble, row 5 is unreadable (amount "TBC"), row 6 is a total. 250.00 + 99.50 = £349.50.
    fs.writeFileSync(csv, 'West Mercia Police payments over £500\nDate,Supplier,Amount\n01/05/2020,Cells Ltd,250.00\n02/05/2020,Vans Ltd,99.50\n03/05/2020,Radios Ltd,TBC\nTotal,,349.50\n');
    await app.goto('/spend/import');
    await page.getByLabel('Publishing organisation').fill('West Mercia Police');
    await page.getByLabel('Type of organisation').selectOption('police');
    await page.getByLabel('Spend file (CSV or XLSX)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Continue' }).click();
    const bad = page.getByRole('region', { name: /Rows that cannot be read/ });
    await expect.poll(() => bad.textContent()).toContain('Row 5: the amount "TBC" cannot be read as money');
    await expectAccessible(page, 'a preview with unreadable rows');
    const importButton = page.getByRole('button', { name: 'Import 2 lines' });
    expect(await importButton.isDisabled()).toBe(true);
    await page.getByText('Rows skipped as not transactions (2)').click();
    await expect.poll(() => page.getByText('Row 6: total row ("Total")').isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: 'Leave out the 1 unreadable row and import the rest' }).check();
    await importButton.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Imported 2 lines totalling £349.50' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: /Imported 2 lines/ }).textContent()).toContain('2 rows that are not transactions were skipped, and 1 unreadable row was left out as you chose');

    // The files page: dates in the one style, and sortable by any column, kept over a reload.
    await app.goto('/spend/files');
    const files = page.getByRole('table');
    await expect.poll(() => files.getByRole('row', { name: /police-may\.csv/ }).textContent()).toContain('1 May 2020 to 2 May 2020');
    await page.getByRole('button', { name: 'Lines' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Lines' }).getAttribute('aria-sort')).toBe('ascending');
    await page.reload();
    await expect.poll(() => page.getByRole('columnheader', { name: 'Lines' }).getAttribute('aria-sort')).toBe('ascending');
    await expectAccessible(page, 'the files page sorted by lines');
  });
});
