import fs from 'node:fs';
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
  /** Printed on stderr as WARNING lines in text mode (a --json verb puts them in its document); the exit status is unchanged. */
  warnings?: string[];
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
  /** How the services see their caller: `tpw serve` serves a browser, which never names local files. */
  mode?: 'browser';
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

/**
 * A passphrase from a file (never prompted for, never on the command line): its first line, a
 * trailing newline not part of it. `min`: the shortest accepted (bundles and backups ask for 10).
 */
export function readPassphraseFile(file: string, min = 10): string {
  let text: string;
  try {
    if (!fs.statSync(file).isFile() || fs.statSync(file).size > 4096) throw new Error('not a passphrase file');
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('BAD_FILE', `The passphrase file "${file}" does not exist or is not a passphrase file.`);
  }
  const passphrase = text.split(/\r?\n/)[0]!;
  if (passphrase.length < min) throw new AppError('INVALID_INPUT', `Use a passphrase of at least ${min} characters.`);
  return passphrase;
}

export function list(args: VerbArgs, name: string): string[] {
  const v = args.values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export const pounds = (pence: number): string =>
  `${pence < 0 ? '-' : ''}£${(Math.abs(pence) / 100).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts colour and cursor
 * sequences), DEL, C1 controls (CSI …), and the Unicode bidirectional overrides that reorder
 * what is shown. Text stored in a pilot or received from a partner never reaches the terminal
 * with them ("a sender's name must not paint 'verified partner'").
 */
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for the terminal: line breaks and tabs kept, every other control character removed. */
export const plainText = (text: string): string => text.replace(TERMINAL_CONTROLS, '');

/** One value on one line (a name in a table or a sentence): line breaks and tabs become spaces. */
export const oneLine = (text: string): string => plainText(text).replace(/[\n\t]+/g, ' ');

/** JSON for the terminal: the same values, with the characters above written as \u escapes. */
export const terminalJson = (value: unknown, indent = 2): string =>
  JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A plain text table for human output. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map((c) => oneLine(String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}
