import type { Verb } from '../io';

/** `tpw` verbs of the bundles capability. */
export const bundlesVerbs: Verb[] = [];
