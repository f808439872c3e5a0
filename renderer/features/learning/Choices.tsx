import { DEFAULT_SENSITIVITY, SENSITIVITY_LABELS, SENSITIVITY_LEVELS, type Sensitivity } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { CheckboxGroup } from '../../kit/form/CheckboxGroup';
import { SelectField } from '../../kit/form/fields';
import { labelledOptions } from '../../kit/form/options';

/** What learning entries and actions both carry: who may see them, and the hypotheses they bear on. */
export const SHARED_BLANK = { hypothesisIds: [] as string[], sensitivity: DEFAULT_SENSITIVITY };

/** The part of an edit form these fields need. */
interface FormOf<V> {
  values: V;
  set<K extends keyof V>(k: K): (value: V[K]) => void;
  errorOf(...keys: string[]): string | undefined;
}

export function SensitivitySelect({ form }: { form: FormOf<{ sensitivity: Sensitivity }> }) {
  return (
    <SelectField
      label="Sensitivity"
      hint="Who may see it. Team-only and personal data stay out of reports and bundles unless someone chooses to include them."
      value={form.values.sensitivity}
      onChange={(v) => form.set('sensitivity')(v as Sensitivity)}
      error={form.errorOf('sensitivity')}
      options={labelledOptions(SENSITIVITY_LEVELS, SENSITIVITY_LABELS)}
    />
  );
}

/** The hypotheses an entry or an action bears on, ticked from the whole list. */
export function LinkedHypotheses({ form }: { form: FormOf<{ hypothesisIds: string[] }> }) {
  const hypotheses = useApi('hypothesis.list', {});
  return (
    <CheckboxGroup
      legend="Linked hypotheses"
      scroll
      options={(hypotheses.data ?? []).map((h) => ({ value: h.id, label: h.statement }))}
      value={form.values.hypothesisIds}
      onChange={form.set('hypothesisIds')}
      error={form.errorOf('hypothesisIds')}
    />
  );
}

export function SensitivityBadge({ value }: { value: Sensitivity }) {
  return <span className={`badge badge--sensitivity-${value}`}>{SENSITIVITY_LABELS[value]}</span>;
}
