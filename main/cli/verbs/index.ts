import type { Verb } from '../io';
import { checkVerb, initVerb, serveVerb } from './core';
import { hypothesisAddVerb, hypothesisListVerb, hypothesisStatusVerb, orgAddVerb, orgListVerb } from './records';

/** Every `tpw` verb. Each capability adds its verbs in its own file and lists them here. */
export const VERBS: Verb[] = [
  initVerb,
  serveVerb,
  checkVerb,
  orgAddVerb,
  orgListVerb,
  hypothesisAddVerb,
  hypothesisListVerb,
  hypothesisStatusVerb,
];
