import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('setting up a pilot and working a hypothesis', () => {
  it('sets up the pilot, adds organisations and a hypothesis, moves it through statuses, and it all survives a reload', async () => {
    app = await openApp();
    const { page } = app;

    // First run: the dashboard says what to do next.
    await expect.poll(() => page.getByRole('heading', { name: 'Set up your pilot to begin' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty dashboard');
    await page.getByRole('link', { name: 'Set up the pilot' }).click();

    // A blank place is refused with a plain-English message.
    await page.getByRole('button', { name: 'Set up the pilot' }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('The place is required');

    await page.getByLabel('Place').fill('Worcestershire');
    await page.getByLabel('Report deadline').fill('2027-03-31');
    await page.getByRole('button', { name: 'Set up the pilot' }).click();
    await expect.poll(() => page.locator('.app-header__place').textContent()).toBe('Worcestershire');
    await expect.poll(() => page.locator('.countdown').textContent()).toContain('Report due');

    for (const [name, type] of [['Worcestershire County Council', 'Council'], ['West Mercia Police', 'Police']] as const) {
      await page.getByLabel('Organisation name').fill(name);
      await page.getByLabel('Type').selectOption({ label: type });
      await page.getByRole('button', { name: 'Add organisation' }).click();
      await expect.poll(() => page.getByRole('cell', { name, exact: true }).count()).toBe(1);
    }
    await expectAccessible(page, 'the set-up page');

    // Rename a partner in place; the keyboard alone is enough.
    await page.getByRole('button', { name: 'Edit West Mercia Police' }).click();
    await page.getByLabel('Name of West Mercia Police').fill('West Mercia Police and Crime Commissioner');
    await page.getByLabel('Name of West Mercia Police').press('Enter');
    await expect.poll(() => page.getByRole('cell', { name: 'West Mercia Police and Crime Commissioner', exact: true }).count()).toBe(1);

    // A hypothesis, through the keyboard-friendly form.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hypotheses' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'No hypotheses yet' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty hypotheses board');
    await page.getByRole('link', { name: 'New hypothesis' }).click();
    await page.getByLabel('Hypothesis', { exact: true }).fill('A single falls team would cut emergency admissions of over-65s');
    await page.getByLabel('Rationale').fill('Three agencies visit the same older people after a fall.');
    await page.getByRole('button', { name: 'Add hypothesis' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('single falls team');
    await expectAccessible(page, 'a hypothesis page');

    // Each move asks for the reason (optional unless it is a verdict).
    await page.getByRole('button', { name: 'Move to Testing' }).click();
    await page.getByRole('dialog', { name: 'Move to Testing' }).getByRole('button', { name: 'Move to Testing' }).click();
    await expect.poll(() => page.locator('.status-line .badge').textContent()).toBe('Testing');
    await page.getByRole('button', { name: 'Move to Supported' }).click();
    const verdict = page.getByRole('dialog', { name: 'Move to Supported' });
    await expect.poll(() => verdict.getByRole('button', { name: 'Move to Supported' }).isDisabled()).toBe(true);
    await verdict.getByLabel('Why is it supported?').fill('Journey mapping showed seven assessments after one fall.');
    // No evidence is linked yet: the move must be confirmed.
    await expect.poll(() => verdict.textContent()).toContain('No evidence is linked to this hypothesis');
    await expectAccessible(page, 'the status change dialog');
    await verdict.getByLabel('Record it as supported without evidence').check();
    await verdict.getByRole('button', { name: 'Move to Supported' }).click();
    await expect.poll(() => page.locator('.status-line .badge').textContent()).toBe('Supported');
    await expect.poll(() => page.getByRole('region', { name: 'Status history' }).textContent()).toContain('Testing → Supported');
    await expect.poll(() => page.getByRole('region', { name: 'Status history' }).textContent()).toContain('Journey mapping showed seven assessments');

    // Reload: everything is still there.
    await page.reload();
    await expect.poll(() => page.locator('.status-line .badge').textContent()).toBe('Supported');
    await app.goto('/hypotheses');
    const supported = page.getByRole('region', { name: /Supported/ });
    await expect.poll(() => supported.getByRole('link').first().textContent()).toContain('single falls team');
    await expectAccessible(page, 'the hypotheses board');
    await app.goto('/setup');
    await expect.poll(() => page.getByRole('cell', { name: 'West Mercia Police and Crime Commissioner', exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'Worcestershire County Council', exact: true }).count()).toBe(1);
  });

  it('deletes a hypothesis with confirmation, then undo brings it back', async () => {
    app = await openApp();
    const { page } = app;
    await app.goto('/setup');
    await page.getByLabel('Place').fill('Leicester');
    await page.getByRole('button', { name: 'Set up the pilot' }).click();
    await app.goto('/hypotheses/new');
    await page.getByLabel('Hypothesis', { exact: true }).fill('Pooling drug and alcohol budgets reduces reoffending');
    await page.getByRole('button', { name: 'Add hypothesis' }).click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this hypothesis?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await expectAccessible(page, 'the delete confirmation');
    await dialog.getByRole('button', { name: 'Delete hypothesis' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'No hypotheses yet' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Pooling drug and alcohol/ }).count()).toBe(1);
  });

  it('moves a card on the board by dragging it, and only to an allowed column', async () => {
    app = await openApp();
    const { page } = app;
    await app.goto('/setup');
    await page.getByLabel('Place').fill('Cumbria');
    await page.getByRole('button', { name: 'Set up the pilot' }).click();
    await app.goto('/hypotheses/new');
    await page.getByLabel('Hypothesis', { exact: true }).fill('A shared front door halves duplicate referrals');
    await page.getByRole('button', { name: 'Add hypothesis' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('shared front door');
    await app.goto('/hypotheses');
    const card = page.getByRole('link', { name: 'A shared front door halves duplicate referrals' });
    // Proposed cannot jump straight to Supported: the drop is refused and nothing changes.
    await card.dragTo(page.getByRole('region', { name: /^Supported/ }));
    await expect.poll(() => page.getByRole('region', { name: /^Proposed/ }).getByRole('link').count()).toBe(1);
    await card.dragTo(page.getByRole('region', { name: /^Testing/ }));
    // A drop asks for the reason, as the buttons do.
    await page.getByRole('dialog', { name: 'Move to Testing' }).getByLabel('Reason (optional)').fill('Data sharing agreed');
    await page.getByRole('dialog', { name: 'Move to Testing' }).getByRole('button', { name: 'Move to Testing' }).click();
    await expect.poll(() => page.getByRole('region', { name: /^Testing/ }).getByRole('link').count()).toBe(1);
    await expect.poll(() => page.getByRole('region', { name: /^Proposed/ }).getByRole('link').count()).toBe(0);
  });
});
