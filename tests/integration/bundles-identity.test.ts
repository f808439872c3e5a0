import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { identityPath } from '../../main/bundle/identity';
import { tempWorkbench, type TestWorkbench } from '../helpers/workbench';

let wb: TestWorkbench | null = null;
afterEach(async () => {
  await wb?.cleanup();
  wb = null;
});

/** A stand-in for Electron's safeStorage: reversible, and visibly not the plain bytes. */
const keychain = {
  openPath: async () => undefined,
  protectSecret: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
  unprotectSecret: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
};

describe('identity', () => {
  it('is created once, stored 0600, and sealed by the keychain when the desktop offers one', async () => {
    wb = tempWorkbench();
    wb.ctx.platform = keychain;
    const first = await wb.call('identity.show', {});
    expect(first.protected).toBe(true);
    expect(first.fingerprintGrouped).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const file = identityPath(wb.dbPath);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('AGE-SECRET-KEY-1');
    expect(text).toContain(first.fingerprint);
    expect(await wb.call('identity.show', {})).toEqual(first);

    // Without the keychain (the CLI on the same data) a sealed identity is refused, plainly.
    wb.ctx.platform = undefined;
    const { loadIdentity } = await import('../../main/bundle/identity');
    // The cache is per file; a new file name forces a re-read.
    fs.copyFileSync(file, identityPath(`${wb.dir}/other.db`));
    await expect(loadIdentity({ ...wb.ctx, dbPath: `${wb.dir}/other.db` })).rejects.toThrow(/sealed by the desktop app/);
  });

  it('refuses an altered identity file instead of signing with the wrong key', async () => {
    wb = tempWorkbench();
    await wb.call('identity.show', {});
    const file = identityPath(wb.dbPath);
    const body = JSON.parse(fs.readFileSync(file, 'utf8')) as { public: { fingerprint: string } };
    body.public.fingerprint = 'F'.repeat(64);
    fs.writeFileSync(identityPath(`${wb.dir}/copy.db`), JSON.stringify(body));
    const { loadIdentity } = await import('../../main/bundle/identity');
    await expect(loadIdentity({ ...wb.ctx, dbPath: `${wb.dir}/copy.db` })).rejects.toThrow(/does not match its own fingerprint/);
  });
});
