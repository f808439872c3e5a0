/** What other capabilities may use of the report: where generated report versions' files are kept (privacy checks them after an erasure). */
export { reportStore } from './versions';
