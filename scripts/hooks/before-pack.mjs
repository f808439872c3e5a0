// electron-builder `beforePack` hook (electron-builder.yml). Refuses to package unless the
// Electron-ABI SQLite driver exists and its stamp (scripts/native.mjs) names exactly the Electron
// version, OS and CPU being packaged: a Node-ABI binary, or one built for another platform, would
// crash the installed app at start. `npm run dist` checks this too; this catches a direct
// `electron-builder` run.
import fs from 'node:fs';
import path from 'node:path';

// builder-util's Arch enum (ia32 = 0, x64 = 1, armv7l = 2, arm64 = 3, universal = 4).
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

export default async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const electronVersion = context.packager.info?.framework?.version ?? context.packager.config?.electronVersion;
  const arch = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch;
  const want = `electron ${electronVersion} ${context.electronPlatformName}-${arch}`;
  const dir = path.join(projectDir, 'build', 'native', 'electron');
  const binary = path.join(dir, 'better_sqlite3.node');
  const stampFile = path.join(dir, 'BUILT_FOR');
  const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : null;
  if (!fs.existsSync(binary) || stamp !== want) {
    throw new Error(
      `Refusing to package: build/native/electron/better_sqlite3.node is ${stamp ? `stamped "${stamp}"` : 'missing or unstamped'}, ` +
        `but this package needs "${want}". Build it on this platform with \`node scripts/native.mjs\` (needs internet once).`,
    );
  }
}
