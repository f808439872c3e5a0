import type { Migration } from '../migrate';

/** FROZEN once shipped. The learning tables. */
export const m0005_learning: Migration = {
  version: 5,
  name: '0005_learning',
  up() {
    // Reserved for the learning capability's tables.
  },
};
