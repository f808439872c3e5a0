import type { Verb } from '../io';

/** `tpw` verbs of the spend capability. */
export const spendVerbs: Verb[] = [];
