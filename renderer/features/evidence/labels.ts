import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, SENSITIVITIES, SENSITIVITY_LABELS, ACH_RATINGS, ACH_RATING_LABELS, LINK_WEIGHTS, LINK_WEIGHT_LABELS } from '../../../shared/domain/evidence';
import type { Option } from '../../components/Field';

export const KIND_OPTIONS: Option[] = EVIDENCE_KINDS.map((k) => ({ value: k, label: EVIDENCE_KIND_LABELS[k] }));
export const SENSITIVITY_OPTIONS: Option[] = SENSITIVITIES.map((s) => ({ value: s, label: SENSITIVITY_LABELS[s] }));
export const RATING_OPTIONS: Option[] = ACH_RATINGS.map((r) => ({ value: r, label: ACH_RATING_LABELS[r] }));
export const WEIGHT_OPTIONS: Option[] = LINK_WEIGHTS.map((w) => ({ value: w, label: LINK_WEIGHT_LABELS[w] }));

export const formatBytes = (n: number): string =>
  n < 1024 ? `${n} bytes` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : n < 1024 ** 3 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`;
