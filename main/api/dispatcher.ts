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
import { baselineHandlers } from '../baseline/handlers';
import { dashboardHandlers } from '../dashboard/handlers';
import { demoHandlers } from '../demo/handlers';
import { estimatesHandlers } from '../estimates/handlers';
import { evidenceHandlers } from '../evidence/handlers';
import { bundlesHandlers } from '../exchange/handlers';
import { hypothesisHandlers } from '../hypotheses/handlers';
import { learningHandlers } from '../learning/handlers';
import { momentumHandlers } from '../momentum/handlers';
import { pilotHandlers } from '../pilot/handlers';
import { privacyHandlers } from '../privacy/handlers';
import { recordsHandlers } from '../records/handlers';
import { reportHandlers } from '../report/handlers';
import { searchHandlers } from '../search/handlers';
import { spendHandlers } from '../spend/handlers';
import { systemHandlers } from '../system/handlers';
import { teamHandlers } from '../team/handlers';
import { internalError, isUnexpected, toErrorShape } from './errors';
import { withoutServerPaths } from './browserResults';

const handlers: Handlers<Contract> = {
  ...systemHandlers,
  ...pilotHandlers,
  ...recordsHandlers,
  ...hypothesisHandlers,
  ...evidenceHandlers,
  ...spendHandlers,
  ...baselineHandlers,
  ...estimatesHandlers,
  ...learningHandlers,
  ...momentumHandlers,
  ...dashboardHandlers,
  ...reportHandlers,
  ...searchHandlers,
  ...bundlesHandlers,
  ...teamHandlers,
  ...privacyHandlers,
  // The demo builds through a dispatcher of its own: inside its write turn, so not queued again.
  ...demoHandlers((c) => createDispatcher({ ...c, writes: undefined })),
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
  /** Where queries run: a context over the read-only connection (ctx itself when absent). */
  readCtx?: ServiceContext;
}

/** What a queued write is called in the window's "busy" notice, for the writes that can take a while. */
const WRITE_LABELS: [RegExp, string][] = [
  [/^spend\.import$/, 'Importing a spend file'],
  [/^(spendRule\.|spend\.reclassify$)/, 'Applying the classification rules'],
  [/^bundle\.import$/, 'Importing an evidence bundle'],
  [/^baseline\.import$/, 'Importing the baseline'],
];
export const writeLabel = (method: string): string => WRITE_LABELS.find(([re]) => re.test(method))?.[1] ?? 'Saving a change';

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
      // Writes one at a time, queued behind a long one (never failing for a busy database); reads
      // on their own connection, never waiting for a write.
      // Browser mode: no server filesystem path leaves in a result (browserResults.ts).
      const send = ctx.mode === 'browser' ? (v: unknown) => ok(withoutServerPaths(v)) : ok;
      if (!contract[method].mutates) return send(await handler(opts.readCtx ?? ctx, parsed.data));
      const write = () => handler(ctx, parsed.data);
      return send(await (ctx.writes ? ctx.writes.run(writeLabel(method), write) : write()));
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
