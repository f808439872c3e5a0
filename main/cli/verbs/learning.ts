import type { Verb } from '../io';

/** `tpw` verbs of the learning capability. */
export const learningVerbs: Verb[] = [];
