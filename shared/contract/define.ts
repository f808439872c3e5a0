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
  readonly __output?: O;
}

export const query =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, mutates: false });

export const command =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input, mutates: true });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnySpec = MethodSpec<z.ZodType, any>;
export type ContractShape = Record<string, AnySpec>;

export type InputOf<S> = S extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends MethodSpec<z.ZodType, infer O> ? O : never;
