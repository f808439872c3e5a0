import { z } from 'zod';
import { AppError, fromZodError, type AppErrorShape } from '../../shared/errors';
import type { ErrorLog } from '../core/errorLog';

/**
 * What the user is told about an unexpected failure. Never the exception's own text: it can quote
 * SQL, paths or the user's data, and helps nobody at the screen. The reference finds the stack in
 * the error log.
 */
export function internalError(reference?: string): AppErrorShape {
  return {
    code: 'INTERNAL',
    message: reference
      ? `Something went wrong inside the workbench. Reference ${reference} — the details are in the error log beside your data.`
      : 'Something went wrong inside the workbench.',
  };
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
  if (typeof err?.code === 'string' && (err.code.startsWith('SQLITE_BUSY') || err.code.startsWith('SQLITE_LOCKED'))) {
    // Another process (a long `tpw` import, a second window) holds the pilot file's write lock
    // for longer than we wait: a refusal to retry, not a fault.
    return { code: 'STORAGE', message: 'The pilot file is busy: another program or window (such as a long import with `tpw`) is writing to it. Try again when it has finished; nothing was saved.' };
  }
  if (typeof err?.code === 'string' && (err.code.startsWith('SQLITE_CORRUPT') || err.code === 'SQLITE_NOTADB')) {
    return { code: 'BAD_FILE', message: `The pilot file is damaged (SQLite says: ${err.message ?? err.code}). Restore it from a backup (tpw restore) or from a snapshot beside it; nothing was changed.` };
  }
  if (err?.code === 'ENOSPC' || err?.code === 'SQLITE_FULL' || err?.code === 'EDQUOT') {
    return { code: 'STORAGE', message: 'The disk is full. Free some space and try again; nothing was saved.' };
  }
  if (err?.code === 'EACCES' || err?.code === 'EPERM') {
    return { code: 'STORAGE', message: `Permission denied: ${err.message ?? ''}`.trim() };
  }
  return internalError();
}

/**
 * A bug rather than a refusal: nothing the services raised on purpose (AppError, zod) and nothing
 * mapped to a plain message above. These are logged with their stack and shown by reference.
 */
export const isUnexpected = (e: unknown): boolean => !(e instanceof AppError) && toErrorShape(e).code === 'INTERNAL';

/**
 * For the places that catch outside the dispatcher (the CLI, the desktop shell, the HTTP host):
 * an unexpected error is logged and answered by reference, anything else mapped as usual.
 */
export function errorShapeFor(e: unknown, where: string, log: ErrorLog | null | undefined): AppErrorShape {
  if (!isUnexpected(e)) return toErrorShape(e);
  return internalError(log?.record(where, e));
}
