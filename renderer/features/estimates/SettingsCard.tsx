import { INTERVENTION_STATUSES, INTERVENTION_STATUS_LABELS, SENSITIVITIES, SENSITIVITY_LABELS } from '../../../shared/domain/estimates';
import type { Theme } from '../../../shared/domain/pilot';
import { SelectField, TextArea, TextField } from '../../components/Field';
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
  const set = <K extends keyof SettingsDraft>(k: K) => (v: SettingsDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <section className="card" aria-labelledby="settings-heading">
      <div className="line-card__head">
        <h2 id="settings-heading">The intervention</h2>
        <SaveStatus state={save.state} error={save.error} />
      </div>
      <div className="field-row">
        <TextField label="Name" value={draft.name} onChange={set('name')} error={errors.name} />
        <SelectField label="Status" value={draft.status} onChange={(v) => set('status')(v as SettingsDraft['status'])} options={INTERVENTION_STATUSES.map((s) => ({ value: s, label: INTERVENTION_STATUS_LABELS[s] }))} />
        <SelectField label="Theme" value={draft.themeId} onChange={set('themeId')} emptyLabel="No theme" options={themes.map((t) => ({ value: t.id, label: t.name }))} />
        <SelectField
          label="Who may see it"
          hint="Bundles respect this"
          value={draft.sensitivity}
          onChange={(v) => set('sensitivity')(v as SettingsDraft['sensitivity'])}
          options={SENSITIVITIES.map((s) => ({ value: s, label: SENSITIVITY_LABELS[s] }))}
        />
      </div>
      <TextArea label="Description" value={draft.description} onChange={set('description')} rows={2} />
      <div className="field-row">
        <TextField label="First year" hint="Financial year, like 2026-27" value={draft.startYear} onChange={set('startYear')} error={errors.startYear} />
        <TextField label="Years" type="number" min="1" max="400" value={draft.years} onChange={set('years')} error={errors.years} />
        <TextField label="Price year" hint="Unit costs are uprated to it" value={draft.priceYear} onChange={set('priceYear')} error={errors.priceYear} />
        <SelectField
          label="Discounting"
          value={draft.discountMode}
          onChange={(v) => set('discountMode')(v as SettingsDraft['discountMode'])}
          options={[
            { value: 'green-book', label: 'Green Book schedule (3.5 %, lower after 30 years)' },
            { value: 'rate', label: 'A constant rate' },
          ]}
        />
        {draft.discountMode === 'rate' && <TextField label="Discount rate (%)" value={draft.rate} onChange={set('rate')} error={errors.rate} />}
      </div>
      <div className="field-row">
        <TextField label="Optimism bias on costs (%)" hint="Costs are raised by this" value={draft.obCosts} onChange={set('obCosts')} error={errors.obCosts} />
        <TextField label="Optimism bias on benefits (%)" hint="Benefits are cut by this" value={draft.obBenefits} onChange={set('obBenefits')} error={errors.obBenefits} />
        <TextField label="Simulation draws" type="number" value={draft.iterations} onChange={set('iterations')} error={errors.iterations} />
        <TextField label="Simulation seed" hint="Same seed, same figures" type="number" value={draft.seed} onChange={set('seed')} error={errors.seed} />
      </div>
    </section>
  );
}
