import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';

const yml = fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  allowScripts: Record<string, boolean>;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
};

describe('packaging', () => {
  it('builds per-user installers for every platform, without admin rights', () => {
    for (const target of ['target: nsis', 'target: portable', 'target: dmg', '- AppImage', '- deb']) expect(yml).toContain(target);
    expect(yml).toMatch(/perMachine: false/);
    expect(yml).toMatch(/allowElevation: false/);
  });

  it('can never ship the Node-ABI database driver', () => {
    expect(yml).toMatch(/npmRebuild: false/);
    expect(yml).toContain('"!node_modules/better-sqlite3/build/**"');
    expect(yml).toMatch(/from: build\/native\/electron\/better_sqlite3\.node\s+to: native\/better_sqlite3\.node/);
    expect(yml).toMatch(/asarUnpack:\s+- node_modules\/better-sqlite3\/\*\*/);
    const shell = fs.readFileSync(path.join(REPO_ROOT, 'main', 'electron', 'index.ts'), 'utf8');
    expect(shell).toContain("path.join(process.resourcesPath, 'native', 'better_sqlite3.node')");
    const dist = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'dist.mjs'), 'utf8');
    expect(dist).toMatch(/electronNativeReady\(\)/);
  });

  it('pins versions that install on Node 20 and denies Electron its download script', () => {
    expect(pkg.allowScripts.electron).toBe(false);
    expect(pkg.devDependencies.electron).toBe('45.5.0');
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^12\.11\./);
    expect(pkg.dependencies.kysely).toMatch(/^0\.28\./);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.bin.tpw).toBe('bin/tpw.js');
  });
});
