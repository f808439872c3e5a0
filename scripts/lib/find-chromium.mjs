// The Chromium-family browser the end-to-end tests drive: $TPW_CHROMIUM when set (and then only it:
// an explicit choice that is wrong should say so), else the first of Debian's chromium, Google
// Chrome, Microsoft Edge or Chromium found in the usual places or on PATH.
import fs from 'node:fs';
import path from 'node:path';

export const HOW_TO_GET =
  'No Chromium-family browser was found for the end-to-end tests: install one (Debian/Ubuntu: `sudo apt-get install chromium`; or Google Chrome or Microsoft Edge) or set TPW_CHROMIUM to its executable.';

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable', 'msedge', 'chrome'];

/** Where each platform's installers put them, most likely first. */
export function knownLocations(platform = process.platform, env = process.env) {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean);
    const rel = ['Google\\Chrome\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe', 'Chromium\\Application\\chrome.exe'];
    return rel.flatMap((r) => roots.map((root) => path.win32.join(root, r)));
  }
  if (platform === 'darwin') {
    const apps = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium', 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'];
    return apps.flatMap((a) => [path.posix.join('/Applications', a), ...(env.HOME ? [path.posix.join(env.HOME, 'Applications', a)] : [])]);
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/opt/microsoft/msedge/msedge', '/snap/bin/chromium'];
}

function onPath(platform, env, exists) {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const exts = platform === 'win32' ? ['.exe'] : [''];
  for (const name of PATH_NAMES) for (const dir of dirs) for (const ext of exts) {
    const file = (platform === 'win32' ? path.win32 : path.posix).join(dir, name + ext);
    if (exists(file)) return file;
  }
  return null;
}

/** { path } of the browser to use, or { error } — one line saying how to get one. */
export function findChromium(env = process.env, platform = process.platform, exists = (f) => fs.existsSync(f)) {
  if (env.TPW_CHROMIUM) {
    return exists(env.TPW_CHROMIUM) ? { path: env.TPW_CHROMIUM } : { error: `TPW_CHROMIUM is set to ${env.TPW_CHROMIUM}, which does not exist. ${HOW_TO_GET}` };
  }
  const found = knownLocations(platform, env).find((f) => exists(f)) ?? onPath(platform, env, exists);
  return found ? { path: found } : { error: HOW_TO_GET };
}
