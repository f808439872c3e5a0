// Types for build-config.mjs (read by tests/unit/electron-builder-config.test.ts).
export declare function effectiveBuildConfig(root: string, env?: NodeJS.ProcessEnv): Promise<{ config: Record<string, unknown>; signing: string[] }>;
