import { HYPOTHESIS_STATUS_LABELS, type HypothesisStatus } from '../../../shared/domain/hypotheses';

export function StatusBadge({ status }: { status: HypothesisStatus }) {
  return <span className={`badge badge--${status}`}>{HYPOTHESIS_STATUS_LABELS[status]}</span>;
}
