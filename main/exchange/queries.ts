/**
 * What other capabilities may use of the exchange: typed functions, imported directly (never by
 * method name). Team sync (main/team) keeps its conflicts between members in the same conflict
 * records as partner bundles, so they are listed and resolved by the same code.
 */
export { listConflicts, resolveConflict } from './conflicts';
