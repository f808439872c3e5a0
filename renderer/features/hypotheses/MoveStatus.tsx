import { useState } from 'react';
import { HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../../kit/feedback/Toasts';

/**
 * Keyboard-friendly status moves: one button per allowed next status. On the board the
 * buttons sit behind a "Move…" disclosure so cards stay compact.
 */
export function MoveStatus({ hypothesis, compact }: { hypothesis: Hypothesis; compact?: boolean }) {
  const move = useApiMutation('hypothesis.setStatus');
  const toasts = useToasts();
  const [open, setOpen] = useState(false);
  const label = `"${hypothesis.statement.length > 60 ? `${hypothesis.statement.slice(0, 57)}…` : hypothesis.statement}"`;
  const go = (status: HypothesisStatus) =>
    move.mutate(
      { id: hypothesis.id, rev: hypothesis.rev, status, note: null },
      { onSuccess: () => toasts.show(`Moved ${label} to ${HYPOTHESIS_STATUS_LABELS[status]}`), onError: (e) => toasts.show(e.message) },
    );
  const buttons = (
    <div className={compact ? 'move-status move-status--compact' : 'move-status'} role="group" aria-label={`Move ${label} to`}>
      {HYPOTHESIS_TRANSITIONS[hypothesis.status].map((s) => (
        <button key={s} type="button" className="button button--small button--secondary" disabled={move.isPending} onClick={() => go(s)}>
          {compact ? HYPOTHESIS_STATUS_LABELS[s] : `Move to ${HYPOTHESIS_STATUS_LABELS[s]}`}
        </button>
      ))}
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
