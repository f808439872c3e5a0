/**
 * Screenshots of the real UI for the README, one per page at 1366×768 (a common laptop): fills a
 * fresh database with the demo pilot (`tpw demo`), serves it with `tpw serve`, and photographs
 * every page in Debian's Chromium. Pages are listed in tests/helpers/pages.ts.
 *   npm run build && node --import tsx scripts/screenshots.ts [name…]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './lib/find-chromium.mjs';
import { startServe } from '../tests/helpers/e2e';
import { PAGES, recordPages, serveApi } from '../tests/helpers/pages';

const out = path.resolve('docs/screenshots');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-shots-'));
const dbPath = path.join(dir, 'workbench.db');

const demo = spawnSync(process.execPath, ['bin/tpw.js', 'demo', '--db', dbPath, '--json'], { encoding: 'utf8' });
if (demo.status !== 0) throw new Error(demo.stderr || demo.stdout);

const server = await startServe(dbPath);
const baseUrl = `http://127.0.0.1:${server.port}/`;
const api = serveApi(baseUrl, server.token);
await api('system.setActor', { actor: 'Priya Shah' });
const ctx = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
  executablePath: findChromium().path ?? '/usr/bin/chromium',
  viewport: { width: 1366, height: 768 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(server.url);
const wanted = new Set(process.argv.slice(2));
const pages = [...PAGES, ...(await recordPages(api))].filter((p) => wanted.size === 0 || wanted.has(p.name));
for (const { route, name } of pages) {
  await page.goto(`${baseUrl}#${route}`);
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').first().waitFor();
  await page.waitForTimeout(600);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}
await ctx.close();
server.proc.kill();
fs.rmSync(dir, { recursive: true, force: true });
