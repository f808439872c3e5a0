import { AppError } from '../../shared/errors';
import type { Result } from '../../shared/result';
import type { Workbench } from '../core/workbench';

/** A mistake in how the command was called: exit 1 with the usage. */
export class UsageError extends Error {}

export type OptionValue = string | boolean | string[] | undefined;

export interface VerbArgs {
  positionals: string[];
  values: Record<string, OptionValue>;
  json: boolean;
  dbPath: string;
}

export interface VerbOutput {
  /** What --json prints (exactly one document). */
  json: unknown;
  /** What a person reads otherwise. */
  text: string;
}

export interface Verb {
  /** Words that name it, e.g. ['spend', 'import']. */
  words: string[];
  usage: string;
  summary: string;
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  /** Verbs that need the database get it opened for them and closed after. */
  needsDb: boolean;
  /** Open the database read-only (no migration; the dispatcher refuses every mutating method). */
  readOnly?: boolean;
  run(args: VerbArgs, wb: Workbench | null): Promise<VerbOutput | 'long-running'>;
}

/** Unwraps a dispatcher result; a coded failure becomes an AppError so the CLI exits 2. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new AppError(r.error.code, r.error.message, r.error.fields);
}

export function str(args: VerbArgs, name: string, required = false): string | undefined {
  const v = args.values[name];
  if (Array.isArray(v)) return v.at(-1);
  if (typeof v === 'string') return v;
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
}

export function list(args: VerbArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export const pounds = (pence: number): string =>
  `${pence < 0 ? '-' : ''}£${(Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A plain text table for human output. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
