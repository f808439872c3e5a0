// Types for before-pack.mjs (called by tests/unit/electron-builder-config.test.ts as electron-builder would).
export default function beforePack(context: {
  packager: { projectDir: string; info?: { framework?: { version?: string } }; config?: { electronVersion?: string } };
  electronPlatformName: string;
  arch: number | string;
}): Promise<void>;
