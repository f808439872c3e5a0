import type { Migration } from '../migrate';

/** FROZEN once shipped. The estimates tables. */
export const m0004_estimates: Migration = {
  version: 4,
  name: '0004_estimates',
  up() {
    // Reserved for the estimates capability's tables.
  },
};
