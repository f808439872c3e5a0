import { HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, VERDICTS, type HypothesisStatus } from '../../../shared/domain/hypotheses';

const label = (s: HypothesisStatus) => HYPOTHESIS_STATUS_LABELS[s];

/** The allowed next statuses in words: "Testing or Parked". */
function allowedList(from: HypothesisStatus): string {
  const names = HYPOTHESIS_TRANSITIONS[from].map(label);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1)}` : (names[0] ?? 'nowhere');
}

/**
 * Why a card cannot go from one column to another, in words a person can act on; null when the
 * move is allowed (or is no move at all). Shown when a drag is dropped on a column it may not
 * enter, so a refused drop never fails silently.
 */
export function whyMoveRefused(from: HypothesisStatus, to: HypothesisStatus): string | null {
  if (from === to || HYPOTHESIS_TRANSITIONS[from].includes(to)) return null;
  const toVerdict = VERDICTS.includes(to);
  let reason: string;
  if (from === 'proposed' && toVerdict) reason = `a verdict needs testing first: move it to Testing, then to ${label(to)}`;
  else if (VERDICTS.includes(from) && toVerdict) reason = `to change a verdict, reopen it for testing first`;
  else if (from === 'parked' && toVerdict) reason = `a parked hypothesis goes back to Testing before it gets a verdict`;
  else reason = `from ${label(from)} it can move only to ${allowedList(from)}`;
  return `Can’t move it from ${label(from)} to ${label(to)}: ${reason}.`;
}
