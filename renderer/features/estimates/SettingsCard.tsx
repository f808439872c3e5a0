import { INTERVENTION_STATUSES, INTERVENTION_STATUS_LABELS, MAX_YEARS, MIN_YEARS, SENSITIVITIES, SENSITIVITY_LABELS, type ParameterSetView } from '../../../shared/domain/estimates';
import type { Theme } from '../../../shared/domain/pilot';
import { draftFields } from '../../kit/form/binder';
import { SelectField, TextArea, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatPercent, percentInput } from '../../kit/format/number';
import type { Errors, SettingsDraft } from './drafts';
import { discountOptions, SetFigures } from './SetFigures';
import { SaveStatus, type SaveState } from './useAutosave';

export function SettingsCard({
  draft,
  errors,
  themes,
  sets,
  save,
  onChange,
}: {
  draft: SettingsDraft;
  errors: Errors;
  themes: Theme[];
  /** Every parameter set the workbench holds (the one in use first among them). */
  sets: ParameterSetView[];
  save: { state: SaveState; error: string | null };
  onChange(next: SettingsDraft): void;
}) {
  const { bind } = draftFields(draft, errors, onChange);
  const set = sets.find((s) => s.id === draft.parameterSetId)?.content;
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
      </div>
      <div className="field-row">
        <SelectField
          label="Parameter set"
          hint="The published figures this estimate is made with"
          {...bind('parameterSetId')}
          options={sets.map((s) => ({ value: s.id, label: `${s.content.name}${s.builtIn ? '' : ' (imported)'}` }))}
        />
        <SelectField label="Discounting" {...bind('discountMode')} options={discountOptions(set)} />
        {draft.discountMode === 'rate' && <TextField label="Discount rate (%)" {...bind('rate')} />}
      </div>
      {set && (
        <details className="parameter-set">
          <summary>Figures of {set.name}, with their sources</summary>
          <SetFigures set={set} />
        </details>
      )}
      <div className="field-row">
        <TextField label="Optimism bias on costs (%)" hint="Costs are raised by this: 0 to 200" {...bind('obCosts')} />
        {set && set.optimismBias.length > 0 && (
          <SelectField
            label="Propose from the optimism-bias table"
            hint="Upper bound at the start of an appraisal"
            value=""
            emptyLabel="Choose a project type"
            options={set.optimismBias.map((o, i) => ({ value: String(i), label: `${o.projectType}: ${formatPercent(o.costsUpper, 0)}` }))}
            onChange={(v) => {
              const o = set.optimismBias[Number(v)];
              if (o) onChange({ ...draft, obCosts: percentInput(o.costsUpper) });
            }}
          />
        )}
        <TextField label="Optimism bias on benefits (%)" hint="Benefits are cut by this: below 100" {...bind('obBenefits')} />
        <TextField label="Simulation draws" type="number" {...bind('iterations')} />
        <TextField label="Simulation seed" hint="Same seed, same figures" type="number" {...bind('seed')} />
      </div>
    </section>
  );
}
