// Types for checksums.mjs (used by tests/unit/release-workflow.test.ts).
export declare const INSTALLER: RegExp;
export declare function sha256(file: string): Promise<string>;
export declare function checksums(dir: string): Promise<string>;
