import { useState } from 'react';
import { localToday } from '../../../shared/calc/timetable';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, type LearningEntry, type LearningInput, type Sensitivity } from '../../../shared/domain/learning';
import type { CallError } from '../../api/client';
import { useApi } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../components/Feedback';
import { SelectField, TextArea, TextField } from '../../components/Field';
import { CheckboxGroup, SensitivitySelect } from './Choices';

interface Values {
  kind: string;
  title: string;
  whatHappened: string;
  why: string;
  doDifferently: string;
  author: string;
  occurredOn: string;
  themeId: string;
  barrierIds: string[];
  hypothesisIds: string[];
  sensitivity: Sensitivity;
}

const valuesOf = (e: LearningEntry | null, author: string): Values => ({
  kind: e?.kind ?? 'difficult',
  title: e?.title ?? '',
  whatHappened: e?.whatHappened ?? '',
  why: e?.why ?? '',
  doDifferently: e?.doDifferently ?? '',
  author: e?.author ?? author,
  occurredOn: e?.occurredOn ?? localToday(),
  themeId: e?.themeId ?? '',
  barrierIds: e?.barrierIds ?? [],
  hypothesisIds: e?.hypothesisIds ?? [],
  sensitivity: e?.sensitivity ?? 'partners',
});

const inputOf = (v: Values): LearningInput => ({ ...v, kind: v.kind as LearningInput['kind'], themeId: v.themeId || null });

export function LearningForm({
  initial,
  error,
  pending,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: LearningEntry | null;
  error: CallError | null;
  pending: boolean;
  submitLabel: string;
  onSubmit(input: LearningInput): void;
  onCancel?(): void;
}) {
  const overview = useApi('pilot.overview', {});
  const barriers = useApi('barrier.list', {});
  const hypotheses = useApi('hypothesis.list', {});
  const info = useApi('system.info', {});
  const [v, setV] = useState<Values | null>(null);
  const values = v ?? valuesOf(initial, info.data?.actor ?? '');
  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV({ ...values, [k]: value });
  return (
    <form
      className="card"
      aria-label={submitLabel}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(inputOf(values));
      }}
    >
      <ErrorSummary error={error} />
      <div className="field-row">
        <SelectField label="Kind" value={values.kind} onChange={set('kind')} error={fieldError(error, 'kind')} options={LEARNING_KINDS.map((k) => ({ value: k, label: LEARNING_KIND_LABELS[k] }))} />
        <TextField label="When it happened" type="date" value={values.occurredOn} onChange={set('occurredOn')} error={fieldError(error, 'occurredOn')} />
        <TextField label="Author" value={values.author} onChange={set('author')} error={fieldError(error, 'author')} />
      </div>
      <TextField label="Title" hint="One line a colleague would recognise, e.g. 'The joint triage rota collapsed after three weeks'" value={values.title} onChange={set('title')} error={fieldError(error, 'title')} />
      <TextArea label="What happened" value={values.whatHappened} onChange={set('whatHappened')} error={fieldError(error, 'whatHappened')} rows={4} />
      <TextArea label="Why" hint="The honest reason, as far as the team can tell" value={values.why} onChange={set('why')} error={fieldError(error, 'why')} />
      <TextArea label="What we would do differently" value={values.doDifferently} onChange={set('doDifferently')} error={fieldError(error, 'doDifferently')} />
      <CheckboxGroup
        legend="Barriers"
        hint="Tick every barrier that played a part."
        columns
        options={(barriers.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        value={values.barrierIds}
        onChange={set('barrierIds')}
        error={fieldError(error, 'barrierIds', 'barrierIds.0')}
      />
      <div className="field-row">
        <SelectField label="Theme" value={values.themeId} onChange={set('themeId')} emptyLabel="No theme" options={(overview.data?.themes ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        <SensitivitySelect value={values.sensitivity} onChange={set('sensitivity')} error={fieldError(error, 'sensitivity')} />
      </div>
      <CheckboxGroup
        legend="Linked hypotheses"
        scroll
        options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement }))}
        value={values.hypothesisIds}
        onChange={set('hypothesisIds')}
        error={fieldError(error, 'hypothesisIds')}
      />
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
