/**
 * The one dispatcher. Every transport (Electron IPC, the browser-mode HTTP host, the CLI) calls
 * `dispatch(method, unknownInput)`: the method is looked up in the contract, the input parsed by
 * its zod schema, the service called, and any failure mapped to a coded Result. No other place
 * registers handlers: each capability brings its own `handlers.ts`, listed once below.
 */
import { contract, isMethodName, type Contract } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import { fromZodError } from '../../shared/errors';
import type { ServiceContext } from '../core/context';
import type { Handlers } from '../core/handlers';
import type { Dispatch } from '../core/workbench';
import { dashboardHandlers } from '../dashboard/handlers';
import { estimatesHandlers } from '../estimates/handlers';
import { evidenceHandlers } from '../evidence/handlers';
import { bundlesHandlers } from '../exchange/handlers';
import { hypothesisHandlers } from '../hypotheses/handlers';
import { learningHandlers } from '../learning/handlers';
import { momentumHandlers } from '../momentum/handlers';
import { pilotHandlers } from '../pilot/handlers';
import { recordsHandlers } from '../records/handlers';
import { reportHandlers } from '../report/handlers';
import { spendHandlers } from '../spend/handlers';
import { systemHandlers } from '../system/handlers';
import { internalError, isUnexpected, toErrorShape } from './errors';

const handlers: Handlers<Contract> = {
  ...systemHandlers,
  ...pilotHandlers,
  ...recordsHandlers,
  ...hypothesisHandlers,
  ...evidenceHandlers,
  ...spendHandlers,
  ...estimatesHandlers,
  ...learningHandlers,
  ...momentumHandlers,
  ...dashboardHandlers,
  ...reportHandlers,
  ...bundlesHandlers,
};

/** The one answer to a change asked of a workbench opened read-only. */
export const READ_ONLY_MESSAGE = 'This pilot file is open read-only, so nothing can be changed.';

export interface DispatcherOptions {
  /**
   * Records an unexpected error (its stack) and returns the reference it was recorded under. The
   * user is shown that reference, never the exception's text.
   */
  onInternalError?: (method: string, error: unknown) => string | undefined;
  /** The database is open read-only: every method the contract marks `mutates` is refused up front. */
  readOnly?: boolean;
}

export function createDispatcher(ctx: ServiceContext, opts: DispatcherOptions = {}) {
  return async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !isMethodName(method)) return fail('UNKNOWN_METHOD', `Unknown method "${String(method)}"`);
    if (opts.readOnly && contract[method].mutates) return fail('REFUSED', READ_ONLY_MESSAGE);
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const e = fromZodError(parsed.error);
      return fail('INVALID_INPUT', e.message, e.fields);
    }
    try {
      const handler = handlers[method] as (c: ServiceContext, i: unknown) => Promise<unknown>;
      return ok(await handler(ctx, parsed.data));
    } catch (e) {
      if (!isUnexpected(e)) return { ok: false, error: toErrorShape(e) };
      return { ok: false, error: internalError(recordInternal(opts, method, e)) };
    }
  } as Dispatch;
}

/** The dispatcher never throws, not even when the error log cannot be written. */
function recordInternal(opts: DispatcherOptions, method: string, e: unknown): string | undefined {
  try {
    return opts.onInternalError?.(method, e) ?? undefined;
  } catch {
    return undefined;
  }
}
