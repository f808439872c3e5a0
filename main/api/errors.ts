import { z } from 'zod';
import { AppError, fromZodError, type AppErrorShape } from '../../shared/errors';

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
