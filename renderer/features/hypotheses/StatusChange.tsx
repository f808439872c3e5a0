import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { HYPOTHESIS_STATUS_LABELS, NEEDS_EVIDENCE, VERDICTS, type Hypothesis, type HypothesisStatus } from '../../../shared/domain/hypotheses';
import { useApi, useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { useToasts } from '../../kit/feedback/Toasts';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { TextArea } from '../../kit/form/fields';

/**
 * Moving a hypothesis asks why (the reason goes into its status history, as `tpw hypothesis
 * status --note` does): required for a verdict. Moving to supported or refuted with no evidence
 * linked asks for confirmation first.
 */
export function useStatusChange(onMoved?: (id: string, status: HypothesisStatus) => void) {
  const [target, setTarget] = useState<{ hypothesis: Hypothesis; status: HypothesisStatus } | null>(null);
  return {
    request: (hypothesis: Hypothesis, status: HypothesisStatus) => setTarget({ hypothesis, status }),
    dialog: target ? <StatusChangeDialog key={`${target.hypothesis.id}:${target.status}`} {...target} onMoved={onMoved} onClose={() => setTarget(null)} /> : null,
  };
}

function StatusChangeDialog({ hypothesis, status, onClose, onMoved }: { hypothesis: Hypothesis; status: HypothesisStatus; onClose(): void; onMoved?(id: string, status: HypothesisStatus): void }) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const move = useApiMutation('hypothesis.setStatus');
  const coverage = useApi('evidence.coverage', {});
  const toasts = useToasts();
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const label = HYPOTHESIS_STATUS_LABELS[status];
  const verdict = VERDICTS.includes(status);
  const evidence = coverage.data?.find((c) => c.hypothesisId === hypothesis.id)?.evidenceCount ?? 0;
  // Only once the counts are fresh: a link made a moment ago must not be missed.
  const needsConfirm = NEEDS_EVIDENCE.includes(status) && coverage.data !== undefined && !coverage.isFetching && evidence === 0;
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Not mutate's own onSuccess: on the board the refreshed list redraws the card in its new
    // column before that would run, unmounting this dialog, and React Query then skips it (no
    // toast, and focus lost to <body>). The promise settles whatever is mounted.
    move.mutateAsync({ id: hypothesis.id, rev: hypothesis.rev, status, note: note || null, withoutEvidence: needsConfirm && confirmed }).then(
      () => {
        toasts.show(`Moved “${hypothesis.statement.length > 60 ? `${hypothesis.statement.slice(0, 57)}…` : hypothesis.statement}” to ${label}`);
        onClose();
        onMoved?.(hypothesis.id, status);
      },
      // Refused: move.error shows why in the dialog.
      () => undefined,
    );
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>Move to {label}</h2>
        <p className="muted">{hypothesis.statement}</p>
        <ErrorSummary error={move.error} />
        <TextArea
          label={verdict ? `Why is it ${label.toLowerCase()}?` : 'Reason (optional)'}
          hint={verdict ? 'The reason is kept in the status history and shown in the report.' : 'Kept in the status history.'}
          value={note}
          onChange={setNote}
          error={fieldError(move.error, 'note')}
        />
        {needsConfirm && (
          <div className="warning" role="note">
            <p><strong>No evidence is linked to this hypothesis.</strong> A verdict of {label.toLowerCase()} normally rests on evidence: link it from the evidence’s page or below first.</p>
            <CheckboxField label={`Record it as ${label.toLowerCase()} without evidence`} checked={confirmed} onChange={setConfirmed} />
          </div>
        )}
        <div className="button-row">
          <button type="submit" className="button" disabled={move.isPending || (verdict && !note.trim()) || (needsConfirm && !confirmed)}>
            Move to {label}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </dialog>
  );
}
