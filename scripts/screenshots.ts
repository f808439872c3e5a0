/**
 * Screenshots of the real UI for the README: seeds a demo pilot through the services, serves it
 * with `tpw serve`, and photographs pages in Debian's Chromium.
 *   node --import tsx scripts/screenshots.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { openWorkbench } from '../main/api/workbench';
import { startServe } from '../tests/helpers/e2e';

const out = path.resolve('docs/screenshots');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tpw-shots-'));
const dbPath = path.join(dir, 'workbench.db');

async function seed() {
  const wb = openWorkbench(dbPath, 'cli');
  const call = async (m: string, i: unknown) => {
    const r = await wb.dispatch(m as never, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as { id: string; rev: string } & Record<string, unknown>;
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
  const ids: string[] = [];
  for (const [statement, themeId, path] of hs) {
    let h = await call('hypothesis.add', { statement, themeId });
    // Verdicts need a reason; the demo's evidence is linked after its hypotheses, so confirm without it.
    for (const status of path) h = await call('hypothesis.setStatus', { id: h.id, rev: h.rev, status, note: status === 'testing' || status === 'parked' ? null : 'Seen in the evidence gathered so far', withoutEvidence: true });
    ids.push(h.id);
  }
  const orgs = (await call('organisation.list', {})) as unknown as { id: string; name: string }[];
  const council = orgs.find((o) => o.name.startsWith('Worcestershire'))!.id;
  const nhs = orgs.find((o) => o.name.includes('ICB'))!.id;
  const evidence: [string, string, string, [number, string][]][] = [
    ['Mrs B: seven assessments in three weeks after a fall', 'citizen_journey', 'Journey mapped with Mrs B and her daughter: ambulance, A&E, hospital OT, council OT, falls clinic, telecare, GP.', [[0, 'CC'], [1, 'CC']]],
    ['Emergency admissions for falls, over-65s, 2025-26', 'performance_data', '1,412 admissions; 38% readmitted within 90 days.', [[0, 'C'], [4, 'N']]],
    ['Falls team practitioners: "we never see the council OT notes"', 'practitioner_view', 'Focus group with 9 practitioners from three agencies.', [[1, 'C'], [0, 'C']]],
    ['Drug treatment completions and reoffending, 2024-26', 'performance_data', 'No change in proven reoffending after the pooled budget pilot.', [[2, 'I'], [6, 'II']]],
  ];
  for (const [title, kind, summary, links] of evidence) {
    const e = await call('evidence.add', { title, kind, summary, sensitivity: 'partners', tags: ['falls'] });
    for (const [i, rating] of links) await call('evidence.link', { evidenceId: e.id, hypothesisId: ids[i]!, rating, weight: 'high', note: null });
  }
  const intervention = await call('intervention.add', { name: 'Integrated falls response service', startYear: '2026-27', years: 5 });
  const year = (c: number) => ({ low: Math.round(c * 0.8), central: c, high: Math.round(c * 1.3) });
  await call('estimateLine.add', { interventionId: intervention.id, kind: 'cost', label: 'Falls response team', organisationId: council, category: 'revenue', cashable: true, profile: [year(45_000_000), year(42_000_000), year(42_000_000), year(42_000_000), year(42_000_000)], position: 0 });
  await call('estimateLine.add', { interventionId: intervention.id, kind: 'benefit', label: 'Fewer emergency admissions', organisationId: nhs, valueType: 'fiscal', cashable: true, deadweight: 0.2, attributionToOthers: 0.1, profile: [year(20_000_000), year(60_000_000), year(75_000_000), year(80_000_000), year(80_000_000)], position: 1 });
  await call('learning.add', { kind: 'failed', title: 'The data-sharing agreement took four months to sign', whatHappened: 'Three information governance teams each wanted their own template.', occurredOn: '2026-10-14', sensitivity: 'partners' });
  await call('learning.add', { kind: 'difficult', title: 'Secondees were pulled back to their day jobs in budget season', occurredOn: '2026-11-02', sensitivity: 'partners' });
  await call('action.add', { title: 'Commission a single falls response service from April 2027', organisationId: council, owner: 'Director of Adult Social Care', dueDate: '2027-02-28', beyondPilot: true });
  await wb.close();
  // Spend as published, through the real importer.
  const { spawnSync } = await import('node:child_process');
  const { FIXTURES: fixtures } = await import('../tests/fixtures/spend/make');
  const spendFiles: [string, string][] = [['oxford_expenditure-over-500-jul-sep-2017.csv', 'Worcestershire County Council'], ['nhs_chelsea_westminster_2020-04.csv', 'Herefordshire and Worcestershire ICB']];
  for (const [file, org] of spendFiles) {
    const r = spawnSync(process.execPath, ['bin/tpw.js', 'spend', 'import', path.join(fixtures, file), '--org', org, '--db', dbPath, '--json'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr || r.stdout);
  }
  // Classification rules so the spend map shows themes.
  const rules: [string, string, string][] = [['serviceArea', 'Community Services', 'Older people'], ['expenseType', 'Drugs', 'Drugs and alcohol'], ['serviceArea', 'Housing', 'Children and families']];
  for (const [field, pattern, theme] of rules) {
    spawnSync(process.execPath, ['bin/tpw.js', 'spend', 'rules', 'add', '--field', field, '--op', 'contains', '--pattern', pattern, '--theme', theme, '--db', dbPath], { encoding: 'utf8' });
  }
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
const shots: [string, string][] = (process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['/hypotheses=hypotheses-board', '/=dashboard', '/setup=setup', '/evidence=evidence', '/evidence/matrix=evidence-matrix', '/spend=spend', '/estimates=estimates', '/estimates/portfolio=portfolio', '/learning=learning', '/report=report', '/bundles=bundles']).map((a) => a.split('=') as [string, string]);
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
