import { useState } from 'react';
import { HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis } from '../../../shared/domain/hypotheses';
import { useStatusChange } from './StatusChange';

/**
 * Keyboard-friendly status moves: one button per allowed next status, each asking for the reason.
 * On the board the buttons sit behind a "Move…" disclosure so cards stay compact.
 */
export function MoveStatus({ hypothesis, compact }: { hypothesis: Hypothesis; compact?: boolean }) {
  const change = useStatusChange();
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
      <button type="button" className="button button--small button--secondary" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Move<span className="visually-hidden"> {label}</span>…
      </button>
      {open && buttons}
    </div>
  );
}
