import { INTERVENTION_STATUSES, INTERVENTION_STATUS_LABELS, MAX_YEARS, MIN_YEARS, SENSITIVITIES, SENSITIVITY_LABELS } from '../../../shared/domain/estimates';
import type { Theme } from '../../../shared/domain/pilot';
import { draftFields } from '../../kit/form/binder';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import type { Errors, SettingsDraft } from './drafts';
import { SaveStatus, type SaveState } from './useAutosave';

export function SettingsCard({
  draft,
  errors,
  themes,
  save,
  onChange,
}: {
  draft: SettingsDraft;
  errors: Errors;
  themes: Theme[];
  save: { state: SaveState; error: string | null };
  onChange(next: SettingsDraft): void;
}) {
  const { bind } = draftFields(draft, errors, onChange);
  return (
    <section className="card" aria-labelledby="settings-heading">
      <div className="line-card__head">
        <h2 id="settings-heading">The intervention</h2>
        <SaveStatus state={save.state} error={save.error} />
      </div>
      <div className="field-row">
        <TextField label="Name" {...bind('name')} />
        <SelectField label="Status" {...bind('status')} options={labelledOptions(INTERVENTION_STATUSES, INTERVENTION_STATUS_LABELS)} />
        <SelectField label="Theme" {...bind('themeId')} emptyLabel="No theme" options={namedOptions(themes)} />
        <SelectField
          label="Who may see it"
          hint="Bundles respect this"
          {...bind('sensitivity')}
          options={labelledOptions(SENSITIVITIES, SENSITIVITY_LABELS)}
        />
      </div>
      <TextArea label="Description" {...bind('description')} rows={2} />
      <div className="field-row">
        <TextField label="First year" hint="Financial year, like 2026-27" {...bind('startYear')} />
        <TextField label="Years" type="number" min={String(MIN_YEARS)} max={String(MAX_YEARS)} {...bind('years')} />
        <TextField label="Price year" hint="Unit costs are uprated to it" {...bind('priceYear')} />
        <SelectField
          label="Discounting"
          {...bind('discountMode')}
          options={[
            { value: 'green-book', label: 'Green Book schedule (3.5 %, lower after 30 years)' },
            { value: 'rate', label: 'A constant rate' },
          ]}
        />
        {draft.discountMode === 'rate' && <TextField label="Discount rate (%)" {...bind('rate')} />}
      </div>
      <div className="field-row">
        <TextField label="Optimism bias on costs (%)" hint="Costs are raised by this" {...bind('obCosts')} />
        <TextField label="Optimism bias on benefits (%)" hint="Benefits are cut by this" {...bind('obBenefits')} />
        <TextField label="Simulation draws" type="number" {...bind('iterations')} />
        <TextField label="Simulation seed" hint="Same seed, same figures" type="number" {...bind('seed')} />
      </div>
    </section>
  );
}
