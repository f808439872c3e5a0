import { bundlesVerbs } from '../exchange/verbs';
import { estimatesVerbs } from '../estimates/verbs';
import { evidenceVerbs } from '../evidence/verbs';
import { hypothesisVerbs } from '../hypotheses/verbs';
import { learningVerbs } from '../learning/verbs';
import { momentumVerbs } from '../momentum/verbs';
import { pilotVerbs } from '../pilot/verbs';
import { reportVerbs } from '../report/verbs';
import { searchVerbs } from '../search/verbs';
import { baselineVerbs } from '../baseline/verbs';
import { spendVerbs } from '../spend/verbs';
import { teamConflictsVerb, teamVerbs } from '../team/verbs';
import { backupVerb } from './backupVerb';
import { restoreVerb } from './restoreVerb';
import { checkVerb, initVerb, serveVerb } from './coreVerbs';
import { demoVerb } from '../demo/verbs';
import { privacyVerbs } from '../privacy/verbs';
import { partnerDsaSetVerb, partnerDsaShowVerb } from '../exchange/dsaVerbs';
import type { Verb } from './io';

/** Every `tpw` verb, in the order `tpw --help` lists them. Each capability brings its own `verbs.ts`. */
export const VERBS: Verb[] = [
  initVerb,
  serveVerb,
  checkVerb,
  backupVerb,
  ...pilotVerbs,
  ...hypothesisVerbs,
  ...evidenceVerbs,
  ...spendVerbs,
  ...estimatesVerbs,
  ...learningVerbs,
  ...momentumVerbs,
  ...reportVerbs,
  ...bundlesVerbs,
  // Added with the second round (CLI.md: new verbs go at the end).
  ...searchVerbs,
  ...teamVerbs,
  ...baselineVerbs,
  restoreVerb,
  teamConflictsVerb,
  demoVerb,
  ...privacyVerbs,
  // Issue 14a: data-sharing agreements on partner records.
  partnerDsaSetVerb,
  partnerDsaShowVerb,
];
