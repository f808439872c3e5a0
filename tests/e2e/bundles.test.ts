import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tpw } from '../helpers/cli';
import { expectAccessible, openApp, type E2E } from '../helpers/e2e';

let app: E2E | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const ok = (args: string[]) => {
  const r = tpw([...args, '--json']);
  if (r.status !== 0) throw new Error(`tpw ${args.join(' ')} failed: ${r.stderr}${r.stdout}`);
  return r.json<Record<string, unknown>>();
};

describe('exchanging evidence bundles with a partner', () => {
  it('adds a partner from their card, verifies them, imports their bundle, resolves a conflict, sends one back, and logs it all', async () => {
    let partnerDb = '';
    let ourCard = '';
    let partnerCard = '';
    let hypothesisId = '';
    let bundle = '';
    app = await openApp({
      setup(dbPath) {
        const dir = path.dirname(dbPath);
        partnerDb = path.join(dir, 'partner.db');
        ourCard = path.join(dir, 'ours.tpwcard.json');
        partnerCard = path.join(dir, 'brimley.tpwcard.json');
        bundle = path.join(dir, 'from-brimley.age');
        ok(['init', '--place', 'Avonford', '--db', dbPath]);
        ok(['contact', 'export', '-o', ourCard, '--db', dbPath]);
        ok(['init', '--place', 'Brimley', '--db', partnerDb]);
        ok(['contact', 'export', '-o', partnerCard, '--db', partnerDb]);
        ok(['contact', 'add', '--card', ourCard, '--name', 'Avonford', '--db', partnerDb]);
        hypothesisId = ok(['hypothesis', 'add', '--statement', 'Pooled budgets for drugs and alcohol services', '--theme', 'Drugs and alcohol', '--db', partnerDb]).id as string;
        ok(['bundle', 'export', '-o', bundle, '--to', 'Avonford', '--db', partnerDb]);
      },
    });
    const { page } = app;
    const partnerFingerprint = (JSON.parse(fs.readFileSync(partnerCard, 'utf8')) as { fingerprint: string }).fingerprint;
    const grouped = partnerFingerprint.replace(/(.{4})(?=.)/g, '$1 ');

    // Partners: our own fingerprint to read out, then the partner from their card.
    await app.goto('/bundles/partners');
    await expect.poll(() => page.getByRole('heading', { name: 'No partners yet' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.fingerprint').first().textContent()).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    await expectAccessible(page, 'the empty partners page');
    await page.getByLabel('Contact card file').setInputFiles(partnerCard);
    await page.getByRole('button', { name: 'Add partner' }).click();
    await expect.poll(() => page.getByRole('cell', { name: grouped }).count()).toBe(1);
    await page.getByRole('button', { name: 'Mark verified for Brimley Total Place team' }).click();
    await expect.poll(() => page.getByText(/^Verified /).count()).toBe(1);
    await expectAccessible(page, 'the partners page');

    // Receive: checked and previewed before anything changes.
    await page.getByRole('link', { name: 'Receive' }).click();
    await expectAccessible(page, 'the receive page');
    await page.getByLabel('Bundle file').setInputFiles(bundle);
    await page.getByLabel('Signature file (.minisig)').setInputFiles(`${bundle}.minisig`);
    await page.getByRole('button', { name: 'Check bundle' }).click();
    await expect.poll(() => page.getByRole('region', { name: '2. Check what it will change' }).textContent(), { timeout: 20_000 }).toContain('a verified partner');
    // The bundle's security marking is shown before anything is applied (issue 14).
    expect(await page.getByRole('region', { name: '2. Check what it will change' }).textContent()).toMatch(/Marked\s*OFFICIAL\./);
    await expect.poll(() => page.getByRole('cell', { name: 'Pooled budgets for drugs and alcohol services' }).count()).toBe(1);
    await expectAccessible(page, 'the import preview');
    await page.getByRole('button', { name: 'Apply bundle' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Bundle applied' }).isVisible(), { timeout: 20_000 }).toBe(true);

    // Both sides now change the same hypothesis; their next bundle conflicts with our edit.
    ok(['hypothesis', 'status', hypothesisId, 'testing', '--db', app.dbPath]);
    ok(['hypothesis', 'status', hypothesisId, 'parked', '--db', partnerDb]);
    const second = path.join(path.dirname(bundle), 'second.age');
    ok(['bundle', 'export', '-o', second, '--to', 'Avonford', '--db', partnerDb]);
    await page.getByLabel('Bundle file').setInputFiles(second);
    await page.getByLabel('Signature file (.minisig)').setInputFiles(`${second}.minisig`);
    await page.getByRole('button', { name: 'Check bundle' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Changes' }).textContent(), { timeout: 20_000 }).toContain('1 conflicts');
    await page.getByRole('button', { name: 'Apply bundle' }).click();
    await page.getByRole('link', { name: 'Resolve conflicts' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Hypothesis: Pooled budgets/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('row', { name: /Status/ }).textContent()).toMatch(/testing.*parked/);
    await expectAccessible(page, 'the conflicts page');
    await page.getByRole('button', { name: 'Take theirs' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'No conflicts to resolve' }).isVisible()).toBe(true);
    const status = ok(['hypothesis', 'list', '--db', app.dbPath]) as unknown as { id: string; status: string }[];
    expect(status.find((h) => h.id === hypothesisId)?.status).toBe('parked');

    // Send: a preview of what leaves, then the two files to download.
    await page.getByRole('link', { name: 'Send' }).click();
    await page.getByLabel('Brimley Total Place team (verified)').check();
    await expect.poll(() => page.getByRole('region', { name: '3. What will leave' }).textContent()).toMatch(/\d+ records and 0 attachments/);
    await expectAccessible(page, 'the send page');
    await page.getByRole('button', { name: 'Create signed, encrypted bundle' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Download bundle/ }).isVisible(), { timeout: 20_000 }).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download bundle/ }).click()]);
    const saved = path.join(path.dirname(bundle), 'to-brimley.age');
    await download.saveAs(saved);
    const [sigDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download signature/ }).click()]);
    await sigDownload.saveAs(`${saved}.minisig`);
    const back = ok(['bundle', 'import', saved, '--db', partnerDb]);
    expect(back.conflicts).toBe(0);
    expect(back.unchanged).toBeGreaterThan(0);

    // The log: one received, one sent.
    await page.getByRole('link', { name: 'Exchange log' }).click();
    await expect.poll(() => page.getByRole('row').count()).toBe(4);
    await expect.poll(() => page.getByRole('table').textContent()).toContain('Sent');
    await expectAccessible(page, 'the exchange log');
  }, 300_000);
});

