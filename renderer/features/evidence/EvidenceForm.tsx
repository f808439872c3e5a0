import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { isCitizenKind, type EvidenceItem, type EvidenceKind, type Sensitivity } from '../../../shared/domain/evidence';
import type { PilotOverview } from '../../../shared/domain/pilot';
import type { CallError } from '../../api/client';
import { ErrorSummary, fieldError } from '../../components/Feedback';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { KIND_OPTIONS, SENSITIVITY_OPTIONS } from './labels';

export interface EvidenceFormValues {
  title: string;
  kind: EvidenceKind;
  summary: string;
  source: string;
  organisationId: string;
  themeId: string;
  observedOn: string;
  reportedOn: string;
  collectedBy: string;
  sensitivity: Sensitivity;
  tags: string;
  citizenPerspective: boolean;
}

export const emptyValues: EvidenceFormValues = {
  title: '',
  kind: 'document',
  summary: '',
  source: '',
  organisationId: '',
  themeId: '',
  observedOn: '',
  reportedOn: '',
  collectedBy: '',
  sensitivity: 'team',
  tags: '',
  citizenPerspective: false,
};

export const valuesOf = (e: EvidenceItem): EvidenceFormValues => ({
  title: e.title,
  kind: e.kind,
  summary: e.summary ?? '',
  source: e.source ?? '',
  organisationId: e.organisationId ?? '',
  themeId: e.themeId ?? '',
  observedOn: e.observedOn ?? '',
  reportedOn: e.reportedOn ?? '',
  collectedBy: e.collectedBy ?? '',
  sensitivity: e.sensitivity,
  tags: e.tags.join(', '),
  citizenPerspective: e.citizenPerspective,
});

/** Form values → the contract's fields (blank → null; tags split on commas). */
export const inputOf = (v: EvidenceFormValues) => ({
  title: v.title,
  kind: v.kind,
  summary: v.summary || null,
  source: v.source || null,
  organisationId: v.organisationId || null,
  themeId: v.themeId || null,
  observedOn: v.observedOn || null,
  reportedOn: v.reportedOn || null,
  collectedBy: v.collectedBy || null,
  sensitivity: v.sensitivity,
  tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
  citizenPerspective: v.citizenPerspective,
});

interface Props {
  initial: EvidenceFormValues;
  overview: PilotOverview | undefined;
  organisations: { id: string; name: string }[];
  error: CallError | null;
  pending: boolean;
  submitLabel: string;
  onSubmit(values: EvidenceFormValues): void;
  onCancel?: () => void;
  /** Extra fields (the file chooser on the new-item page). */
  children?: ReactNode;
}

export function EvidenceForm({ initial, overview, organisations, error, pending, submitLabel, onSubmit, onCancel, children }: Props) {
  const [v, setV] = useState(initial);
  // Until the user ticks or unticks it, the citizen mark follows the kind.
  const [citizenTouched, setCitizenTouched] = useState(initial !== emptyValues);
  const set = <K extends keyof EvidenceFormValues>(k: K) => (value: EvidenceFormValues[K]) => setV((old) => ({ ...old, [k]: value }));
  const checkboxId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(v);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label="Evidence details">
      <ErrorSummary error={error} />
      <TextField label="Title" value={v.title} onChange={set('title')} error={fieldError(error, 'title')} required />
      <div className="field-row">
        <SelectField
          label="Kind"
          value={v.kind}
          onChange={(k) => {
            setV((old) => ({ ...old, kind: k as EvidenceKind, citizenPerspective: citizenTouched ? old.citizenPerspective : isCitizenKind(k as EvidenceKind) }));
          }}
          options={KIND_OPTIONS}
          error={fieldError(error, 'kind')}
        />
        <SelectField
          label="Sensitivity"
          value={v.sensitivity}
          onChange={(s) => set('sensitivity')(s as Sensitivity)}
          options={SENSITIVITY_OPTIONS}
          hint="Decides what may ever leave in an evidence bundle."
          error={fieldError(error, 'sensitivity')}
        />
      </div>
      <div className="field field--checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={v.citizenPerspective}
          onChange={(e) => {
            setCitizenTouched(true);
            set('citizenPerspective')(e.target.checked);
          }}
        />
        <label htmlFor={checkboxId}>Gives the citizen’s perspective</label>
      </div>
      <TextArea label="Summary" value={v.summary} onChange={set('summary')} rows={5} error={fieldError(error, 'summary')} />
      <div className="field-row">
        <TextField label="Source" value={v.source} onChange={set('source')} hint="Where it came from: a report, a system, a visit." error={fieldError(error, 'source')} />
        <SelectField label="Organisation" value={v.organisationId} onChange={set('organisationId')} emptyLabel="None" options={organisations.map((o) => ({ value: o.id, label: o.name }))} error={fieldError(error, 'organisationId')} />
        <SelectField label="Theme" value={v.themeId} onChange={set('themeId')} emptyLabel="None" options={(overview?.themes ?? []).map((t) => ({ value: t.id, label: t.name }))} error={fieldError(error, 'themeId')} />
      </div>
      <div className="field-row">
        <TextField label="Date observed" type="date" value={v.observedOn} onChange={set('observedOn')} error={fieldError(error, 'observedOn')} />
        <TextField label="Date reported" type="date" value={v.reportedOn} onChange={set('reportedOn')} error={fieldError(error, 'reportedOn')} />
        <TextField label="Collected by" value={v.collectedBy} onChange={set('collectedBy')} error={fieldError(error, 'collectedBy')} />
      </div>
      <TextField label="Tags" value={v.tags} onChange={set('tags')} hint="Separate tags with commas, e.g. falls, older people" error={fieldError(error, 'tags')} />
      {children}
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
