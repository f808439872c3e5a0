// Types for shell-rules.mjs (imported by tests/unit/security-scan.test.ts).
export type Rule = 'nodeIntegration' | 'sandbox' | 'contextIsolation' | 'webSecurity' | 'navigationGuard' | 'webPreferences' | 'customScheme' | 'fileProtocol' | 'invokeAllowList' | 'preloadApi';

export declare const RULES: Readonly<Record<Rule, string>>;

export interface SourceText {
  file: string;
  text: string;
}

export interface Violation {
  rule: Rule;
  file: string;
  line: number;
  message: string;
}

export declare function checkShellRules(sources: { security?: SourceText[]; window?: SourceText[] }): Violation[];

/** The rules over every file of the shell: custom scheme, no file://, the invoke allow-list, the preload's surface. */
export declare function checkShellFiles(sources: SourceText[]): Violation[];
