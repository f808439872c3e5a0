/**
 * The release workflow (.github/workflows/release.yml), parsed: a matrix on Windows, macOS and Linux
 * runners, each installing, testing, building the Electron-ABI driver, packaging (signed only from
 * secrets), and attaching the installers with their SHA-256 sums; then one release with one sums
 * file, checked. And the sums script it uses.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checksums } from '../../scripts/checksums.mjs';
import { REPO_ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/workbench';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix: { include: { platform: string; os: string; targets: string }[] } };
  steps: Step[];
}
const wf = yaml.load(fs.readFileSync(path.join(REPO_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const build = wf.jobs.build!;
const release = wf.jobs.release!;
const indexOf = (pred: (s: Step) => boolean) => build.steps.findIndex(pred);
const runs = (re: RegExp) => (s: Step) => typeof s.run === 'string' && re.test(s.run);

describe('the release workflow', () => {
  it('runs on version tags (and by hand), read-only by default', () => {
    expect(wf.on.push).toEqual({ tags: ['v*.*.*'] });
    expect(wf.on).toHaveProperty('workflow_dispatch');
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('builds on Windows, macOS and Linux runners, each its own installers', () => {
    expect(build['runs-on']).toBe('${{ matrix.os }}');
    const matrix = Object.fromEntries(build.strategy!.matrix.include.map((m) => [m.platform, m]));
    expect(matrix.windows).toMatchObject({ os: 'windows-latest', targets: '--win msi nsis portable' });
    expect(matrix.macos).toMatchObject({ os: 'macos-latest', targets: '--mac dmg' });
    expect(matrix.linux).toMatchObject({ os: 'ubuntu-latest', targets: '--linux AppImage deb' });
  });

  it('installs, tests, builds the Electron-ABI driver, packages, sums and uploads — in that order', () => {
    const order = [
      indexOf((s) => s.uses?.startsWith('actions/checkout') === true),
      indexOf((s) => s.uses?.startsWith('actions/setup-node') === true),
      indexOf(runs(/^npm ci\b/)),
      indexOf(runs(/^npm test$/)),
      indexOf(runs(/^node scripts\/native\.mjs$/)),
      indexOf(runs(/^npm run dist -- \$\{\{ matrix\.targets \}\}$/)),
      indexOf(runs(/^node scripts\/checksums\.mjs dist /)),
      indexOf((s) => s.uses?.startsWith('actions/upload-artifact') === true),
    ];
    expect(order.every((i) => i >= 0), String(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(build.steps.find((s) => s.uses?.startsWith('actions/setup-node'))!.with).toMatchObject({ 'node-version': '20.20' });
    const upload = build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))!.with!;
    for (const ext of ['msi', 'exe', 'dmg', 'AppImage', 'deb']) expect(upload.path).toContain(`dist/*.${ext}`);
    expect(upload.path).toContain('SHA256SUMS-${{ matrix.platform }}.txt');
    expect(upload['if-no-files-found']).toBe('error');
  });

  it('signs only from secrets, given to the packaging step alone', () => {
    const dist = build.steps[indexOf(runs(/^npm run dist/))]!;
    for (const name of ['AZURE_TRUSTED_SIGNING_ENDPOINT', 'AZURE_CLIENT_SECRET', 'WIN_CSC_LINK', 'WIN_CSC_KEY_PASSWORD', 'CSC_LINK', 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID']) {
      expect(dist.env?.[name], name).toMatch(/secrets\./);
    }
    // The macOS certificate must never reach the Windows signer (electron-builder falls back to CSC_LINK).
    expect(dist.env!.CSC_LINK).toContain("runner.os == 'macOS'");
    const others = build.steps.filter((s) => s !== dist);
    expect(JSON.stringify(others)).not.toMatch(/secrets\./);
  });

  it('publishes one draft release on tags, with the installers and one checked sums file', () => {
    expect(release.needs).toBe('build');
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/')");
    expect(release.permissions).toEqual({ contents: 'write' });
    const text = release.steps.map((s) => s.run ?? '').join('\n');
    expect(text).toMatch(/cat SHA256SUMS-\*\.txt \| sort -k2 > SHA256SUMS\.txt/);
    expect(text).toMatch(/sha256sum -c SHA256SUMS\.txt/);
    expect(text).toMatch(/gh release create "\$GITHUB_REF_NAME" .*--draft/);
    expect(release.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!.with).toMatchObject({ pattern: 'installers-*', 'merge-multiple': true });
  });
});

describe('the SHA-256 sums', () => {
  it('lists every installer (and nothing else) in sha256sum format, sorted', async () => {
    const dir = tempDir('tpw-dist-');
    fs.writeFileSync(path.join(dir, 'Total Place Workbench-0.1.0-x64.msi'), 'msi bytes');
    fs.writeFileSync(path.join(dir, 'Total Place Workbench-0.1.0.AppImage'), 'appimage bytes');
    fs.writeFileSync(path.join(dir, 'builder-debug.yml'), 'not an installer');
    fs.mkdirSync(path.join(dir, 'win-unpacked'));
    const sum = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
    expect(await checksums(dir)).toBe(`${sum('msi bytes')}  Total Place Workbench-0.1.0-x64.msi\n${sum('appimage bytes')}  Total Place Workbench-0.1.0.AppImage\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    await expect(checksums(tempDir('tpw-empty-'))).rejects.toThrow(/No installers/);
  });
});
