import { HYPOTHESIS_STATUS_LABELS, HYPOTHESIS_TRANSITIONS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useApiMutation } from '../../api/hooks';
import { useToasts } from '../../components/Toasts';

/** A keyboard-friendly "Move to" control: one button per allowed next status. */
export function MoveStatus({ hypothesis, compact }: { hypothesis: Hypothesis; compact?: boolean }) {
  const move = useApiMutation('hypothesis.setStatus');
  const toasts = useToasts();
  const go = (status: HypothesisStatus) =>
    move.mutate(
      { id: hypothesis.id, rev: hypothesis.rev, status, note: null },
      { onSuccess: () => toasts.show(`Moved to ${HYPOTHESIS_STATUS_LABELS[status]}`), onError: (e) => toasts.show(e.message) },
    );
  return (
    <div className={compact ? 'move-status move-status--compact' : 'move-status'} role="group" aria-label={`Move "${hypothesis.statement.slice(0, 60)}" to`}>
      {HYPOTHESIS_TRANSITIONS[hypothesis.status].map((s) => (
        <button key={s} type="button" className="button button--small button--secondary" disabled={move.isPending} onClick={() => go(s)}>
          {compact ? HYPOTHESIS_STATUS_LABELS[s] : `Move to ${HYPOTHESIS_STATUS_LABELS[s]}`}
        </button>
      ))}
    </div>
  );
}
