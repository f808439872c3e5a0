import { z } from 'zod';
import type { AppErrorShape, ErrorCode } from '../../shared/errors';

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

/** Maps anything thrown inside a service to the shape that crosses the boundary. */
export function toErrorShape(e: unknown): AppErrorShape {
  if (e instanceof AppError) return e.fields ? { code: e.code, message: e.message, fields: e.fields } : { code: e.code, message: e.message };
  if (e instanceof z.ZodError) return toErrorShape(fromZodError(e));
  const err = e as { code?: string; message?: string } | null;
  if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    // Unique indexes are named "<table>_live_name": say which kind of thing clashes.
    const table = /'?(\w+?)_live_name/.exec(err.message ?? '')?.[1];
    const noun = table ? table.replace(/_/g, ' ').replace(/s$/, '') : 'item';
    return { code: 'CONFLICT', message: `An ${noun} with that name already exists.`.replace(/^An ([^aeiou])/i, 'A $1') };
  }
  if (err?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { code: 'INVALID_INPUT', message: 'It refers to something that does not exist.' };
  }
  if (err?.code === 'ENOSPC' || err?.code === 'SQLITE_FULL') {
    return { code: 'STORAGE', message: 'The disk is full. Free some space and try again; nothing was saved.' };
  }
  if (err?.code === 'EACCES' || err?.code === 'EPERM') {
    return { code: 'STORAGE', message: `Permission denied: ${err.message ?? ''}`.trim() };
  }
  return { code: 'INTERNAL', message: err?.message ? `Unexpected error: ${err.message}` : 'Unexpected error' };
}
