// Types for find-chromium.mjs (used by tests/helpers/e2e.ts and the e2e project's global setup).
export declare const HOW_TO_GET: string;
export declare function knownLocations(platform?: NodeJS.Platform, env?: NodeJS.ProcessEnv): string[];
export declare function findChromium(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, exists?: (file: string) => boolean): { path: string; error?: undefined } | { error: string; path?: undefined };
