import type { Migration } from '../migrate';

/** FROZEN once shipped. The spend tables. */
export const m0003_spend: Migration = {
  version: 3,
  name: '0003_spend',
  up() {
    // Reserved for the spend capability's tables.
  },
};
