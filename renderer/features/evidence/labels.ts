import { EVIDENCE_KIND_LABELS, EVIDENCE_KINDS, SENSITIVITIES, SENSITIVITY_LABELS, ACH_RATINGS, ACH_RATING_LABELS, LINK_WEIGHTS, LINK_WEIGHT_LABELS } from '../../../shared/domain/evidence';
import { SECURITY_MARKINGS } from '../../../shared/domain/marking';
import type { Option } from '../../kit/form/fields';
import { labelledOptions } from '../../kit/form/options';

export const KIND_OPTIONS: Option[] = labelledOptions(EVIDENCE_KINDS, EVIDENCE_KIND_LABELS);
export const SENSITIVITY_OPTIONS: Option[] = labelledOptions(SENSITIVITIES, SENSITIVITY_LABELS);
export const MARKING_OPTIONS: Option[] = SECURITY_MARKINGS.map((m) => ({ value: m, label: m }));
export const RATING_OPTIONS: Option[] = labelledOptions(ACH_RATINGS, ACH_RATING_LABELS);
export const WEIGHT_OPTIONS: Option[] = labelledOptions(LINK_WEIGHTS, LINK_WEIGHT_LABELS);
