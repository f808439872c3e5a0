import type { z } from 'zod';
import { fromZodError } from '../../../shared/errors';
import { CallError } from '../../api/client';

/**
 * Checks input against the shared schema the service will parse it with, and reports problems in
 * the shape the dispatcher would: the same messages, without the round trip.
 */
export function validate(schema: z.ZodType, input: unknown): CallError | null {
  const parsed = schema.safeParse(input);
  if (parsed.success) return null;
  const e = fromZodError(parsed.error);
  return new CallError(e.code, e.message, e.fields);
}
