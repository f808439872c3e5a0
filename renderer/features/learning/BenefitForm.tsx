import { localToday } from '../../../shared/calc/timetable';
import { BenefitInput, RealisationInput, type BenefitView } from '../../../shared/domain/learning';
import { CallError } from '../../api/client';
import { useApi, useApiMutation } from '../../api/hooks';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { useAddForm } from '../../kit/form/useAddForm';
import { useEditForm } from '../../kit/form/useEditForm';
import { valuesFrom } from '../../kit/form/valuesFrom';
import { formatMoney, parsePounds, poundsInput } from '../../kit/format/money';
import { useRecordUpdate } from '../../kit/record/useRecordUpdate';

/** A money field's text as pence, or the message the form shows before anything is sent. */
function pence(text: string, field: string, label: string): number | CallError {
  // Negative amounts are let through to the schema, which says which fields may hold them.
  const p = parsePounds(text, { blank: null, negative: true });
  return p === null ? new CallError('INVALID_INPUT', `${label}: enter an amount in pounds, like 12,000 or 350.50`, { [field]: 'Enter an amount in pounds, like 12,000 or 350.50' }) : p;
}

const BLANK = { title: '', owner: '', organisationId: '', measure: '', target: '', fullYear: '', cashReleasing: false, startsOn: '', notes: '', interventionId: '' };
type BenefitValues = typeof BLANK;

/** The stored pence as the pounds a person would type. */
const valuesOf = (b: BenefitView | null): BenefitValues => valuesFrom(b && { ...b, fullYear: poundsInput(b.fullYearPence) }, BLANK);

function inputOf(v: BenefitValues): BenefitInput | CallError {
  const common = { title: v.title, owner: v.owner, organisationId: v.organisationId || null, measure: v.measure, target: v.target, startsOn: v.startsOn, notes: v.notes };
  // Linked to an estimate: the service takes the figures from it (nothing to type, nothing to drift).
  if (v.interventionId) return { ...common, interventionId: v.interventionId, fullYearPence: 0, cashReleasing: false };
  const fullYearPence = pence(v.fullYear, 'fullYearPence', 'Full-year value');
  if (fullYearPence instanceof CallError) return fullYearPence;
  return { ...common, interventionId: null, fullYearPence, cashReleasing: v.cashReleasing };
}

function BenefitFields({ form, linked }: { form: ReturnType<typeof useEditForm<BenefitValues, BenefitInput>>; linked?: BenefitView }) {
  const overview = useApi('pilot.overview', {});
  const estimates = useApi('intervention.list', {});
  const fromEstimate = form.values.interventionId !== '';
  // The figures shown while linked: the saved entry's when it is still linked to the same estimate.
  const same = linked && linked.interventionId === form.values.interventionId;
  return (
    <>
      <TextField label="Benefit" {...form.bind('title')} />
      <div className="field-row">
        <TextField label="Owner" {...form.bind('owner')} />
        <SelectField label="Organisation" {...form.bind('organisationId')} emptyLabel="None" options={namedOptions(overview.data?.organisations)} />
      </div>
      <div className="field-row">
        <TextField label="Measure" hint="How you will know" {...form.bind('measure')} />
        <TextField label="Target" {...form.bind('target')} />
      </div>
      <SelectField
        label="Figures from an estimate"
        hint="Link the estimate this benefit comes from: its full-year value and cash-releasing are then taken from it, and follow it when it changes"
        {...form.bind('interventionId')}
        error={form.errorOf('interventionId')}
        emptyLabel="None: I will type the figures"
        options={namedOptions(estimates.data)}
      />
      <div className="field-row">
        {fromEstimate ? (
          <p className="linked-figure" role="note">
            <strong>Full-year value:</strong>{' '}
            {same ? `${formatMoney(linked.fullYearPence, { whole: true })}${linked.cashReleasing ? ', cash-releasing' : ''}` : 'taken from the estimate when saved'}
            {' '}(from the estimate)
          </p>
        ) : (
          <TextField label="Full-year value (£)" {...form.bind('fullYear')} error={form.errorOf('fullYearPence')} />
        )}
        <TextField label="Starts" hint="When the benefit should begin to flow" type="date" {...form.bind('startsOn')} />
      </div>
      {!fromEstimate && <CheckboxField label="Cash-releasing (money can come out of a budget)" checked={form.values.cashReleasing} onChange={form.set('cashReleasing')} />}
      <TextArea label="Notes" {...form.bind('notes')} />
    </>
  );
}

export function NewBenefitForm() {
  const form = useAddForm('benefit.add', { initial: valuesOf(null), schema: BenefitInput, toInput: inputOf, added: (b) => `Added benefit ${b.title}` });
  return (
    <EditForm form={form} label="Add a benefit" heading={<h2>Add a benefit</h2>} submitLabel="Add benefit" pending={form.pending}>
      <BenefitFields form={form} />
    </EditForm>
  );
}

/** The card holds the save (not the form, which is drawn afresh on reload), so "keep my text" survives it. */
export type BenefitUpdate = ReturnType<typeof useBenefitUpdate>;
export const useBenefitUpdate = (benefit: BenefitView) => useRecordUpdate('benefit.update', benefit);

/** Edits a benefit in its card; the earlier version stays in its history. */
export function EditBenefitForm({ benefit, update, onDone }: { benefit: BenefitView; update: BenefitUpdate; onDone(): void }) {
  // After a refused stale save, what the person typed is laid over the reloaded benefit.
  const form = useEditForm({ initial: valuesOf(update.kept ? { ...benefit, ...update.kept } : benefit), schema: BenefitInput, toInput: inputOf, error: update.error, onSubmit: (input) => update.save(input, onDone) });
  return (
    <EditForm form={form} className="inline-form" label={`Edit ${benefit.title}`} heading={<h4>Edit this benefit</h4>} submitLabel="Save changes" pending={update.pending} onCancel={onDone}>
      <BenefitFields form={form} linked={benefit} />
    </EditForm>
  );
}

export function RealisationForm({ benefit }: { benefit: BenefitView }) {
  const add = useApiMutation('realisation.add');
  const form = useEditForm({
    initial: { realisedOn: localToday(), amount: '', note: '' },
    schema: RealisationInput,
    toInput: (v) => {
      const realisedPence = pence(v.amount, 'realisedPence', 'Amount realised');
      return realisedPence instanceof CallError ? realisedPence : { benefitId: benefit.id, realisedOn: v.realisedOn, realisedPence, note: v.note };
    },
    error: add.error,
    onSubmit: (input) => add.mutate(input, { onSuccess: () => form.update({ amount: '', note: '' }) }),
  });
  return (
    <EditForm
      form={form}
      className="inline-form"
      label={`Record a realisation for ${benefit.title}`}
      heading={<h4>Record money realised</h4>}
      submitLabel="Record"
      submitClassName="button button--small"
      pending={add.isPending}
      bare
    >
      <div className="field-row">
        <TextField label="Date" type="date" {...form.bind('realisedOn')} />
        <TextField label="Amount realised (£)" {...form.bind('amount')} error={form.errorOf('realisedPence')} />
        <TextField label="Note" {...form.bind('note')} />
      </div>
    </EditForm>
  );
}
