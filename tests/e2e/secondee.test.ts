/**
 * Issue 15 (the board, set-up, joined records and lists of a new secondee's first weeks): each
 * finding, in the real UI in Chromium against `tpw serve`, with axe on the states it leaves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../main/api/workbench';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';
import { serveApi } from '../helpers/pages';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const DAY = 86_400_000;
const isoDaysFromNow = (days: number) => {
  const d = new Date(Date.now() + days * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A pilot with a team member who owns two hypotheses (one proposed, one testing). */
async function seed(dbPath: string) {
  const wb = openWorkbench(dbPath, 'cli');
  const call = async (method: string, input: unknown) => {
    const r = await wb.dispatch(method as never, input as never);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as { id: string; rev: string };
  };
  await call('pilot.save', { pilot: { place: 'Worcestershire', question: 'Improved outcomes at less cost?' } });
  const sam = await call('teamMember.add', { name: 'Sam Patel', fte: 0.5 });
  await call('hypothesis.add', { statement: 'Joint triage would cut repeat call-outs', ownerId: sam.id });
  const t = await call('hypothesis.add', { statement: 'Earlier adaptations shorten hospital stays' });
  await call('hypothesis.setStatus', { id: t.id, rev: t.rev, status: 'testing' });
  await call('milestone.add', { title: 'Interim findings to the board', dueDate: isoDaysFromNow(-7), done: false });
  await wb.close();
}

describe('the board', () => {
  it('keeps focus on the moved card after "Move… → Testing", shows owners, and the Parked column is within reach at 1366 px', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/hypotheses');
    const card = page.locator('.board__card', { hasText: 'Joint triage would cut repeat call-outs' });
    await expect.poll(() => card.isVisible()).toBe(true);
    // Cards show their owner.
    await expect.poll(() => card.locator('.board__owner').textContent()).toBe('Owner: Sam Patel');

    await card.getByRole('button', { name: /^Move/ }).click();
    await card.getByRole('group').getByRole('button', { name: 'Testing' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Move to Testing' }).click();
    // The card is now in Testing, and focus is on its "Move…" button there, never <body>.
    const testing = page.locator('.board__column--testing');
    await expect.poll(() => testing.locator('.board__card', { hasText: 'Joint triage' }).count()).toBe(1);
    await expect
      .poll(() => page.evaluate(() => ({ tag: document.activeElement?.tagName, column: document.activeElement?.closest('section')?.className ?? '', text: document.activeElement?.textContent ?? '' })))
      .toMatchObject({ tag: 'BUTTON', column: expect.stringContaining('board__column--testing'), text: expect.stringContaining('Joint triage') });

    // At 1366 px the page never scrolls sideways, and the Parked column can be brought fully into view within the board.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const parked = page.locator('.board__column--parked');
    await parked.scrollIntoViewIfNeeded();
    const [board, col] = await Promise.all([page.locator('.board').boundingBox(), parked.boundingBox()]);
    expect(col!.x + col!.width).toBeLessThanOrEqual(board!.x + board!.width + 1);
    expect(col!.x + col!.width).toBeLessThanOrEqual(1366);
    await expectAccessible(page, 'the board after a move');
  });

  it('says why a drag to a column the card may not enter is refused, and announces it', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/hypotheses');
    const card = page.locator('.board__column--proposed .board__card', { hasText: 'Joint triage' });
    await expect.poll(() => card.isVisible()).toBe(true);
    await card.dragTo(page.locator('.board__column--supported'));
    const feedback = page.locator('.board__feedback');
    await expect.poll(() => feedback.textContent()).toContain('Can’t move it from Proposed to Supported: a verdict needs testing first');
    expect(await feedback.getAttribute('aria-live')).toBe('polite');
    // Nothing moved.
    expect(await page.locator('.board__column--proposed .board__card', { hasText: 'Joint triage' }).count()).toBe(1);
    await expectAccessible(page, 'the board after a refused drop');
  });
});

