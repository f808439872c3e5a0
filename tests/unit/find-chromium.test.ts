import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';
import { findChromium, HOW_TO_GET } from '../../scripts/lib/find-chromium.mjs';

const only = (...files: string[]) => (f: string) => files.includes(f);

describe('finding a Chromium-family browser for the end-to-end tests', () => {
  it('Debian chromium, Google Chrome or Microsoft Edge, where each platform installs them', () => {
    expect(findChromium({}, 'linux', only('/usr/bin/chromium', '/usr/bin/google-chrome')).path).toBe('/usr/bin/chromium');
    expect(findChromium({}, 'linux', only('/opt/microsoft/msedge/msedge')).path).toBe('/opt/microsoft/msedge/msedge');
    expect(findChromium({}, 'darwin', only('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome')).path).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    const win = { PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    expect(findChromium(win, 'win32', only('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe')).path).toBe('C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe');
    expect(findChromium({ PATH: '/home/me/bin:/usr/local/bin' }, 'linux', only('/usr/local/bin/google-chrome-stable')).path).toBe('/usr/local/bin/google-chrome-stable');
  });

  it('TPW_CHROMIUM wins, and a wrong one says so rather than falling back', () => {
    expect(findChromium({ TPW_CHROMIUM: '/opt/my/chrome' }, 'linux', only('/opt/my/chrome', '/usr/bin/chromium')).path).toBe('/opt/my/chrome');
    expect(findChromium({ TPW_CHROMIUM: '/opt/none' }, 'linux', only('/usr/bin/chromium')).error).toMatch(/^TPW_CHROMIUM is set to \/opt\/none, which does not exist\./);
  });

  it('none at all: one line saying how to get one', () => {
    const r = findChromium({ PATH: '/usr/bin' }, 'linux', () => false);
    expect(r.error).toBe(HOW_TO_GET);
    expect(r.error).not.toContain('\n');
    expect(r.error).toMatch(/apt-get install chromium.*Google Chrome or Microsoft Edge.*TPW_CHROMIUM/);
  });
});

describe('npm test without a browser', () => {
  const env = { ...process.env, TPW_CHROMIUM: '/nonexistent/chromium' };
  it('its first step stops at once with one line', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'check-browser.mjs')], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^TPW_CHROMIUM is set to \/nonexistent\/chromium, which does not exist\. No Chromium-family browser/)]);
  });

  it('the e2e project stops before any test, with the same line', () => {
    const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'e2e'], { cwd: REPO_ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/TPW_CHROMIUM is set to \/nonexistent\/chromium, which does not exist/);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/✓|×|Test Files/);
  }, 120_000);
});

