/**
 * Screenshots of the real UI for the README: seeds a demo pilot through the services, serves it
 * with `tpw serve`, and photographs pages in Debian's Chromium.
 *   node --import tsx scripts/screenshots.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openWorkbench } from '../main/services/workbench';
import { startServe } from '../tests/helpers/e2e';

const out = path.resolve('docs/screenshots');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-shots-'));
const dbPath = path.join(dir, 'workbench.db');

async function seed() {
  const wb = openWorkbench(dbPath, 'cli');
  const call = async (m: string, i: unknown) => {
    const r = await wb.dispatch(m as never, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as { id: string; rev: string };
  };
  await call('system.setActor', { actor: 'Priya Shah' });
  await call('pilot.save', { pilot: { place: 'Worcestershire', question: 'How can we secure improved outcomes at less cost through whole-scale organisational and cultural change?', startDate: '2026-09-01', reportDeadline: '2027-03-31' } });
  for (const [name, type] of [['Worcestershire County Council', 'council'], ['Herefordshire and Worcestershire ICB', 'nhs'], ['West Mercia Police', 'police'], ['Hereford & Worcester Fire', 'fire'], ['Jobcentre Plus', 'dwp']]) await call('organisation.add', { name, type });
  const older = await call('theme.add', { name: 'Older people' });
  const drugs = await call('theme.add', { name: 'Drugs and alcohol' });
  const kids = await call('theme.add', { name: 'Children and families' });
  await call('milestone.add', { title: 'Interim findings to the board', dueDate: '2027-01-20', done: false });
  const hs: [string, string, string[]][] = [
    ['A single falls response team would cut emergency admissions of over-65s', older.id, ['testing', 'supported']],
    ['Three agencies assess the same older person after a fall; one assessment would do', older.id, ['testing']],
    ['Pooled drug and alcohol budgets reduce reoffending', drugs.id, ['testing']],
    ['Early help keeps children out of care at less cost', kids.id, []],
    ['Co-locating benefits advice in GP surgeries reduces repeat appointments', older.id, ['testing', 'inconclusive']],
    ['A shared case record would remove duplicate visits to troubled families', kids.id, ['parked']],
    ['Night-time economy policing costs fall with licensing changes', drugs.id, ['testing', 'refuted']],
  ];
  for (const [statement, themeId, path] of hs) {
    let h = await call('hypothesis.add', { statement, themeId });
    for (const status of path) h = await call('hypothesis.setStatus', { id: h.id, rev: h.rev, status, note: null });
  }
  await wb.close();
}

await seed();
const server = await startServe(dbPath);
const profile = path.join(dir, 'profile');
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  viewport: { width: 1440, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(server.url);
const shots: [string, string][] = (process.argv.slice(2).length ? process.argv.slice(2) : ['/hypotheses=hypotheses-board', '/=dashboard', '/setup=setup']).map((a) => a.split('=') as [string, string]);
for (const [route, name] of shots) {
  await page.goto(`http://127.0.0.1:${server.port}/#${route}`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}
await ctx.close();
server.proc.kill();
fs.rmSync(dir, { recursive: true, force: true });
