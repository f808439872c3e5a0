import type { z } from 'zod';

/**
 * The closed set of error codes that may cross a process boundary.
 * The UI turns each code into plain English; the CLI maps them to exit codes.
 */
export const ERROR_CODES = [
  'INVALID_INPUT', // input failed schema validation
  'NOT_FOUND', // the record does not exist (or is in the recycle bin)
  'CONFLICT', // the record changed since it was read (stale revision) or a uniqueness rule
  'UNKNOWN_METHOD', // the method is not in the contract
  'UNAUTHORISED', // browser mode: missing or wrong token
  'BAD_FILE', // an imported file could not be read as what it claims to be
  'DUPLICATE_IMPORT', // the same file was imported before
  'REFUSED', // a rule refused the operation (e.g. sensitivity, unknown sender)
  'DB_TOO_NEW', // the database was written by a newer version of the app
  'STORAGE', // disk full, file vanished, permission denied
  'INTERNAL', // a bug: the message is logged, the user sees a generic apology
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field-level messages, keyed by dotted path (e.g. "profile.0.low"). */
  fields?: Record<string, string>;
}

/** Plain-English headings for each code; the specific message follows them. */
export const ERROR_HEADINGS: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Some details need correcting',
  NOT_FOUND: 'That item could not be found',
  CONFLICT: 'That clashes with what is already saved',
  UNKNOWN_METHOD: 'The app asked for something it does not know',
  UNAUTHORISED: 'This browser session is not signed in to the workbench',
  BAD_FILE: 'The file could not be read',
  DUPLICATE_IMPORT: 'This file has been imported already',
  REFUSED: 'That was not allowed',
  DB_TOO_NEW: 'This data was saved by a newer version of the workbench',
  STORAGE: 'The file could not be saved',
  INTERNAL: 'Unexpected error',
};

/** Thrown inside services; turned into a Result at the dispatcher, never thrown across a boundary. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} was not found (it may have been deleted).`);

/** Turns a zod error into one readable sentence plus a message per field. */
export function fromZodError(error: z.ZodError, prefix = ''): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(input)';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const summary = first ? (first[0] === '(input)' ? first[1] : `${first[0]}: ${first[1]}`) : 'The input is not valid';
  const more = Object.keys(fields).length - 1;
  return new AppError('INVALID_INPUT', more > 0 ? `${summary} (and ${more} more)` : summary, fields);
}