// The Send page says what `tpw bundle export --to` says on stderr about a partner whose fingerprint
// has not been compared; the bundle can still be made.
describe('sending to a partner who is not verified', () => {
  it('warns on the Send page, the same words as the command line, and still sends', async () => {
    let card = '';
    app = await openApp({
      setup(dbPath) {
        const dir = path.dirname(dbPath);
        const partnerDb = path.join(dir, 'partner.db');
        card = path.join(dir, 'brimley.tpwcard.json');
        ok(['init', '--place', 'Avonford', '--db', dbPath]);
        ok(['hypothesis', 'add', '--statement', 'Pooled budgets for drugs and alcohol services', '--db', dbPath]);
        ok(['init', '--place', 'Brimley', '--db', partnerDb]);
        ok(['contact', 'export', '-o', card, '--db', partnerDb]);
        ok(['contact', 'add', '--card', card, '--name', 'Brimley', '--db', dbPath]);
      },
    });
    const { page } = app;
    const grouped = (JSON.parse(fs.readFileSync(card, 'utf8')) as { fingerprint: string }).fingerprint.replace(/(.{4})(?=.)/g, '$1 ');

    await app.goto('/bundles/send');
    await expect.poll(() => page.getByLabel('Brimley (not verified yet)').isVisible()).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByLabel('Brimley (not verified yet)').check();
    const alert = page.getByRole('alert').filter({ hasText: 'Brimley is not verified' });
    await expect.poll(() => alert.textContent()).toContain('their fingerprint has not been compared with them');
    expect(await alert.textContent()).toContain(grouped);
    await expectAccessible(page, 'the send page with an unverified partner chosen');

    await page.getByRole('button', { name: 'Create signed, encrypted bundle' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Download bundle/ }).isVisible(), { timeout: 20_000 }).toBe(true);
    // Unchecking the partner takes the warning away.
    await page.getByLabel('Brimley (not verified yet)').uncheck();
    await expect.poll(() => alert.count()).toBe(0);
  }, 300_000);
});
