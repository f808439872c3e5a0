/**
 * Every page, with the demo pilot's data and with an empty database, at the two laptop sizes the
 * issue names: axe WITH best-practice rules finds nothing, and at 1024 px no page is wider than
 * the window (the board and the matrix scroll inside their own region, never the page), and no table
 * header breaks inside a word.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { axeFindings, openApp, type E2E } from '../helpers/e2e';
import { wordsBrokenInHeaders } from './headerWords';
import { PAGES, recordPages, serveApi } from '../helpers/pages';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1366, height: 768 },
];

const STATIC_ROUTES = PAGES.map((p) => p.route);

async function visitEveryPage(e2e: E2E, routes: string[]): Promise<void> {
  const { page } = e2e;
  const findings: string[] = [];
  const tooWide: string[] = [];
  const brokenWords: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const route of routes) {
      await e2e.goto(route);
      await settled(page);
      for (const f of await axeFindings(page, { bestPractice: true })) findings.push(`${route} at ${size.width}: ${f}`);
      // Neither the document nor the page's own scrolling area (main) may scroll sideways; wide
      // content scrolls inside its own region.
      const w = await page.evaluate(() => {
        const main = document.getElementById('main');
        return { doc: document.documentElement.scrollWidth, window: window.innerWidth, main: main?.scrollWidth ?? -1, mainBox: main?.clientWidth ?? -1, url: location.href };
      });
      if (w.main < 0) tooWide.push(`${route} at ${size.width} px: no page area (at ${w.url})`);
      if (w.doc > w.window) tooWide.push(`${route} at ${size.width} px: the page is ${w.doc} px wide`);
      if (w.main > w.mainBox) tooWide.push(`${route} at ${size.width} px: main scrolls sideways (${w.main} px in ${w.mainBox} px)`);
      for (const word of await wordsBrokenInHeaders(page)) brokenWords.push(`${route} at ${size.width} px: ${word}`);
    }
  }
  // Every finding at once, so one run shows the whole list.
  expect({ findings, tooWide, brokenWords }, 'axe findings (best practice included), pages wider than the window, table headers broken mid-word').toEqual({ findings: [], tooWide: [], brokenWords: [] });
}

/** Waits for the page's first heading and for its "Loading…" lines to go. */
async function settled(page: Page): Promise<void> {
  await page.locator('main h1').first().waitFor();
  await expect.poll(() => page.locator('main .loading').count(), { timeout: 15_000 }).toBe(0);
}

describe('every page at 1024×700 and 1366×768', () => {
  it('with the demo pilot: no axe finding (best practice included), never wider than the window', { timeout: 600_000 }, async () => {
    app = await openApp({
      setup: (db) => {
        const r = tpw(['demo', '--db', db, '--json']);
        if (r.status !== 0) throw new Error(r.stderr);
      },
    });
    await visitEveryPage(app, [...STATIC_ROUTES, ...(await recordPages(serveApi(app.baseUrl, app.token))).map((p) => p.route)]);
  });

  it('with nothing yet (the empty states): no axe finding, never wider than the window', { timeout: 600_000 }, async () => {
    app = await openApp();
    await visitEveryPage(app, STATIC_ROUTES);
  });
});
