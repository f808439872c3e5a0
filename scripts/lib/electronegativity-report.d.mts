// Types for electronegativity-report.mjs (imported by tests/unit/security-scan.test.ts).
export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
export type Confidence = 'TENTATIVE' | 'FIRM' | 'CERTAIN';

export declare const SEVERITY: Readonly<Record<Severity, number>>;
export declare const CONFIDENCE: Readonly<Record<Confidence, number>>;

export declare class ReportError extends Error {}

export interface Finding {
  check: string;
  severity: Severity;
  confidence: Confidence;
  file: string;
  line: number;
  column: number;
  sample: string | null;
  description: string;
}

export interface Review {
  check: string;
  file: string;
  why: string;
}

export interface ClassifiedFinding extends Finding {
  status: 'note' | 'reviewed' | 'fail';
  review: Review | null;
}

export declare function toFindings(issues: unknown): Finding[];
export declare function parseFailures(errors: unknown): string[];
export declare function sameShellFile(findingFile: string, reviewedFile: string): boolean;
export declare function classifyFindings(findings: Finding[], reviewed: Review[]): ClassifiedFinding[];
