import { EVIDENCE_KIND_LABELS, SENSITIVITY_LABELS, type EvidenceKind, type Sensitivity } from '../../../shared/domain/evidence';

/** The citizen's perspective is kept prominent wherever evidence is listed. */
export function CitizenBadge({ show }: { show: boolean }) {
  return show ? <span className="badge badge--citizen">Citizen’s perspective</span> : null;
}

export function SensitivityBadge({ value }: { value: Sensitivity }) {
  return <span className={`badge badge--sensitivity-${value}`}>{SENSITIVITY_LABELS[value]}</span>;
}

export function KindLabel({ kind }: { kind: EvidenceKind }) {
  return <span className="evidence-kind">{EVIDENCE_KIND_LABELS[kind]}</span>;
}
