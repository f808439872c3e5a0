/**
 * Central policy in the UI: the set-up page shows which settings this computer's IT department
 * manages (with the value and the file that set it), and the send page does not offer a
 * passphrase-only bundle when IT forbids one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';
import { tempDir } from '../helpers/workbench';

let app: E2E | null = null;
let policyDir: string | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  delete process.env.TPW_POLICY_FILE;
  if (policyDir) fs.rmSync(policyDir, { recursive: true, force: true });
});

describe('settings managed by IT', () => {
  it('are shown on the set-up page, and a forbidden passphrase bundle is not offered', async () => {
    policyDir = tempDir('tpw-e2e-policy-');
    const policy = path.join(policyDir, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ forbidPassphraseOnlyBundles: true, defaultSecurityMarking: 'OFFICIAL-SENSITIVE' }));
    // `tpw serve` (started by openApp) reads the policy from the file this names (allowed outside the installed app).
    process.env.TPW_POLICY_FILE = policy;
    app = await openApp();
    const { page } = app;

    await app.goto('/setup');
    const section = page.getByRole('region', { name: 'This computer' });
    await expect.poll(() => section.getByRole('table').isVisible()).toBe(true);
    const row = (name: string) => section.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row('Bundles protected only by a passphrase').textContent()).toContain('Not allowed: bundles must be encrypted to named partners');
    await expect.poll(() => row('Default security marking').textContent()).toContain('OFFICIAL-SENSITIVE');
    expect(await row('Default security marking').textContent()).toContain(policy);
    expect(await section.textContent()).toMatch(/Not managed, so yours to choose: folder for pilot files/);
    // A browser is told the pilot file's name, never where it sits on the server.
    expect(await section.textContent()).toContain(`Pilot file: ${path.basename(app.dbPath)}`);
    expect(await section.textContent()).not.toContain(app.dbPath);
    // Browser mode has no "open a different pilot file" (that is the desktop app's).
    expect(await section.getByRole('button', { name: 'Open a different pilot file…' }).count()).toBe(0);
    await expectAccessible(page, 'the set-up page with managed settings');

    await app.goto('/bundles/send');
    const passphrase = page.getByLabel(/A passphrase/);
    await expect.poll(() => passphrase.isDisabled()).toBe(true);
    expect(await page.getByText('not allowed by your IT department').count()).toBe(1);
  });
});
