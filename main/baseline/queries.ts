/** What other capabilities may read of the baseline: the counted-versus-baseline view (the report's spend section, say). */
export { baselineView } from './view';
