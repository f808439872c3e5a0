import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('the demo pilot', () => {
  it('"Explore a demo pilot" on the empty dashboard fills it with the Anyshire demo, marked as demo', async () => {
    app = await openApp();
    const { page } = app;

    await expect.poll(() => page.getByRole('heading', { name: 'Set up your pilot to begin' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'Or look round a demo pilot first' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the empty dashboard with its two ways in');

    await page.getByRole('button', { name: 'Explore a demo pilot' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 }).toBe('Anyshire (demo)');
    // The page changed under the button: focus is on the new heading, not lost to <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await expect.poll(() => page.locator('.demo-banner').textContent()).toContain('Demo pilot.');
    await expect.poll(() => page.locator('.app-header__place').textContent()).toBe('Anyshire (demo)');
    // The tiles show the demo's own figures.
    await expect.poll(() => page.getByText('Savings range (net present value)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Anyshire County Council: £/).isVisible()).toBe(true);
    await expectAccessible(page, 'the demo pilot’s dashboard');

    // It is kept: a reload shows the same demo, and the button has gone.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Anyshire (demo)');
    expect(await page.getByRole('button', { name: 'Explore a demo pilot' }).count()).toBe(0);
  });
});
