import type { Verb } from '../io';

/** `tpw` verbs of the evidence capability. */
export const evidenceVerbs: Verb[] = [];
