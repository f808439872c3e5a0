import type { Verb } from '../io';

/** `tpw` verbs of the estimates capability. */
export const estimatesVerbs: Verb[] = [];
