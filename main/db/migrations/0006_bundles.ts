import type { Migration } from '../migrate';

/** FROZEN once shipped. The bundles tables. */
export const m0006_bundles: Migration = {
  version: 6,
  name: '0006_bundles',
  up() {
    // Reserved for the bundles capability's tables.
  },
};
