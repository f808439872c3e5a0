import type { Verb } from '../io';
import { backupVerb } from './backup';
import { bundlesVerbs } from './bundles';
import { checkVerb, initVerb, serveVerb } from './core';
import { estimatesVerbs } from './estimates';
import { evidenceVerbs } from './evidence';
import { learningVerbs } from './learning';
import { spendVerbs } from './spend';
import { hypothesisAddVerb, hypothesisListVerb, hypothesisStatusVerb, orgAddVerb, orgListVerb } from './records';

/** Every `tpw` verb. Each capability adds its verbs in its own file and lists them here. */
export const VERBS: Verb[] = [
  initVerb,
  serveVerb,
  checkVerb,
  backupVerb,
  orgAddVerb,
  orgListVerb,
  hypothesisAddVerb,
  hypothesisListVerb,
  hypothesisStatusVerb,
  ...evidenceVerbs,
  ...spendVerbs,
  ...estimatesVerbs,
  ...learningVerbs,
  ...bundlesVerbs,
];
