import type { ContractShape, OutputOf, ParsedInputOf } from '../../shared/contract/define';
import type { ServiceContext } from './context';

/** For each method of a contract slice: a function from parsed input to its output. */
export type Handlers<C extends ContractShape> = {
  [K in keyof C]: (ctx: ServiceContext, input: ParsedInputOf<C[K]>) => Promise<OutputOf<C[K]>>;
};
