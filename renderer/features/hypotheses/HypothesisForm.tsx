import { CONFIDENCE_LABELS, CONFIDENCE_LEVELS, HypothesisInput, type Hypothesis } from '../../../shared/domain/hypotheses';
import type { PilotOverview } from '../../../shared/domain/pilot';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { useEditForm, type FormProps } from '../../kit/form/useEditForm';
import { valuesFrom } from '../../kit/form/valuesFrom';

const BLANK = { statement: '', themeId: '', ownerId: '', rationale: '', supportCriteria: '', refuteCriteria: '', dueDate: '', confidence: '', indicators: '' };

const inputOf = (v: typeof BLANK): HypothesisInput => ({
  ...v,
  themeId: v.themeId || null,
  ownerId: v.ownerId || null,
  confidence: (v.confidence || null) as HypothesisInput['confidence'],
});

export function HypothesisForm({ initial, overview, submitLabel, ...page }: { initial: Hypothesis | null; overview: PilotOverview; submitLabel: string } & FormProps<HypothesisInput>) {
  const form = useEditForm({ initial: valuesFrom(initial, BLANK), schema: HypothesisInput, toInput: inputOf, ...page });
  return (
    <EditForm form={form} label={submitLabel} submitLabel={submitLabel} pending={page.pending} onCancel={page.onCancel} addAnother={page.addAnother}>
      <TextArea label="Hypothesis" hint="A statement that evidence could support or refute, e.g. 'Joining up falls services would cut emergency admissions of over-65s'" {...form.bind('statement')} rows={2} />
      <div className="field-row">
        <SelectField label="Theme" {...form.bind('themeId')} emptyLabel="No theme" options={namedOptions(overview.themes)} />
        <SelectField label="Owner" {...form.bind('ownerId')} emptyLabel="No owner" options={namedOptions(overview.teamMembers)} />
        <TextField label="Due date" type="date" {...form.bind('dueDate')} />
        <SelectField label="Confidence" {...form.bind('confidence')} emptyLabel="Not assessed" options={CONFIDENCE_LEVELS.map((c) => ({ value: c, label: CONFIDENCE_LABELS[c] }))} />
      </div>
      <TextArea label="Rationale" hint="Why the team thinks this might be true" {...form.bind('rationale')} />
      <div className="field-row">
        <TextArea label="What evidence would support it" {...form.bind('supportCriteria')} />
        <TextArea label="What evidence would refute it" {...form.bind('refuteCriteria')} />
      </div>
      <TextArea label="Indicators to watch" hint="What you would expect to see, later, if this analysis were wrong (Heuer's last step)" {...form.bind('indicators')} />
    </EditForm>
  );
}
