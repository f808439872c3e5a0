import type { Migration } from '../migrate';

/** FROZEN once shipped. The evidence tables. */
export const m0002_evidence: Migration = {
  version: 2,
  name: '0002_evidence',
  up() {
    // Reserved for the evidence capability's tables.
  },
};
