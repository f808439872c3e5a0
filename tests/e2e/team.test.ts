/**
 * Team working, as two people would: Alice opens the app for the first time (it asks her name),
 * joins the team folder Bob created, is added by Bob, and after "Sync now" sees Bob's hypothesis.
 * They change the same hypothesis at once; the conflict shows both names; Alice resolves it, the
 * resolution reaches Bob, and the history shows both of them. Bob works from the command line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';
import { tpw } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

let app: E2E;
let dir: string;
let bobDb: string;
let folder: string;
const bob = (...args: string[]) => {
  const r = tpw(['--db', bobDb, ...args, '--json']);
  if (r.status !== 0) throw new Error(`tpw ${args.join(' ')} → ${r.status}: ${r.stderr}${r.stdout}`);
  return r.json<Record<string, unknown>>();
};

beforeAll(async () => {
  dir = tempDir('tpw-e2e-team-');
  bobDb = path.join(dir, 'bob.db');
  folder = path.join(dir, 'OneDrive - Worcestershire', 'Total Place team');
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  bob('init', '--place', 'Worcestershire');
  bob('me', '--name', 'Bob Khan', '--org', 'West Mercia Police');
  bob('team', 'create', '--folder', folder, '--name', 'Worcestershire Total Place');
  bob('hypothesis', 'add', '--statement', 'One falls team would cut admissions of over-65s');
  bob('sync');
  app = await openApp({ firstRun: true });
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('team working in the app', () => {
  it('asks a first-time user their name, joins the folder, syncs, resolves a conflict, shows both names', async () => {
    const { page } = app;
    // First run: who are you?
    const welcome = page.getByRole('dialog', { name: 'Welcome — who are you?' });
    await expect.poll(() => welcome.isVisible()).toBe(true);
    await expectAccessible(page, 'the first-run question');
    await welcome.getByLabel('Your name').fill('Alice Evans');
    await welcome.getByLabel('Your home organisation').fill('Worcestershire County Council');
    await welcome.getByRole('button', { name: 'Save and start' }).click();
    await expect.poll(() => welcome.isVisible()).toBe(false);

    // Join the folder Bob created. In a browser the page may not name folders on this computer, so
    // the team page says how; Alice follows it (the desktop app uses its own folder dialog instead).
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Join or start a team' }).waitFor();
    await expectAccessible(page, 'the team page, not in a team');
    const joined = tpw(['--db', app.dbPath, 'team', 'join', '--folder', folder, '--json']);
    expect(joined.status, joined.stderr).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Waiting to be added' }).waitFor();
    await expectAccessible(page, 'the team page, waiting to be added');

    // Bob sees the request in the folder, compares the fingerprint, adds Alice.
    const status = bob('team', 'status') as { requests: { fingerprint: string; fingerprintGrouped: string }[] };
    expect(status.requests).toHaveLength(1);
    await expect.poll(() => page.getByText(status.requests[0]!.fingerprintGrouped).first().isVisible()).toBe(true);
    bob('team', 'add', '--request', status.requests[0]!.fingerprint, '--name', 'Alice Evans', '--org', 'Worcestershire County Council');
    bob('action', 'add', '--title', 'Ask the ICB for admissions data', '--owner', 'Alice Evans');
    bob('sync');

    // Sync now: Alice is a member and has the team's pilot.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('heading', { name: 'Worcestershire Total Place' }).waitFor();
    const members = page.getByRole('table', { name: /Members of the team/ });
    await expect.poll(() => members.getByRole('cell', { name: /^Bob Khan/ }).isVisible()).toBe(true);
    await expect.poll(() => members.getByRole('cell', { name: /^Alice Evans \(you\)/ }).isVisible()).toBe(true);
    await expectAccessible(page, 'the team page');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hypotheses' }).click();
    await page.getByRole('link', { name: 'One falls team would cut admissions of over-65s' }).first().click();

    // Alice and Bob change the same hypothesis before either syncs.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Hypothesis', { exact: true }).fill('One falls team would cut admissions of over-65s by a fifth');
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('heading', { level: 1, name: 'One falls team would cut admissions of over-65s by a fifth' }).waitFor();
    const list = bob('hypothesis', 'list') as unknown as { id: string }[];
    bob('hypothesis', 'status', list[0]!.id, 'testing', '--note', 'Admissions data requested from the ICB');
    bob('sync');

    // Alice syncs: both versions kept, both names shown.
    await page.getByRole('link', { name: /^Team:/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('link', { name: /Conflicts \(1\)/ }).click();
    await page.getByText(/Alice Evans and Bob Khan changed this at the same time|Bob Khan and Alice Evans changed this at the same time/).waitFor();
    await expectAccessible(page, 'conflicts between members');
    await page.getByRole('button', { name: 'Edit a merged version' }).click();
    await page.getByLabel('Merged Statement').fill('One falls team, as Alice and Bob agreed');
    await page.getByLabel('Merged Status').fill('testing');
    await page.getByRole('button', { name: 'Save merged version' }).click();
    await page.getByRole('heading', { name: 'No conflicts' }).waitFor();

    // Alice's next sync takes the resolution to the folder; Bob's next sync takes it up.
    await page.getByRole('link', { name: /^Team:/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.getByRole('button', { name: 'Sync now' }).waitFor();
    await expect.poll(() => (bob('sync') as { conflicts: number }).conflicts, { timeout: 30_000, interval: 1_000 }).toBe(0);
    expect((bob('hypothesis', 'list') as unknown as { statement: string }[])[0]!.statement).toBe('One falls team, as Alice and Bob agreed');

    // History shows both people, by name.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hypotheses' }).click();
    await page.getByRole('link', { name: 'One falls team, as Alice and Bob agreed' }).first().click();
    await page.getByText(/Change history/).click();
    const history = page.locator('details', { hasText: 'Change history' }).locator('.timeline');
    await expect.poll(() => history.textContent()).toMatch(/by Alice Evans/);
    await expect.poll(() => history.textContent()).toMatch(/by Bob Khan/);

    // Her own work, across the pilot.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assigned to me' }).click();
    await page.getByRole('link', { name: 'Ask the ICB for admissions data' }).waitFor();
    await expectAccessible(page, 'assigned to me');
  });
});
