import type { MethodName, Output } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { ServiceContext } from './context';
import type { ErrorLog } from './errorLog';

/** Calls a method of the contract with unparsed input; the dispatcher parses it and never throws. */
export type Dispatch = (<K extends MethodName>(method: K, input: unknown) => Promise<Result<Output<K>>>) &
  ((method: string, input: unknown) => Promise<Result<unknown>>);

/**
 * An open database with the services and the dispatcher wired over it. Declared here (not where it
 * is built, in api/) so CLI verbs can take one without importing the dispatcher and its handlers.
 */
export interface Workbench {
  ctx: ServiceContext;
  dispatch: Dispatch;
  /** Where unexpected errors go (beside the database); entry points that catch outside the dispatcher use it too. */
  errorLog: ErrorLog;
  /** Opened read-only: the dispatcher refuses every method that mutates. */
  readOnly: boolean;
  close(): Promise<void>;
}
