import type { demoContract } from '../../shared/contract/demo';
import type { ServiceContext } from '../core/context';
import type { Handlers } from '../core/handlers';
import type { Dispatch } from '../core/workbench';
import { createDemo } from './build';

/**
 * The demo is built through the dispatcher (every rule applies), so its handler is handed one
 * that runs inside its own write turn (no second queue turn, which would wait on itself).
 */
export const demoHandlers = (inner: (ctx: ServiceContext) => Dispatch): Handlers<typeof demoContract> => ({
  // Handed the maker, not a dispatcher: the build runs over a context of its own (one transaction).
  'pilot.createDemo': (ctx) => createDemo(ctx, inner),
});
