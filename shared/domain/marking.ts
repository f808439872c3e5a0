/**
 * Government Security Classifications as the workbench uses them: every evidence item, quote and
 * attachment carries a marking beside its sensitivity; whatever gathers several of them (a bundle,
 * the report, an extract) carries the highest marking of what it holds, never a lower one.
 */
import { z } from 'zod';

/** In rising order: a later marking is higher. */
export const SECURITY_MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const;
export type SecurityMarking = (typeof SECURITY_MARKINGS)[number];

/** What a marking asks of the people handling it, in a line (shown beside the choice). */
export const MARKING_HINTS: Record<SecurityMarking, string> = {
  OFFICIAL: 'Routine public-sector business: handle with care, share with those who need it.',
  'OFFICIAL-SENSITIVE': 'Would cause harm if lost or seen by the wrong people: share only under an agreement that permits it.',
};

export const Marking = z.enum(SECURITY_MARKINGS, { error: `The marking must be ${SECURITY_MARKINGS.join(' or ')}` });

/** The marking a thing has when nobody chose one (the pilot's default starts here). */
export const BASE_MARKING: SecurityMarking = 'OFFICIAL';

export const markingRank = (m: SecurityMarking): number => SECURITY_MARKINGS.indexOf(m);

/** The highest of the markings given (a floor may be given; none at all → OFFICIAL). */
export function highestMarking(markings: Iterable<string | null | undefined>, floor: SecurityMarking = BASE_MARKING): SecurityMarking {
  let top = floor;
  for (const m of markings) if (isMarking(m) && markingRank(m) > markingRank(top)) top = m;
  return top;
}

export const isMarking = (m: unknown): m is SecurityMarking => typeof m === 'string' && (SECURITY_MARKINGS as readonly string[]).includes(m);
