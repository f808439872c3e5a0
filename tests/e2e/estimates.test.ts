import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { GREEN_BOOK_2022 } from '../../shared/calc/parameterSets';
import { encodePublicKey, rawPublicKey, signFile } from '../../main/bundle/minisign';
import { writeUcdWorkbook } from '../fixtures/estimates/ucd';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';
import { tempDir } from '../helpers/workbench';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/estimates');
/** Reading a workbook and importing it can take seconds on a busy machine. */
const SLOW = { timeout: 15_000 };

async function seed(dbPath: string) {
  const wb = openWorkbench(dbPath, 'cli');
  await wb.dispatch('pilot.save', { pilot: { place: 'Worcestershire', question: 'Improved outcomes at less cost?' } });
  await wb.dispatch('organisation.add', { name: 'Borough Council', type: 'council' });
  await wb.dispatch('organisation.add', { name: 'NHS Trust', type: 'nhs' });
  await wb.close();
}

/** The central NPV to the penny: the figure shown is rounded, the exact one is its tooltip. */
const exactNpv = (page: Page) => page.getByTestId('central-npv').getAttribute('data-exact');

/** What a spreadsheet puts on the clipboard, delivered as a real paste event to the focused cell. */
async function pasteInto(page: Page, label: string, nth: number, text: string) {
  const cell = page.getByLabel(label, { exact: true }).nth(nth);
  await cell.focus();
  await cell.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe('savings estimates', () => {
  it('builds an intervention in the UI and shows its hand-worked NPV, which survives a reload', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/estimates');
    await expect.poll(() => page.getByRole('heading', { name: 'No interventions yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty interventions list');

    await page.getByLabel('Intervention name').fill('Integrated falls prevention');
    await page.getByLabel('First financial year').fill('2026-27');
    await page.getByLabel('Years to appraise').fill('3');
    await page.getByRole('button', { name: 'Add intervention' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Integrated falls prevention');

    // 25 % keeps the arithmetic exact: DF = 1, 0.8, 0.64.
    await page.getByLabel('Discounting').selectOption({ label: 'A constant rate' });
    await page.getByLabel('Discount rate (%)').fill('25');

    await page.getByRole('button', { name: 'Add a cost line' }).click();
    const cost = page.getByRole('region', { name: /^Cost:/ });
    await expect.poll(() => cost.count()).toBe(1);
    await cost.getByLabel('Cost line label').fill('Falls team');
    await cost.getByLabel('Organisation that pays').selectOption({ label: 'Borough Council' });
    for (const year of ['2026-27', '2027-28', '2028-29']) await cost.getByLabel(`${year} central (£)`).fill('1000');

    await page.getByRole('button', { name: 'Add a benefit line' }).click();
    const benefit = page.getByRole('region', { name: /^Benefit:/ });
    await expect.poll(() => benefit.count()).toBe(1);
    await benefit.getByLabel('Benefit line label').fill('Fewer emergency admissions');
    await benefit.getByLabel('Organisation that benefits').selectOption({ label: 'NHS Trust' });
    await benefit.getByLabel('Deadweight (%)').fill('25');
    // Pasted from a spreadsheet: three rows of low, central, high.
    await pasteInto(page, '2026-27 low (£)', 1, '0\t0\t0\n1500\t2000\t2500\n2000\t3000\t3500\n');
    await expect.poll(() => benefit.getByLabel('2028-29 central (£)').inputValue()).toBe('3000');

    // Costs: £1,000 × (1 + 0.8 + 0.64) = £2,440. Benefits: 0.75 × (£2,000 × 0.8 + £3,000 × 0.64) = 0.75 × £3,520 = £2,640.
    // NPV = £2,640 − £2,440 = £200.00: shown rounded for reading, exact to the penny on hover.
    await expect.poll(() => exactNpv(page)).toBe('£200.00');
    await expect.poll(() => page.getByTestId('central-npv').textContent()).toBe('£200');
    await expect.poll(() => page.getByTestId('central-npv').getAttribute('title')).toBe('£200.00 exactly');
    const npvRow = page.getByRole('row', { name: /Net present value/ });
    await expect.poll(() => npvRow.textContent()).toContain('£200');
    // The estimate names the parameter set it is made with.
    await expect.poll(() => page.getByTestId('parameter-set').textContent()).toBe('HM Treasury Green Book (2022)');
    await expect.poll(() => page.getByLabel('Parameter set').inputValue()).toBe('hmt-green-book-2022');

    // A health benefit on the health schedule (1.5 %): 0.75 × (£2,000 / 1.015 + £3,000 / 1.015²) = £3,661.82; NPV £1,221.82.
    await benefit.getByLabel('Discounting for this line').selectOption({ label: 'Health and life values: 1.5 % for years 1–30, declining after' });
    await expect.poll(() => exactNpv(page)).toBe('£1,221.82');
    await expect.poll(() => page.getByTestId('appraisal-npv').textContent()).toBe('£1,222');
    await benefit.getByLabel('Discounting for this line').selectOption({ label: "As the intervention's" });
    await expect.poll(() => exactNpv(page)).toBe('£200.00');

    // An impact nobody has valued goes beside the figures in the appraisal summary.
    const appraisal = page.getByRole('region', { name: 'Appraisal summary' });
    await appraisal.getByLabel('Impact not valued in money', { exact: true }).fill('Older people feel safer at home');
    await appraisal.getByLabel('Who is affected').fill('Residents over 75');
    await appraisal.getByRole('button', { name: 'Add impact' }).click();
    await expect.poll(() => appraisal.getByRole('listitem').filter({ hasText: 'Older people feel safer at home' }).first().textContent()).toContain('affects Residents over 75');
    await expect.poll(() => page.locator('.save-status').allTextContents(), { timeout: 30_000 }).toEqual(['All changes saved', 'All changes saved', 'All changes saved']);
    await expectAccessible(page, 'the intervention editor');

    // Saved as typed: a reload shows the same figures from the database.
    await page.reload();
    await expect.poll(() => exactNpv(page), { timeout: 10_000 }).toBe('£200.00');
    await expect.poll(() => page.getByRole('region', { name: /^Benefit:/ }).getByLabel('2027-28 high (£)').inputValue()).toBe('2500');

    // Everything the estimate shows, exported: the CSV carries the same figures.
    await page.getByRole('button', { name: 'Export this estimate to CSV' }).click();
    const link = page.getByRole('link', { name: 'Download Estimate - Integrated falls prevention.csv' });
    await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('central,2440.00,2640.00,200.00,');
    expect(csv).toContain('Older people feel safer at home');

    // The list and the portfolio agree.
    await app.goto('/estimates');
    await expect.poll(() => page.getByRole('row', { name: /Integrated falls prevention/ }).textContent()).toContain('£200');
    await app.goto('/estimates/portfolio');
    await expect.poll(() => page.getByRole('heading', { name: 'The wrong pocket: who pays, who benefits' }).isVisible()).toBe(true);
    // The council pays for all of it, so it is credited with the NHS's £2,640.
    await expect.poll(() => page.getByRole('row', { name: /Borough Council/ }).first().textContent()).toContain('£2,640');
    await expect.poll(() => page.getByRole('region', { name: 'Appraisal summary' }).textContent()).toContain('Older people feel safer at home');

    // The deal: the NHS pays the council back its £2,440, leaving the council at £0 and the NHS at £200.
    const deal = page.getByRole('region', { name: 'A deal for the wrong pocket' });
    await expect.poll(() => deal.getByLabel('Transfer 1: amount (£)').inputValue()).toBe('2440');
    await expect.poll(() => deal.getByLabel('Transfer 1: who pays').inputValue()).toBe('NHS Trust');
    const positions = deal.getByRole('table', { name: /position before and after/ });
    await expect.poll(() => positions.getByRole('row', { name: /Borough Council/ }).textContent()).toMatch(/−£2,440\.00.*£0\.00$/);
    await expect.poll(() => positions.getByRole('row', { name: /NHS Trust/ }).textContent()).toMatch(/£200\.00$/);
    await expect.poll(() => deal.getByTestId('deal-message').textContent()).toContain('every organisation’s net position is £0 or more');
    await expectAccessible(page, 'the portfolio with its deal');
    // Edited: £2,000 leaves the council £440 short, and says so; saved, it is the deal on reload.
    await deal.getByLabel('Transfer 1: amount (£)').fill('2000');
    await expect.poll(() => deal.getByTestId('deal-message').textContent()).toContain('Borough Council is still out of pocket');
    await deal.getByRole('button', { name: 'Save the deal' }).click();
    await expect.poll(() => deal.getByText('Saved the transfers as edited.').isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('region', { name: 'A deal for the wrong pocket' }).getByLabel('Transfer 1: amount (£)').inputValue(), { timeout: 10_000 }).toBe('2000');
    await page.getByRole('region', { name: 'A deal for the wrong pocket' }).getByRole('button', { name: "Use the rule's proposal" }).click();
    await expect.poll(() => page.getByRole('region', { name: 'A deal for the wrong pocket' }).getByLabel('Transfer 1: amount (£)').inputValue()).toBe('2440');
    await expectAccessible(page, 'the portfolio');
  });

  it('imports the Unit Cost Database workbook with every sheet, refuses .xls plainly, adds a value by hand and imports a signed parameter set', async () => {
    const dir = tempDir('tpw-e2e-ucd-');
    try {
      const ucd = path.join(dir, 'Unit Cost Database.xlsx');
      const entries = await writeUcdWorkbook(ucd);
      const xls = path.join(dir, 'Unit Cost Database.xls');
      fs.writeFileSync(xls, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
      app = await openApp({ setup: seed });
      const { page } = app;
      await app.goto('/estimates/unit-costs');
      await expect.poll(() => page.getByRole('heading', { name: 'The library is empty' }).isVisible(), SLOW).toBe(true);

      await page.getByLabel('Unit-cost file (CSV or XLSX)').setInputFiles(xls);
      await expect.poll(() => page.getByText('save it as .xlsx in Excel, then import that').isVisible(), SLOW).toBe(true);

      await page.getByLabel('Unit-cost file (CSV or XLSX)').setInputFiles(ucd);
      await expect.poll(() => page.getByRole('table', { name: /Preview of Unit Cost Database.xlsx/ }).isVisible(), SLOW).toBe(true);
      await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Crime: 6 unit costs' }).isVisible(), SLOW).toBe(true);
      await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Notes: No unit-cost headings' }).isVisible(), SLOW).toBe(true);
      await expectAccessible(page, 'the preview of a Unit Cost Database workbook');
      await page.getByRole('button', { name: `Import ${entries.length} unit costs` }).click();
      await expect.poll(() => page.getByText(`Imported Unit Cost Database.xlsx: ${entries.length} added`).isVisible(), SLOW).toBe(true);
      // A code used for three entries is kept as three, told apart by agency.
      await page.getByLabel('Search by code, description, unit or agency').fill('CR6.0');
      await expect.poll(() => page.getByRole('table', { name: /3 unit costs$/ }).isVisible(), SLOW).toBe(true);
      await expect.poll(() => page.getByRole('cell', { name: 'CR6.0 (NHS)', exact: true }).isVisible(), SLOW).toBe(true);

      // A value a health appraisal needs, by hand: the QALY preset, the figure and its source typed in.
      const form = page.getByRole('region', { name: 'Add a unit cost or value by hand' });
      await form.getByRole('button', { name: 'QALY', exact: true }).click();
      await form.getByLabel('Code').fill('QALY-2025');
      await form.getByLabel('Value (£)').fill('70000');
      await form.getByLabel('Price year').fill('2024-25');
      await form.getByLabel('Source', { exact: true }).fill('Entered from the current appraisal guidance');
      await form.getByRole('button', { name: 'Add to the library' }).click();
      await expect.poll(() => form.getByText('Added QALY-2025 Quality-adjusted life year.').isVisible(), SLOW).toBe(true);
      await page.getByLabel('Search by code, description, unit or agency').fill('QALY-2025');
      await expect.poll(() => page.getByRole('row', { name: /QALY-2025/ }).textContent(), SLOW).toContain('Health or life value');
      // Edited by hand.
      await page.getByRole('button', { name: 'Edit QALY-2025' }).click();
      const edit = page.getByRole('region', { name: 'Edit QALY-2025' });
      await edit.getByLabel('Value (£)').fill('70500');
      await edit.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => page.getByRole('row', { name: /QALY-2025/ }).textContent(), SLOW).toContain('£70,500.00');
      await expect.poll(() => page.getByRole('region', { name: 'Parameter sets' }).textContent(), SLOW).toContain('HM Treasury Green Book (2022)');
      await expectAccessible(page, 'the unit costs page with the library filled');

      // A signed parameter set, checked then imported once its signer is accepted.
      const { privateKey } = generateKeyPairSync('ed25519');
      const keyId = randomBytes(8);
      const setFile = path.join(dir, 'example-2031.json');
      fs.writeFileSync(setFile, JSON.stringify({ ...GREEN_BOOK_2022, id: 'example-2031', name: 'Example set 2031 (test)', issuer: 'Example Treasury', signer: { minisignPublicKey: encodePublicKey(keyId, rawPublicKey(createPublicKey(privateKey))) } }));
      fs.writeFileSync(`${setFile}.minisig`, await signFile(setFile, privateKey, keyId, 'example'));
      const sets = page.getByRole('region', { name: 'Parameter sets' });
      await sets.getByLabel('Parameter-set file (JSON)').setInputFiles(setFile);
      await sets.getByLabel('Its signature (.minisig)').setInputFiles(`${setFile}.minisig`);
      await sets.getByRole('button', { name: 'Check the set' }).click();
      await expect.poll(() => sets.getByText('the signature is valid').isVisible(), SLOW).toBe(true);
      await expectAccessible(page, 'a checked parameter set');
      const importSet = sets.getByRole('button', { name: 'Import Example set 2031 (test)' });
      await expect.poll(() => importSet.isDisabled()).toBe(true);
      await sets.getByLabel('I have checked this fingerprint with Example Treasury').check();
      await importSet.click();
      await expect.poll(() => sets.getByText('Imported Example set 2031 (test).').isVisible(), SLOW).toBe(true);
      await expect.poll(() => sets.getByRole('row', { name: /Example set 2031 \(test\)/ }).isVisible(), SLOW).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('imports a unit-cost table with a preview, edits the tables, and builds a line from a unit cost', async () => {
    app = await openApp({
      setup: async (dbPath) => {
        await seed(dbPath);
        const wb = openWorkbench(dbPath, 'cli');
        await wb.dispatch('intervention.add', { name: 'Hip protectors', startYear: '2026-27', years: 1 });
        await wb.close();
      },
    });
    const { page } = app;
    await app.goto('/estimates/unit-costs');
    await expect.poll(() => page.getByRole('heading', { name: 'The library is empty' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the unit costs page');
    await page.getByLabel('Unit-cost file (CSV or XLSX)').setInputFiles(path.join(FIXTURES, 'unit-costs.csv'));
    await expect.poll(() => page.getByRole('table', { name: /Preview of unit-costs.csv/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'the unit-cost import preview');
    await page.getByRole('button', { name: 'Import 3 unit costs' }).click();
    await expect.poll(() => page.getByText('Imported unit-costs.csv: 3 added').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: 'Hip fracture, acute episode' }).isVisible()).toBe(true);
    await page.getByLabel('Search by code, description, unit or agency').fill('police');
    await expect.poll(() => page.getByRole('table', { name: /1 unit cost$/ }).isVisible()).toBe(true);

    const grade = page.getByLabel('Grade C proposed optimism bias (%)');
    await grade.fill('25');
    await page.getByRole('button', { name: 'Save grade C' }).click();
    await page.reload();
    await expect.poll(() => page.getByLabel('Grade C proposed optimism bias (%)').inputValue()).toBe('25');

    // Use a unit cost in a line: £12,250.50 in 2022-23 prices, uprated to 2026-27 by 115.2 / 100.
    await page.getByLabel('Search by code, description, unit or agency').fill('hip');
    await page.getByRole('button', { name: 'Use in a line (HE5.0)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Use this unit cost in a line' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page, 'the use-a-unit-cost dialog');
    await dialog.getByRole('button', { name: 'Add the line' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Hip protectors');
    const line = page.getByRole('region', { name: /^Benefit:/ });
    await expect.poll(() => line.getByText('in 2022-23 prices is £14,112.58 in 2026-27 prices').isVisible()).toBe(true);
    await line.getByLabel('2026-27 central (per episode)').fill('1');
    await line.getByLabel('2026-27 high (per episode)').fill('1');
    // 1,225,050p × 1.152 = 1,411,257.6 → 1,411,258p in year 0 (not discounted).
    await expect.poll(() => exactNpv(page)).toBe('£14,112.58');
    // Grade C proposes its (edited) 25 % optimism bias: £14,112.58 × 0.75 = £10,584.435 → £10,584.44.
    await line.getByLabel('Confidence grade').selectOption({ label: 'C: Robust evaluation from a comparable place, or a national unit cost (25 %)' });
    await expect.poll(() => line.getByLabel('Optimism bias for this line (%)').inputValue()).toBe('25');
    await expect.poll(() => exactNpv(page)).toBe('£10,584.44');
    await expect.poll(() => line.locator('.save-status').textContent(), { timeout: 15_000 }).toBe('All changes saved');
    await page.reload();
    await expect.poll(() => exactNpv(page), { timeout: 10_000 }).toBe('£10,584.44');
  });
});
