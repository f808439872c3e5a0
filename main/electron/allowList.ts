/**
 * What the desktop window's page may call through `invoke`: every method of the contract except
 * those marked localOnly (they take filesystem paths: the CLI and the main process may use them, a
 * page never). Derived from the contract rather than written out, so it has no second list of
 * method names to fall out of step; tests/unit/renderer-allow-list.test.ts fails if a method whose
 * input names a path is not marked. The page reaches files only as uploads it streams (the file
 * chooser is the OS dialog, run by the main process) and saves files through a save dialog in main.
 */
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import type { AnySpec, PathPick } from '../../shared/contract/define';
import { fail, type Result } from '../../shared/result';

export const RENDERER_METHODS: ReadonlySet<MethodName> = new Set((Object.keys(contract) as MethodName[]).filter((m) => !(contract[m] as AnySpec).localOnly));

export const isRendererMethod = (method: unknown): method is MethodName => typeof method === 'string' && RENDERER_METHODS.has(method as MethodName);

export type RawDispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

/** The dispatcher as the window's page sees it: methods outside the allow-list are refused before any parsing. */
export function rendererTransport(dispatch: RawDispatch): (method: unknown, input: unknown) => Promise<Result<unknown>> {
  return async (method, input) => {
    if (isRendererMethod(method)) return dispatch(method, input);
    if (typeof method === 'string' && isMethodName(method)) {
      return fail('REFUSED', `The app window may not call "${method}": it works on files by their path, which only the app itself may name. Choose files with the file chooser instead.`);
    }
    return fail('UNKNOWN_METHOD', `Unknown method "${String(method)}"`);
  };
}

/**
 * For `shell('invoke-with-dialog', { method, input })`: the dialog to show for a method whose path
 * comes from the user (MethodSpec.pick), and the input to dispatch once a path is chosen. Anything
 * else is refused: the page cannot name a path this way either.
 */
export function dialogInvocation(request: unknown): { method: MethodName; pick: PathPick; withPath(chosen: string): unknown } | { refused: string } {
  const { method, input } = (typeof request === 'object' && request !== null ? request : {}) as { method?: unknown; input?: unknown };
  const spec = typeof method === 'string' && isMethodName(method) ? (contract[method] as AnySpec) : null;
  if (!spec?.pick) return { refused: `"${String(method)}" cannot be called with a file or folder dialog.` };
  const pick = spec.pick;
  const base = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  return { method: method as MethodName, pick, withPath: (chosen) => ({ ...base, [pick.field]: chosen }) };
}

/**
 * `shell('invoke-with-dialog', …)` as a transport: `choose` shows the main process's dialog for the
 * method's pick and resolves to the chosen path (null when cancelled), which then goes into the input.
 */
export function dialogTransport(dispatch: RawDispatch, choose: (pick: PathPick) => Promise<string | null>): (request: unknown) => Promise<Result<unknown>> {
  return async (request) => {
    const call = dialogInvocation(request);
    if ('refused' in call) return fail('REFUSED', call.refused);
    const chosen = await choose(call.pick);
    if (!chosen) return fail('INVALID_INPUT', 'Nothing was chosen.');
    return dispatch(call.method, call.withPath(chosen));
  };
}

