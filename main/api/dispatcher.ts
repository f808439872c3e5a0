/**
 * The one dispatcher. Every transport (Electron IPC, the browser-mode HTTP host, the CLI) calls
 * `dispatch(method, unknownInput)`: the method is looked up in the contract, the input parsed by
 * its zod schema, the service called, and any failure mapped to a coded Result. No other place
 * registers handlers.
 */
import { contract, isMethodName, type Contract, type MethodName, type Output } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/result';
import type { ServiceContext } from '../services/context';
import { fromZodError, toErrorShape } from './errors';
import { bundlesHandlers } from './handlers/bundles';
import { estimatesHandlers } from './handlers/estimates';
import { evidenceHandlers } from './handlers/evidence';
import { hypothesisHandlers } from './handlers/hypotheses';
import { learningHandlers } from './handlers/learning';
import { spendHandlers } from './handlers/spend';
import { pilotHandlers } from './handlers/pilot';
import { systemHandlers } from './handlers/system';
import type { Handlers } from './handlers/types';

const handlers: Handlers<Contract> = {
  ...systemHandlers,
  ...pilotHandlers,
  ...hypothesisHandlers,
  ...evidenceHandlers,
  ...spendHandlers,
  ...estimatesHandlers,
  ...learningHandlers,
  ...bundlesHandlers,
};

export type Dispatch = <K extends MethodName>(method: K, input: unknown) => Promise<Result<Output<K>>>;

export interface DispatcherOptions {
  /** Called with unexpected (INTERNAL) errors so they reach a log, not the user. */
  onInternalError?: (method: string, error: unknown) => void;
}

export function createDispatcher(ctx: ServiceContext, opts: DispatcherOptions = {}) {
  return async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (typeof method !== 'string' || !isMethodName(method)) return fail('UNKNOWN_METHOD', `Unknown method "${String(method)}"`);
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const e = fromZodError(parsed.error);
      return fail('INVALID_INPUT', e.message, e.fields);
    }
    try {
      const handler = handlers[method] as (c: ServiceContext, i: unknown) => Promise<unknown>;
      return ok(await handler(ctx, parsed.data));
    } catch (e) {
      const shape = toErrorShape(e);
      if (shape.code === 'INTERNAL') opts.onInternalError?.(method, e);
      return { ok: false, error: shape };
    }
  } as Dispatch & ((method: string, input: unknown) => Promise<Result<unknown>>);
}
