import type { SecurityMarking } from '../../../shared/domain/marking';
import { EVIDENCE_KIND_LABELS, SENSITIVITY_LABELS, type EvidenceKind, type Sensitivity } from '../../../shared/domain/evidence';

/** The citizen's perspective is kept prominent wherever evidence is listed. */
export function CitizenBadge({ show }: { show: boolean }) {
  return show ? <span className="badge badge--citizen">Citizen’s perspective</span> : null;
}

/** The sensitivity, and beside it the security marking wherever the item (or quote, or file) has one. */
export function SensitivityBadge({ value, marking }: { value: Sensitivity; marking?: SecurityMarking }) {
  return (
    <>
      <span className={`badge badge--sensitivity-${value}`}>{SENSITIVITY_LABELS[value]}</span>
      {marking && <> <MarkingBadge value={marking} /></>}
    </>
  );
}

export function MarkingBadge({ value }: { value: SecurityMarking }) {
  return (
    <span className={`badge badge--marking ${value === 'OFFICIAL-SENSITIVE' ? 'badge--marking-sensitive' : ''}`} title="Security marking">
      {value}
    </span>
  );
}

export function KindLabel({ kind }: { kind: EvidenceKind }) {
  return <span className="evidence-kind">{EVIDENCE_KIND_LABELS[kind]}</span>;
}