describe('set-up', () => {
  it('asks your name first and says what changes are recorded as until then', async () => {
    app = await openApp({ setup: seed, firstRun: true });
    const { page } = app;
    await page.getByRole('button', { name: 'Not now' }).click();
    await app.goto('/setup');
    await expect.poll(() => page.locator('main h2').first().textContent()).toBe('You');
    await expect.poll(() => page.getByText('You have not given your name yet.').isVisible()).toBe(true);
  });

  it('shows an overdue milestone as overdue, edits it in place, and the dashboard lists it', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/setup');
    const row = page.getByRole('row', { name: /Interim findings to the board/ });
    await expect.poll(() => row.locator('.overdue-flag').textContent()).toBe('Overdue by 7 days');

    await page.getByRole('button', { name: 'Edit milestone Interim findings to the board' }).click();
    const title = page.getByLabel('Title of Interim findings to the board');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toContain('-title');
    await title.fill('Interim findings to the partnership board');
    await page.getByLabel('Due date of Interim findings to the board').fill(isoDaysFromNow(-3));
    await expectAccessible(page, 'a milestone being edited');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const edited = page.getByRole('row', { name: /Interim findings to the partnership board/ });
    await expect.poll(() => edited.locator('.overdue-flag').textContent()).toBe('Overdue by 3 days');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Edit milestone Interim findings to the partnership board');

    await app.goto('/');
    await expect.poll(() => page.getByRole('link', { name: /Milestones overdue/ }).textContent()).toContain('Interim findings to the partnership board: Overdue by 3 days');
  });

  it('edits a team member in place', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/setup');
    await page.getByRole('button', { name: 'Edit Sam Patel' }).click();
    await page.getByLabel('Role of Sam Patel').fill('Finance analyst');
    await page.getByLabel('Seconded FTE of Sam Patel').fill('0.6');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const row = page.getByRole('row', { name: /Sam Patel/ });
    await expect.poll(() => row.textContent()).toContain('Finance analyst');
    expect(await row.textContent()).toContain('0.6');
  });

  it('asks before deleting a theme in use, naming what depends on it', async () => {
    app = await openApp();
    const { page } = app;
    const api = serveApi(app.baseUrl, app.token);
    await api('pilot.createDemo', {});
    await app.goto('/setup');
    // The demo was made behind the page's back (not by its button, which refreshes what the page
    // holds), and in one transaction it is quick enough that the page's data is still fresh.
    await page.reload();
    await page.getByRole('button', { name: 'Delete theme Falls and frailty' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Delete theme “Falls and frailty”? It is in use');
    expect(text).toMatch(/\d+ hypothes(is|es)/);
    expect(text).toMatch(/£[\d.,]+[km]? of spend/);
    await expectAccessible(page, 'the theme-in-use confirmation');
    // Cancel keeps it.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Delete theme Falls and frailty' }).isVisible()).toBe(true);
    // Confirming moves it to the recycle bin.
    await page.getByRole('button', { name: 'Delete theme Falls and frailty' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete theme' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Delete theme Falls and frailty' }).count()).toBe(0);
  });
});

describe('a spend import for a new organisation', () => {
  it('asks the new partner’s type, and adds it with that type', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    const csv = path.join(app.dir, 'fire-april.csv');
    fs.writeFileSync(csv, 'Date,Supplier,Amount\r\n01/04/2020,Hoses Ltd,120.00\r\n02/04/2020,Ladders Ltd,60.00\r\n');
    await app.goto('/spend/import');
    await page.getByLabel('Publishing organisation').fill('Hereford and Worcester Fire');
    await page.getByLabel('Spend file (CSV or XLSX)').setInputFiles(csv);
    await page.getByRole('button', { name: 'Continue' }).click();
    // Not chosen yet: said beside the field, nothing read.
    await expect.poll(() => page.getByText('Choose the type of organisation').isVisible()).toBe(true);
    await expectAccessible(page, 'the import asking a new partner’s type');
    await page.getByLabel('Type of organisation').selectOption('fire');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Import 2 lines' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Imported 2 lines/ }).isVisible(), { timeout: 20_000 }).toBe(true);
    const api = serveApi(app.baseUrl, app.token);
    const orgs = await api<{ name: string; type: string }[]>('organisation.list', {});
    expect(orgs.find((o) => o.name === 'Hereford and Worcester Fire')?.type).toBe('fire');
  });
});

describe('lists', () => {
  it('keep their filters and sort order in the URL, so both survive a reload', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/hypotheses/list');
    await expect.poll(() => page.getByRole('row').count()).toBe(3);
    await page.getByLabel('Status').selectOption('testing');
    await expect.poll(() => page.url()).toContain('status=testing');
    await page.getByRole('button', { name: /^Hypothesis/ }).click();
    await expect.poll(() => page.url()).toContain('sort=statement');
    await page.reload();
    await expect.poll(() => page.getByLabel('Status').inputValue()).toBe('testing');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await page.getByRole('columnheader', { name: /^Hypothesis/ }).getAttribute('aria-sort')).toBe('ascending');
    await expectAccessible(page, 'a filtered, sorted list');
  });
});

describe('joined records', () => {
  it('a stale edit refused offers "keep my text": the latest is reloaded and what was typed is kept', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    const api = serveApi(app.baseUrl, app.token);
    const a = await api<{ id: string; rev: string }>('action.add', { kind: 'action', title: 'Train the crews' });
    await app.goto(`/actions/${a.id}`);
    const description = page.getByLabel('Description');
    await expect.poll(() => description.isVisible()).toBe(true);
    await description.fill('Two sessions a month, starting with the north station.');
    // Someone else saves meanwhile.
    await api('action.update', { id: a.id, rev: a.rev, patch: { owner: 'Head of Prevention' } });
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByRole('button', { name: 'Reload the latest, keep my text' }).click();
    await expect.poll(() => page.getByLabel('Owner').inputValue()).toBe('Head of Prevention');
    expect(await description.inputValue()).toBe('Two sessions a month, starting with the north station.');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await expect.poll(async () => (await api<{ description: string; owner: string }>('action.get', { id: a.id })).description).toBe('Two sessions a month, starting with the north station.');
    expect((await api<{ owner: string }>('action.get', { id: a.id })).owner).toBe('Head of Prevention');
  });

  it('"Save and add another" keeps the person in a fresh form', async () => {
    app = await openApp({ setup: seed });
    const { page } = app;
    await app.goto('/actions/new');
    await page.getByLabel('Title').fill('First action');
    await page.getByRole('button', { name: 'Save and add another' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('');
    expect(page.url()).toContain('#/actions/new');
    const api = serveApi(app.baseUrl, app.token);
    expect((await api<{ title: string }[]>('action.list', {})).map((x) => x.title)).toEqual(['First action']);
  });
});
