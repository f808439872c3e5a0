import { useId, useState, type ReactNode } from 'react';
import { EvidenceInput, isCitizenKind, type EvidenceItem, type EvidenceKind, type Sensitivity } from '../../../shared/domain/evidence';
import type { PilotOverview } from '../../../shared/domain/pilot';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { namedOptions } from '../../kit/form/options';
import { useEditForm, type FormProps } from '../../kit/form/useEditForm';
import { valuesFrom } from '../../kit/form/valuesFrom';
import type { SecurityMarking } from '../../../shared/domain/marking';
import { KIND_OPTIONS, MARKING_OPTIONS, SENSITIVITY_OPTIONS } from './labels';

/** A new item: a document, team only (the safe choice) until someone says otherwise. */
export const emptyValues = {
  title: '',
  kind: 'document' as EvidenceKind,
  summary: '',
  source: '',
  organisationId: '',
  themeId: '',
  observedOn: '',
  reportedOn: '',
  collectedBy: '',
  sensitivity: 'team' as Sensitivity,
  /** '' on a new item: the pilot's default marking. */
  marking: '' as SecurityMarking | '',
  tags: '',
  citizenPerspective: false,
};
type EvidenceFormValues = typeof emptyValues;

export const valuesOf = (e: EvidenceItem): EvidenceFormValues => valuesFrom({ ...e, tags: e.tags.join(', ') }, emptyValues);

/** Form values → the contract's fields (blank → null; tags split on commas). */
const inputOf = (v: EvidenceFormValues) => ({
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
  marking: v.marking || undefined,
  tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean),
  citizenPerspective: v.citizenPerspective,
});
export type EvidenceFormInput = ReturnType<typeof inputOf>;

interface Props extends FormProps<EvidenceFormInput> {
  initial: EvidenceFormValues;
  overview: PilotOverview | undefined;
  organisations: { id: string; name: string }[];
  submitLabel: string;
  /** Extra fields (the file chooser on the new-item page). */
  children?: ReactNode;
}

export function EvidenceForm({ initial, overview, organisations, submitLabel, children, ...page }: Props) {
  const form = useEditForm({ initial, schema: EvidenceInput, toInput: inputOf, ...page });
  const v = form.values;
  // Until the user ticks or unticks it, the citizen mark follows the kind.
  const [citizenTouched, setCitizenTouched] = useState(initial !== emptyValues);
  const checkboxId = useId();
  return (
    <EditForm form={form} label="Evidence details" noValidate submitLabel={submitLabel} pendingLabel="Saving…" pending={page.pending} onCancel={page.onCancel}>
      <TextField label="Title" {...form.bind('title')} required />
      <div className="field-row">
        <SelectField
          label="Kind"
          {...form.bind('kind')}
          onChange={(k) => form.update({ kind: k as EvidenceKind, citizenPerspective: citizenTouched ? v.citizenPerspective : isCitizenKind(k as EvidenceKind) })}
          options={KIND_OPTIONS}
        />
        <SelectField label="Sensitivity" {...form.bind('sensitivity')} options={SENSITIVITY_OPTIONS} hint="Decides what may ever leave in an evidence bundle." />
        <SelectField
          label="Security marking"
          {...form.bind('marking')}
          options={MARKING_OPTIONS}
          emptyLabel={initial.marking === '' ? `Pilot default (${overview?.pilot?.defaultMarking ?? 'OFFICIAL'})` : undefined}
          hint="OFFICIAL-SENSITIVE goes only to partners whose data-sharing agreement permits it."
        />
      </div>
      <div className="field field--checkbox">
        <input
          id={checkboxId}
          type="checkbox"
          checked={v.citizenPerspective}
          onChange={(e) => {
            setCitizenTouched(true);
            form.set('citizenPerspective')(e.target.checked);
          }}
        />
        <label htmlFor={checkboxId}>Gives the citizen’s perspective</label>
      </div>
      <TextArea label="Summary" {...form.bind('summary')} rows={5} />
      <div className="field-row">
        <TextField label="Source" {...form.bind('source')} hint="Where it came from: a report, a system, a visit." />
        <SelectField label="Organisation" {...form.bind('organisationId')} emptyLabel="None" options={namedOptions(organisations)} />
        <SelectField label="Theme" {...form.bind('themeId')} emptyLabel="None" options={namedOptions(overview?.themes)} />
      </div>
      <div className="field-row">
        <TextField label="Date observed" type="date" {...form.bind('observedOn')} />
        <TextField label="Date reported" type="date" {...form.bind('reportedOn')} />
        <TextField label="Collected by" {...form.bind('collectedBy')} />
      </div>
      <TextField label="Tags" {...form.bind('tags')} hint="Separate tags with commas, e.g. falls, older people" />
      {children}
    </EditForm>
  );
}
