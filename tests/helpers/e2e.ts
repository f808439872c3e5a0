/**
 * End-to-end harness: a real `tpw serve` on a temp database, driven in a Chromium-family browser by
 * Playwright as a person would. Every test using it also fails on:
 *  - any request to a host other than 127.0.0.1 (the app must be offline), and
 *  - any accessibility violation axe finds on the pages it checks (`expectAccessible`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { findChromium } from '../../scripts/lib/find-chromium.mjs';
import { TPW, REPO_ROOT } from './cli';
import { tempDir } from './workbench';

/** Debian's chromium, Google Chrome, Microsoft Edge, or $TPW_CHROMIUM (the e2e project's global setup stops early without one). */
const browser = findChromium();
export const CHROMIUM = browser.path ?? '';
if (browser.error) throw new Error(browser.error);

export interface E2E {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  token: string;
  dbPath: string;
  dir: string;
  /** Requests that tried to leave 127.0.0.1 (blocked); asserted empty at close. */
  offHostRequests: string[];
  /** Opens an app route, e.g. '/hypotheses' (hash routing). */
  goto(route: string): Promise<void>;
  close(): Promise<void>;
}

export async function startServe(dbPath: string): Promise<{ proc: ChildProcess; url: string; port: number; token: string }> {
  const proc = spawn(process.execPath, [TPW, 'serve', '--db', dbPath, '--json'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: proc.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tpw serve did not start: ${stderr}`)), 30_000);
    lines.once('line', (l) => {
      clearTimeout(timer);
      resolve(l);
    });
    proc.once('exit', (code) => reject(new Error(`tpw serve exited ${code}: ${stderr}`)));
  });
  const info = JSON.parse(first) as { url: string; port: number; token: string };
  return { proc, ...info };
}

/**
 * `firstRun`: leave the person unnamed, so the app asks who they are (the first-run question).
 * Otherwise the harness names them "E2E Tester" before the page opens, as someone who has used
 * the app before.
 */
export async function openApp(opts: { dbPath?: string; setup?: (dbPath: string) => void | Promise<void>; firstRun?: boolean } = {}): Promise<E2E> {
  const dir = tempDir('tpw-e2e-');
  const dbPath = opts.dbPath ?? path.join(dir, 'workbench.db');
  await opts.setup?.(dbPath);
  const server = await startServe(dbPath);
  const profile = path.join(dir, 'chromium-profile');
  fs.mkdirSync(profile);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const offHostRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
    offHostRequests.push(route.request().url());
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const baseUrl = `http://127.0.0.1:${server.port}/`;
  if (!opts.firstRun) {
    const r = await fetch(`${baseUrl}api/system.setActor`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify({ actor: 'E2E Tester' }) });
    if (!r.ok) throw new Error(`Could not name the e2e user: HTTP ${r.status}`);
  }
  await page.goto(server.url);
  return {
    page,
    context,
    baseUrl,
    token: server.token,
    dbPath,
    dir,
    offHostRequests,
    async goto(route: string) {
      await page.goto(`${baseUrl}#${route}`);
    },
    async close() {
      await context.close();
      server.proc.kill('SIGTERM');
      await new Promise((r) => server.proc.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
      expect(offHostRequests, 'requests that tried to leave 127.0.0.1').toEqual([]);
      expect(pageErrors, 'uncaught errors in the page').toEqual([]);
    },
  };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * What axe (WCAG 2.0/2.1/2.2 A and AA rules; with `bestPractice`, axe's best-practice rules too,
 * e.g. heading order and landmarks, and the label-in-name check) finds on the current page, one
 * line per rule.
 */
export async function axeFindings(page: Page, { bestPractice = false }: { bestPractice?: boolean } = {}): Promise<string[]> {
  await page.waitForLoadState('networkidle');
  const axe = new AxeBuilder({ page });
  // WCAG 2.5.3 (a link's name contains its visible text) is an axe rule still marked experimental: asked for by name.
  if (bestPractice) axe.options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  const results = await axe.withTags(bestPractice ? [...WCAG_TAGS, 'best-practice'] : WCAG_TAGS).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Fails on any violation axe finds on the current page (see axeFindings). */
export async function expectAccessible(page: Page, what: string, opts: { bestPractice?: boolean } = {}): Promise<void> {
  expect(await axeFindings(page, opts), `accessibility violations on ${what}`).toEqual([]);
}
