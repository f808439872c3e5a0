/**
 * Issue 14 (data protection), as a user does it: a subject-access search and the pack downloaded;
 * items due for review decided (keep with a reason and a date, erase); an item erased from its own
 * page after a confirmation that names what goes; the erasure log read. axe checks every page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const ids: Record<string, string> = {};

/** A pilot that ended long enough ago that its personal data is due for review (12 months by default). */
async function setup(dbPath: string) {
  const { openWorkbench } = await import('../../main/api/workbench');
  const wb = openWorkbench(dbPath, 'cli');
  const call = async (m: string, i: unknown) => {
    const r = await wb.dispatch(m as never, i as never);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: string };
  };
  await call('pilot.save', { pilot: { place: 'Northshire', question: 'How can we secure improved outcomes at less cost?', startDate: '2023-04-01', reportDeadline: '2024-01-31' } });
  ids.interview = (await call('evidence.add', { title: 'Interview with Mr Pendlebury', kind: 'citizen_interview', sensitivity: 'personal', summary: 'Mr Pendlebury said the district nurse came twice.' })).id;
  ids.notes = (await call('evidence.add', { title: 'Case notes, hospital discharge', kind: 'observation', sensitivity: 'personal', summary: 'Discharge planned for a Friday.' })).id;
  ids.survey = (await call('evidence.add', { title: 'Residents survey', kind: 'citizen_survey', sensitivity: 'public', summary: 'One respondent, A. Pendlebury, asked for a call back.' })).id;
  await wb.close();
}

describe('data protection', () => {
  it('runs a subject-access search and downloads the pack; the search is logged', async () => {
    app = await openApp({ setup });
    const { page } = app;
    await app.goto('/privacy/sar');
    await page.getByRole('heading', { level: 1, name: 'Subject access' }).waitFor();
    await expectAccessible(page, 'the subject-access page');
    await page.getByLabel('Name or identifier').fill('pendlebury');
    await page.getByLabel('Request reference (optional)').fill('SAR-2026-014');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: /2 passages in 2 records mention “pendlebury”/ }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: /Mr Pendlebury said the district nurse/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'the subject-access results');

    await page.getByRole('button', { name: 'Prepare the subject-access pack' }).click();
    const link = page.getByRole('link', { name: /Download subject-access-SAR-2026-014\.zip/ });
    await link.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = path.join(app.dir, 'pack.zip');
    await download.saveAs(saved);
    const zip = fs.readFileSync(saved);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    expect(zip.includes(Buffer.from('index.html'))).toBe(true);
    expect(zip.includes(Buffer.from('records.json'))).toBe(true);

    // The log: two searches (the search and the pack), with the reference, not the name.
    await page.getByRole('cell', { name: 'SAR-2026-014' }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'SAR-2026-014' }).count()).toBe(2);
    expect(await page.getByRole('cell', { name: 'Downloaded' }).count()).toBe(1);
  }, 120_000);

  it('decides items due for review (keep, erase), erases an item from its page, and shows the erasure log', async () => {
    app = await openApp({ setup });
    const { page } = app;
    // The dashboard counts what is due.
    await page.getByRole('link', { name: /Due for review/ }).waitFor();
    expect(await page.getByText('2 items due').count()).toBe(1);

    await app.goto('/privacy/retention');
    await page.getByRole('heading', { name: 'Due for review (2)' }).waitFor();
    await expectAccessible(page, 'the retention page');

    await page.getByRole('button', { name: 'Keep Case notes, hospital discharge' }).click();
    const keep = page.getByRole('dialog', { name: 'Keep it for longer?' });
    await keep.getByLabel('Reason').fill('Needed for the final evaluation');
    await keep.getByLabel('Review again on').fill('2030-01-31');
    await expectAccessible(page, 'the keep dialog');
    await keep.getByRole('button', { name: 'Keep', exact: true }).click();
    await page.getByRole('heading', { name: 'Due for review (1)' }).waitFor();

    await page.getByRole('button', { name: 'Erase Interview with Mr Pendlebury' }).click();
    const erase = page.getByRole('dialog', { name: 'Erase it for good?' });
    await erase.getByLabel('Reason').fill('Retention period ended');
    await erase.getByRole('button', { name: 'Erase for good' }).click();
    await page.getByRole('heading', { name: 'Due for review (0)' }).waitFor();
    await page.getByRole('heading', { name: 'Nothing is due for review' }).waitFor();

    // Erase from the item's own page: the confirmation names what goes.
    await app.goto(`/evidence/${ids.survey}`);
    await page.getByRole('heading', { level: 1, name: 'Residents survey' }).waitFor();
    await page.getByRole('button', { name: 'Erase for good…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase for good?' });
    await dialog.getByText(/This erases the evidence item Residents survey with 1 stored revision/).waitFor();
    await expectAccessible(page, 'the erase confirmation');
    await dialog.getByLabel('Why is it being erased?').fill('The respondent asked us to (SAR-2026-014)');
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await page.waitForURL(/#\/evidence$/);
    await page.getByRole('heading', { level: 1, name: /Evidence/ }).waitFor();

    await app.goto('/privacy/erasures');
    await page.getByRole('table', { name: 'Erasure log' }).waitFor();
    expect(await page.getByRole('cell', { name: 'The respondent asked us to (SAR-2026-014)' }).count()).toBe(1);
    expect(await page.getByRole('cell', { name: 'At retention review' }).count()).toBe(1);
    expect(await page.getByText('Pendlebury').count()).toBe(0);
    await expectAccessible(page, 'the erasures page');

    // Nothing left to find.
    await app.goto('/privacy/sar');
    await page.getByLabel('Name or identifier').fill('Pendlebury');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Nothing held mentions it' }).waitFor();
  }, 120_000);
});
