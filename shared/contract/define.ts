import type { z } from 'zod';

/**
 * One method of the contract: the zod schema its input must pass, and (as a type only) its output.
 * The output lives in a phantom field so the contract stays a plain object of schemas at run time.
 */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /**
   * Whether the method may change the pilot's data: the database or its attachment store. A
   * `query` must not (it is served on a workbench opened read-only, where SQLite refuses any
   * write); writing temp, upload or download files beside it, or opening a viewer, does not count.
   * Mutating methods are refused by read-only transports and counted in audit logs.
   */
  mutates: boolean;
  /**
   * The method names files on this machine by path (or otherwise only makes sense for a trusted
   * local caller): the CLI and the main process may call it, a page never may. The desktop window's
   * transport refuses it (main/electron/allowList.ts); files reach the page's methods as uploads.
   */
  localOnly?: true;
  /**
   * A localOnly method the desktop window may still use, because the main process asks the user for
   * the path with its own dialog and puts it in `field` (whatever the page sent there is ignored).
   */
  pick?: PathPick;
  readonly __output?: O;
}

export interface PathPick {
  /** The input field the chosen path goes into. */
  field: string;
  kind: 'folder' | 'open-file' | 'save-file';
  /** The dialog's title, e.g. "Choose the team folder". */
  title: string;
}

export const query =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, mutates: false });

export const command =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, mutates: true });

/**
 * Marks a method as callable only by local, trusted callers (see MethodSpec.localOnly); with `pick`,
 * the desktop window may call it too, the path coming from a dialog in the main process.
 */
export const localOnly = <S extends MethodSpec<z.ZodType, unknown>>(spec: S, opts: { pick?: PathPick } = {}): S & { localOnly: true } => ({
  ...spec,
  localOnly: true,
  ...(opts.pick ? { pick: opts.pick } : {}),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = MethodSpec<z.ZodType, any>;
export type ContractShape = Record<string, AnySpec>;

export type InputOf<S> = S extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;
