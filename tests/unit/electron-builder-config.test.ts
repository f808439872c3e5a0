/**
 * The installers, as electron-builder itself will read them: electron-builder can't download its
 * tools here, so this reads the effective configuration (electron-builder.yml through
 * electron-builder's own loader and schema, plus signing from the environment) and checks what IT
 * departments and the packaged app rely on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import beforePack from '../../scripts/hooks/before-pack.mjs';
import { effectiveBuildConfig } from '../../scripts/lib/build-config.mjs';
import { REPO_ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

type Target = { target: string; arch?: string[] };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;
const load = async (env: NodeJS.ProcessEnv = {}) => (await effectiveBuildConfig(REPO_ROOT, env)) as { config: Config; signing: string[] };

describe('the effective electron-builder configuration', { timeout: 120_000 }, () => {
  it('builds a per-machine MSI for IT, a per-user NSIS installer and a portable exe (Windows), a dmg, an AppImage and a deb', async () => {
    const { config } = await load();
    expect((config.win.target as Target[]).map((t) => t.target)).toEqual(['msi', 'nsis', 'portable']);
    expect(config.msi).toMatchObject({ perMachine: true, oneClick: true, runAfterFinish: false, upgradeCode: '37F8B92D-5FA3-53AA-943C-3B0F2833ABF7' });
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect(config.win.requestedExecutionLevel).toBe('asInvoker');
    expect(config.mac.target).toBe('dmg');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('sets the fuses at package time: no RunAsNode, NODE_OPTIONS or inspect; encrypted cookies; asar integrity, only from asar; no file:// privileges', async () => {
    const { config } = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('ships the Electron-ABI driver and the tpw launchers as extra resources, and never the Node-ABI driver', async () => {
    const { config } = await load();
    expect(config.extraResources).toEqual([
      { from: 'build/native/electron/better_sqlite3.node', to: 'native/better_sqlite3.node' },
      { from: 'build/resources/bin', to: 'bin' },
    ]);
    expect(config.files[0].filter).toEqual(expect.arrayContaining(['!node_modules/better-sqlite3/build/**', '!out/cli/**']));
    expect(config).toMatchObject({ npmRebuild: false, nodeGypRebuild: false, buildDependenciesFromSource: false });
    expect(fs.statSync(path.join(REPO_ROOT, 'build', 'resources', 'bin', 'tpw')).mode & 0o111).not.toBe(0);
    expect(fs.readFileSync(path.join(REPO_ROOT, 'build', 'resources', 'bin', 'tpw.cmd'), 'utf8')).toContain('"%~dp0..\\..\\Total Place Workbench.exe" --cli -- %*');
    expect(config.linux.executableName).toBe('total-place-workbench');
  });

  it('signs only when the signing variables are set', async () => {
    const none = await load();
    expect(none.config.win.azureSignOptions).toBeUndefined();
    expect(none.config.mac).toMatchObject({ identity: null, notarize: false });
    expect(none.config.forceCodeSigning).toBeUndefined();
    expect(none.signing).toEqual(['Windows: not signed (no signing variables set)', 'macOS: not signed (no signing variables set)']);

    const azure = await load({
      AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
      AZURE_TRUSTED_SIGNING_ACCOUNT: 'council-signing',
      AZURE_TRUSTED_SIGNING_PROFILE: 'public-trust',
      AZURE_TENANT_ID: 't',
      AZURE_CLIENT_ID: 'c',
      AZURE_CLIENT_SECRET: 's3cret',
      WIN_PUBLISHER_NAME: 'Worcestershire County Council',
      CSC_LINK: 'mac-cert.p12',
      APPLE_ID: 'it@example.org',
      APPLE_APP_SPECIFIC_PASSWORD: 'p',
      APPLE_TEAM_ID: 'ABCDE12345',
      TPW_REQUIRE_SIGNING: '1',
    });
    expect(azure.config.win.azureSignOptions).toEqual({ endpoint: 'https://weu.codesigning.azure.net', codeSigningAccountName: 'council-signing', certificateProfileName: 'public-trust', publisherName: 'Worcestershire County Council' });
    expect(azure.config.mac.notarize).toBe(true);
    expect(azure.config.mac.identity).toBeUndefined();
    expect(azure.config.forceCodeSigning).toBe(true);
    expect(azure.signing.join('\n')).not.toMatch(/s3cret/);

    // Empty secrets (a CI without them) count as absent.
    const empty = await load({ AZURE_TRUSTED_SIGNING_ENDPOINT: '', WIN_CSC_LINK: ' ', CSC_LINK: '' });
    expect(empty.signing[0]).toMatch(/not signed/);
  });

  it('refuses to package without the driver stamped for exactly this Electron, OS and CPU (beforePack)', async () => {
    const { config } = await load();
    expect(config.beforePack).toBe('./scripts/hooks/before-pack.mjs');
    expect(fs.existsSync(path.join(REPO_ROOT, config.beforePack as string))).toBe(true);
    const project = tempDir('tpw-pack-');
    const native = path.join(project, 'build', 'native', 'electron');
    const ctx = (arch: number, platform = 'win32') => ({ packager: { projectDir: project, info: { framework: { version: pkg.devDependencies.electron } } }, electronPlatformName: platform, arch });
    await expect(beforePack(ctx(1))).rejects.toThrow(/Refusing to package: .* missing or unstamped/);
    fs.mkdirSync(native, { recursive: true });
    fs.writeFileSync(path.join(native, 'better_sqlite3.node'), 'binary');
    // A stamp without the platform (as older builds wrote) is not enough, nor one for another platform.
    fs.writeFileSync(path.join(native, 'BUILT_FOR'), `electron ${pkg.devDependencies.electron}\n`);
    await expect(beforePack(ctx(1))).rejects.toThrow(/needs "electron 45\.5\.0 win32-x64"/);
    fs.writeFileSync(path.join(native, 'BUILT_FOR'), `electron ${pkg.devDependencies.electron} linux-x64\n`);
    await expect(beforePack(ctx(1))).rejects.toThrow(/stamped "electron 45\.5\.0 linux-x64"/);
    await expect(beforePack(ctx(1, 'linux'))).resolves.toBeUndefined();
    await expect(beforePack(ctx(3, 'linux'))).rejects.toThrow(/linux-arm64/);
    fs.rmSync(project, { recursive: true, force: true });
  });
});
