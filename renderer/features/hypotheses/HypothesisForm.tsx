import { useState } from 'react';
import { CONFIDENCE_LEVELS, type Hypothesis, type HypothesisInput } from '../../../shared/domain/hypotheses';
import type { PilotOverview } from '../../../shared/domain/pilot';
import type { CallError } from '../../api/client';
import { ErrorSummary, fieldError } from '../../components/Feedback';
import { SelectField, TextArea, TextField } from '../../components/Field';

export interface HypothesisFormValues {
  statement: string;
  themeId: string;
  ownerId: string;
  rationale: string;
  supportCriteria: string;
  refuteCriteria: string;
  dueDate: string;
  confidence: string;
}

export const formValuesOf = (h: Hypothesis | null): HypothesisFormValues => ({
  statement: h?.statement ?? '',
  themeId: h?.themeId ?? '',
  ownerId: h?.ownerId ?? '',
  rationale: h?.rationale ?? '',
  supportCriteria: h?.supportCriteria ?? '',
  refuteCriteria: h?.refuteCriteria ?? '',
  dueDate: h?.dueDate ?? '',
  confidence: h?.confidence ?? '',
});

export const inputOf = (v: HypothesisFormValues): HypothesisInput => ({
  statement: v.statement,
  themeId: v.themeId || null,
  ownerId: v.ownerId || null,
  rationale: v.rationale,
  supportCriteria: v.supportCriteria,
  refuteCriteria: v.refuteCriteria,
  dueDate: v.dueDate,
  confidence: (v.confidence || null) as HypothesisInput['confidence'],
});

export function HypothesisForm({
  initial,
  overview,
  error,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: Hypothesis | null;
  overview: PilotOverview;
  error: CallError | null;
  pending: boolean;
  submitLabel: string;
  onSubmit(values: HypothesisFormValues): void;
  onCancel?(): void;
}) {
  const [v, setV] = useState<HypothesisFormValues>(() => formValuesOf(initial));
  const set = (k: keyof HypothesisFormValues) => (value: string) => setV((old) => ({ ...old, [k]: value }));
  return (
    <form
      className="card"
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(v);
      }}
    >
      <ErrorSummary error={error} />
      <TextArea label="Hypothesis" hint="A statement that evidence could support or refute, e.g. 'Joining up falls services would cut emergency admissions of over-65s'" value={v.statement} onChange={set('statement')} error={fieldError(error, 'statement')} rows={2} />
      <div className="field-row">
        <SelectField label="Theme" value={v.themeId} onChange={set('themeId')} emptyLabel="No theme" options={overview.themes.map((t) => ({ value: t.id, label: t.name }))} />
        <SelectField label="Owner" value={v.ownerId} onChange={set('ownerId')} emptyLabel="No owner" options={overview.teamMembers.map((m) => ({ value: m.id, label: m.name }))} />
        <TextField label="Due date" type="date" value={v.dueDate} onChange={set('dueDate')} error={fieldError(error, 'dueDate')} />
        <SelectField label="Confidence" value={v.confidence} onChange={set('confidence')} emptyLabel="Not assessed" options={CONFIDENCE_LEVELS.map((c) => ({ value: c, label: c[0]!.toUpperCase() + c.slice(1) }))} />
      </div>
      <TextArea label="Rationale" hint="Why the team thinks this might be true" value={v.rationale} onChange={set('rationale')} error={fieldError(error, 'rationale')} />
      <div className="field-row">
        <TextArea label="What evidence would support it" value={v.supportCriteria} onChange={set('supportCriteria')} error={fieldError(error, 'supportCriteria')} />
        <TextArea label="What evidence would refute it" value={v.refuteCriteria} onChange={set('refuteCriteria')} error={fieldError(error, 'refuteCriteria')} />
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={pending}>
          {submitLabel}
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
