import { ACTION_KINDS, ACTION_KIND_LABELS, ACTION_STATUSES, ACTION_STATUS_LABELS, ActionInput, type Action } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { useEditForm, type FormProps } from '../../kit/form/useEditForm';
import { valuesFrom } from '../../kit/form/valuesFrom';
import { LinkedHypotheses, SensitivitySelect, SHARED_BLANK } from './Choices';

const BLANK = {
  kind: 'action',
  title: '',
  description: '',
  organisationId: '',
  owner: '',
  dueDate: '',
  status: 'open',
  beyondPilot: false,
  recommendationId: '',
  ...SHARED_BLANK,
};
type Values = typeof BLANK;

const inputOf = (v: Values, interventionIds: string[]): ActionInput => ({
  ...v,
  kind: v.kind as ActionInput['kind'],
  status: v.status as ActionInput['status'],
  organisationId: v.organisationId || null,
  dueDate: v.dueDate || null,
  // A recommendation follows from nothing: switching the kind drops a link chosen before.
  recommendationId: v.kind === 'action' ? v.recommendationId || null : null,
  interventionIds,
});

export function ActionForm({ initial, preset, submitLabel, ...page }: { initial: Action | null; preset?: Partial<Values>; submitLabel: string } & FormProps<ActionInput>) {
  const overview = useApi('pilot.overview', {});
  const recommendations = useApi('action.list', { kind: 'recommendation' });
  // Links to interventions are made from the estimate, not here: keep the ones it has.
  const toInput = (v: Values) => inputOf(v, initial?.interventionIds ?? []);
  const form = useEditForm({ initial: valuesFrom(initial, { ...BLANK, ...preset }), schema: ActionInput, toInput, ...page });
  const v = form.values;
  return (
    <EditForm form={form} label={submitLabel} submitLabel={submitLabel} pending={page.pending} onCancel={page.onCancel} addAnother={page.addAnother}>
      <div className="field-row">
        <SelectField label="Recommendation or action" {...form.bind('kind')} options={labelledOptions(ACTION_KINDS, ACTION_KIND_LABELS)} />
        <SelectField label="Status" {...form.bind('status')} options={labelledOptions(ACTION_STATUSES, ACTION_STATUS_LABELS)} />
      </div>
      <TextField label="Title" {...form.bind('title')} />
      {v.kind === 'action' && (
        <SelectField
          label="Follows from recommendation"
          hint="Link each action to the recommendation it carries out, so the recommendation shows its progress"
          {...form.bind('recommendationId')}
          emptyLabel="None"
          options={(recommendations.data ?? []).filter((r) => r.id !== initial?.id).map((r) => ({ value: r.id, label: r.title }))}
        />
      )}
      <TextArea label="Description" {...form.bind('description')} />
      <div className="field-row">
        <SelectField label="Owning organisation" {...form.bind('organisationId')} emptyLabel="Not yet agreed" options={namedOptions(overview.data?.organisations)} />
        <TextField label="Owner" hint="The person accountable" {...form.bind('owner')} />
        <TextField label="Due date" type="date" {...form.bind('dueDate')} />
      </div>
      <CheckboxField label="Carries on beyond the pilot" checked={v.beyondPilot} onChange={form.set('beyondPilot')} />
      <SensitivitySelect form={form} />
      <LinkedHypotheses form={form} />
    </EditForm>
  );
}
