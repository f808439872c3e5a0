import { localToday } from '../../../shared/calc/timetable';
import { LEARNING_KINDS, LEARNING_KIND_LABELS, LearningInput, type LearningEntry } from '../../../shared/domain/learning';
import { useApi } from '../../api/hooks';
import { CheckboxGroup } from '../../kit/form/CheckboxGroup';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { useEditForm, type FormProps } from '../../kit/form/useEditForm';
import { valuesFrom } from '../../kit/form/valuesFrom';
import { LinkedHypotheses, SensitivitySelect, SHARED_BLANK } from './Choices';

const BLANK = {
  kind: 'difficult',
  title: '',
  whatHappened: '',
  why: '',
  doDifferently: '',
  author: '',
  occurredOn: '',
  themeId: '',
  barrierIds: [] as string[],
  ...SHARED_BLANK,
};

const inputOf = (v: typeof BLANK): LearningInput => ({ ...v, kind: v.kind as LearningInput['kind'], themeId: v.themeId || null });

export function LearningForm({ initial, submitLabel, ...page }: { initial: LearningEntry | null; submitLabel: string } & FormProps<LearningInput>) {
  const overview = useApi('pilot.overview', {});
  const barriers = useApi('barrier.list', {});
  const info = useApi('system.info', {});
  // A new entry is signed with the user's name once it arrives, unless they have typed already.
  const form = useEditForm({ initial: valuesFrom(initial, { ...BLANK, author: info.data?.actor ?? '', occurredOn: localToday() }), schema: LearningInput, toInput: inputOf, ...page });
  const v = form.values;
  return (
    <EditForm form={form} label={submitLabel} submitLabel={submitLabel} pending={page.pending} onCancel={page.onCancel} addAnother={page.addAnother}>
      <div className="field-row">
        <SelectField label="Kind" {...form.bind('kind')} options={labelledOptions(LEARNING_KINDS, LEARNING_KIND_LABELS)} />
        <TextField label="When it happened" type="date" {...form.bind('occurredOn')} />
        <TextField label="Author" {...form.bind('author')} />
      </div>
      <TextField label="Title" hint="One line a colleague would recognise, e.g. 'The joint triage rota collapsed after three weeks'" {...form.bind('title')} />
      <TextArea label="What happened" {...form.bind('whatHappened')} rows={4} />
      <TextArea label="Why" hint="The honest reason, as far as the team can tell" {...form.bind('why')} />
      <TextArea label="What we would do differently" {...form.bind('doDifferently')} />
      <CheckboxGroup
        legend="Barriers"
        hint="Tick every barrier that played a part."
        columns
        options={namedOptions(barriers.data)}
        value={v.barrierIds}
        onChange={form.set('barrierIds')}
        error={form.errorOf('barrierIds', 'barrierIds.0')}
      />
      <div className="field-row">
        <SelectField label="Theme" {...form.bind('themeId')} emptyLabel="No theme" options={namedOptions(overview.data?.themes)} />
        <SensitivitySelect form={form} />
      </div>
      <LinkedHypotheses form={form} />
    </EditForm>
  );
}
