import { useState } from 'react';
import {
  ACTION_KINDS,
  ACTION_KIND_LABELS,
  ACTION_STATUSES,
  ACTION_STATUS_LABELS,
  type Action,
  type ActionInput,
  type Sensitivity,
} from '../../../shared/domain/learning';
import type { CallError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../components/Feedback';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { CheckboxGroup, SensitivitySelect } from './Choices';

interface Values {
  kind: string;
  title: string;
  description: string;
  organisationId: string;
  owner: string;
  dueDate: string;
  status: string;
  beyondPilot: boolean;
  hypothesisIds: string[];
  sensitivity: Sensitivity;
}

const valuesOf = (a: Action | null): Values => ({
  kind: a?.kind ?? 'action',
  title: a?.title ?? '',
  description: a?.description ?? '',
  organisationId: a?.organisationId ?? '',
  owner: a?.owner ?? '',
  dueDate: a?.dueDate ?? '',
  status: a?.status ?? 'open',
  beyondPilot: a?.beyondPilot ?? false,
  hypothesisIds: a?.hypothesisIds ?? [],
  sensitivity: a?.sensitivity ?? 'partners',
});

const inputOf = (v: Values, interventionIds: string[]): ActionInput => ({
  ...v,
  kind: v.kind as ActionInput['kind'],
  status: v.status as ActionInput['status'],
  organisationId: v.organisationId || null,
  dueDate: v.dueDate || null,
  interventionIds,
});

export function ActionForm({
  initial,
  error,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: Action | null;
  error: CallError | null;
  pending: boolean;
  submitLabel: string;
  onSubmit(input: ActionInput): void;
  onCancel?(): void;
}) {
  const overview = useApi('pilot.overview', {});
  const hypotheses = useApi('hypothesis.list', {});
  const [v, setV] = useState<Values>(() => valuesOf(initial));
  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV((old) => ({ ...old, [k]: value }));
  return (
    <form
      className="card"
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(inputOf(v, initial?.interventionIds ?? []));
      }}
    >
      <ErrorSummary error={error} />
      <div className="field-row">
        <SelectField label="Recommendation or action" value={v.kind} onChange={set('kind')} options={ACTION_KINDS.map((k) => ({ value: k, label: ACTION_KIND_LABELS[k] }))} />
        <SelectField label="Status" value={v.status} onChange={set('status')} error={fieldError(error, 'status')} options={ACTION_STATUSES.map((s) => ({ value: s, label: ACTION_STATUS_LABELS[s] }))} />
      </div>
      <TextField label="Title" value={v.title} onChange={set('title')} error={fieldError(error, 'title')} />
      <TextArea label="Description" value={v.description} onChange={set('description')} error={fieldError(error, 'description')} />
      <div className="field-row">
        <SelectField label="Owning organisation" value={v.organisationId} onChange={set('organisationId')} error={fieldError(error, 'organisationId')} emptyLabel="Not yet agreed" options={(overview.data?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))} />
        <TextField label="Owner" hint="The person accountable" value={v.owner} onChange={set('owner')} error={fieldError(error, 'owner')} />
        <TextField label="Due date" type="date" value={v.dueDate} onChange={set('dueDate')} error={fieldError(error, 'dueDate')} />
      </div>
      <div className="field checkbox-single">
        <label>
          <input type="checkbox" checked={v.beyondPilot} onChange={(e) => set('beyondPilot')(e.target.checked)} /> Carries on beyond the pilot
        </label>
      </div>
      <SensitivitySelect value={v.sensitivity} onChange={set('sensitivity')} error={fieldError(error, 'sensitivity')} />
      <CheckboxGroup
        legend="Linked hypotheses"
        scroll
        options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement }))}
        value={v.hypothesisIds}
        onChange={set('hypothesisIds')}
        error={fieldError(error, 'hypothesisIds')}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>{submitLabel}</button>
        {onCancel && <button type="button" className="button button--secondary" onClick={onCancel}>Cancel</button>}
      </div>
    </form>
  );
}
