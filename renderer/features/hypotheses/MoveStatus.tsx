import { useState } from 'react';
import { HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useStatusChange } from './StatusChange';

/** The id of a board card's "Move…" button: where focus goes back to once the card has moved. */
export const moveButtonId = (hypothesisId: string) => `move-${hypothesisId}`;

/**
 * Keyboard-friendly status moves: one button per allowed next status, each asking for the reason.
 * On the board the buttons sit behind a "Move…" disclosure so cards stay compact; `onMoved` lets
 * the board put focus back on the card in its new column.
 */
export function MoveStatus({ hypothesis, compact, onMoved }: { hypothesis: Hypothesis; compact?: boolean; onMoved?(id: string, status: HypothesisStatus): void }) {
  const change = useStatusChange(onMoved);
  const [open, setOpen] = useState(false);
  const label = `"${hypothesis.statement.length > 60 ? `${hypothesis.statement.slice(0, 57)}…` : hypothesis.statement}"`;
  const buttons = (
    <div className={compact ? 'move-status move-status--compact' : 'move-status'} role="group" aria-label={`Move ${label} to`}>
      {HYPOTHESIS_TRANSITIONS[hypothesis.status].map((s) => (
        <button key={s} type="button" className="button button--small button--secondary" onClick={() => change.request(hypothesis, s)}>
          {compact ? HYPOTHESIS_STATUS_LABELS[s] : `Move to ${HYPOTHESIS_STATUS_LABELS[s]}`}
        </button>
      ))}
      {change.dialog}
    </div>
  );
  if (!compact) return buttons;
  return (
    <div className="move-menu">
      <button type="button" id={moveButtonId(hypothesis.id)} className="button button--small button--secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Move<span className="visually-hidden"> {label}</span>…
      </button>
      {open && buttons}
    </div>
  );
}
