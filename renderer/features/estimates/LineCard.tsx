import { useId, useState } from 'react';
import type { SwitchingValue } from '../../../shared/calc/savings';
import { COST_CATEGORIES, VALUE_TYPES } from '../../../shared/calc/estimateModel';
import type { ParameterSetContent } from '../../../shared/calc/parameterSets';
import { COST_CATEGORY_LABELS, unitCostName, VALUE_TYPE_LABELS, type ConfidenceGrade, type UnitCost } from '../../../shared/domain/estimates';
import type { Organisation } from '../../../shared/domain/pilot';
import { draftFields } from '../../kit/form/binder';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { formatMoney, READING } from '../../kit/format/money';
import { formatPercent, percentInput } from '../../kit/format/number';
import type { Errors, LineDraft } from './drafts';
import { ProfileGrid } from './ProfileGrid';
import { discountOptions } from './SetFigures';
import { SaveStatus, type SaveState } from './useAutosave';

/** The value per unit a valued line uses (a unit cost, or a value from the parameter set), uprated. */
export interface UnitCostInfo {
  /** What the volumes count ("per episode", "per QALY"). */
  unit: string;
  /** A health or life value: the health schedule is the sensible discounting. */
  healthValue: boolean;
  /** Uprated to the estimate's price year, in pence (null when a deflator is missing). */
  upratedPence: number | null;
  message: string;
}

function switchingText(s: SwitchingValue | undefined, kind: 'cost' | 'benefit'): string {
  if (!s || s.change === null) return 'No switching value: this line has no central value yet.';
  const c = s.change;
  if (kind === 'benefit') {
    if (c >= 0) return `The central NPV is negative: this benefit would need to rise by ${formatPercent(c)} (to ${formatMoney(s.switchingPv, READING)} present value) to break even.`;
    if (c < -1) return 'Even if this benefit fell to nothing, the central NPV would stay positive.';
    return `The central NPV turns negative if this benefit falls by more than ${formatPercent(-c)} (below ${formatMoney(s.switchingPv, READING)} present value).`;
  }
  if (c <= 0) return `The central NPV is negative: this cost would need to fall by ${formatPercent(-c)} (to ${formatMoney(s.switchingPv, READING)} present value) to break even.`;
  return `The central NPV turns negative if this cost rises by more than ${formatPercent(c)} (above ${formatMoney(s.switchingPv, READING)} present value).`;
}

export function LineCard({
  draft,
  errors,
  startYear,
  years,
  organisations,
  grades,
  unitCosts,
  parameterSet,
  unitInfo,
  switching,
  save,
  onChange,
  onDelete,
}: {
  draft: LineDraft;
  errors: Errors;
  startYear: string;
  years: number;
  organisations: Organisation[];
  grades: ConfidenceGrade[];
  unitCosts: UnitCost[];
  /** The intervention's parameter set: its schedules name the discounting, its values per unit can value a line. */
  parameterSet: ParameterSetContent | undefined;
  unitInfo: UnitCostInfo | null;
  switching: SwitchingValue | undefined;
  save: { state: SaveState; error: string | null };
  onChange(next: LineDraft): void;
  onDelete(): void;
}) {
  const [search, setSearch] = useState('');
  const headingId = useId();
  const { set, bind } = draftFields(draft, errors, onChange);
  const kindLabel = draft.kind === 'cost' ? 'Cost' : 'Benefit';
  const matching = unitCosts.filter((u) => !search.trim() || `${u.code} ${u.variant} ${u.description} ${u.agency}`.toLowerCase().includes(search.trim().toLowerCase()));
  const chosen = unitCosts.find((u) => u.id === draft.unitCostId);
  const setValues = parameterSet?.values ?? [];
  const chosenValue = setValues.find((v) => v.key === draft.parameterValue);
  const valued = draft.source !== 'amounts';
  // Choosing a health or life value brings the health schedule with it (still changeable below).
  const choose = (patch: Partial<LineDraft>, health: boolean) => onChange({ ...draft, ...patch, ...(health && draft.discountMode === '' ? { discountMode: 'health' as const } : {}) });
  return (
    <section className={`card line-card line-card--${draft.kind}`} aria-labelledby={headingId}>
      <div className="line-card__head">
        <h3 id={headingId}>
          {kindLabel}: {draft.label || 'untitled line'}
        </h3>
        <SaveStatus state={save.state} error={save.error} />
        <button type="button" className="button button--small button--danger" onClick={onDelete}>
          Delete {draft.kind} line
        </button>
      </div>
      <div className="field-row">
        <TextField label={`${kindLabel} line label`} {...bind('label')} />
        <SelectField
          label={draft.kind === 'cost' ? 'Organisation that pays' : 'Organisation that benefits'}
          {...bind('organisationId')}
          emptyLabel="Choose an organisation"
          options={namedOptions(organisations)}
        />
        {draft.kind === 'cost' ? (
          <SelectField label="Category" {...bind('category')} options={labelledOptions(COST_CATEGORIES, COST_CATEGORY_LABELS)} />
        ) : (
          <SelectField label="Value type" {...bind('valueType')} options={labelledOptions(VALUE_TYPES, VALUE_TYPE_LABELS)} />
        )}
        <div className="field field--checkbox">
          <label>
            <input type="checkbox" checked={draft.cashable} onChange={(e) => set('cashable')(e.target.checked)} /> Cashable
          </label>
          <p className="field__hint">{draft.kind === 'cost' ? 'Paid in cash from a budget' : 'Can be taken out of a budget, not just freed capacity'}</p>
        </div>
      </div>
      {draft.kind === 'benefit' && (
        <div className="field-row">
          <TextField label="Deadweight (%)" hint="Would have happened anyway" {...bind('deadweight')} />
          <TextField label="Attribution to others (%)" hint="Due to other work" {...bind('attributionToOthers')} />
          <TextField label="Displacement (%)" hint="Moved, not removed" {...bind('displacement')} />
          <TextField label="Drop-off per year (%)" hint="Fades after the first year" {...bind('dropOff')} />
        </div>
      )}
      <div className="field-row">
        <SelectField
          label="Confidence grade"
          hint="Choosing a grade proposes its optimism bias"
          value={draft.confidenceGrade}
          emptyLabel="Not graded"
          options={grades.map((g) => ({ value: g.grade, label: `${g.grade}: ${g.description ?? ''} (${formatPercent(g.optimismBias, 0)})` }))}
          onChange={(grade) => {
            const g = grades.find((x) => x.grade === grade);
            onChange({ ...draft, confidenceGrade: grade, optimismBias: g ? percentInput(g.optimismBias) : draft.optimismBias });
          }}
        />
        <TextField
          label="Optimism bias for this line (%)"
          hint={`Blank uses the intervention's ${draft.kind === 'cost' ? 'cost optimism bias; up to 200' : 'benefit optimism bias; below 100'}`}
          {...bind('optimismBias')}
        />
        <SelectField
          label="Figures come from"
          {...bind('source')}
          options={[
            { value: 'amounts', label: 'Amounts typed or pasted' },
            { value: 'unit-cost', label: 'A unit cost or value from the library × volume' },
            ...(setValues.length || draft.source === 'parameter' ? [{ value: 'parameter', label: 'A value per unit from the parameter set × volume' }] : []),
          ]}
        />
      </div>
      <div className="field-row">
        <SelectField
          label="Discounting for this line"
          hint="Health and life values (QALYs, WELLBYs) go on the health schedule"
          {...bind('discountMode')}
          options={discountOptions(parameterSet, "As the intervention's")}
        />
        {draft.discountMode === 'rate' && <TextField label="Discount rate for this line (%)" {...bind('discountRate')} />}
      </div>
      {draft.source === 'unit-cost' && (
        <div className="field-row">
          <TextField label="Search unit costs" type="search" value={search} onChange={setSearch} />
          <SelectField
            label="Unit cost"
            value={draft.unitCostId}
            error={errors.unitCostId}
            onChange={(id) => choose({ unitCostId: id }, unitCosts.find((u) => u.id === id)?.healthValue ?? false)}
            emptyLabel={unitCosts.length ? 'Choose a unit cost' : 'The library is empty: import unit costs or add one by hand first'}
            options={[...matching, ...(chosen && !matching.includes(chosen) ? [chosen] : [])].map((u) => ({
              value: u.id,
              label: `${unitCostName(u)} ${u.description} — ${formatMoney(u.valuePence)} ${u.unit} (${u.priceYear})${u.healthValue ? ', health or life value' : ''}`,
            }))}
          />
        </div>
      )}
      {draft.source === 'parameter' && (
        <div className="field-row">
          <SelectField
            label="Value per unit"
            value={draft.parameterValue}
            error={errors.parameterValue}
            onChange={(key) => choose({ parameterValue: key }, setValues.find((v) => v.key === key)?.healthValue ?? false)}
            emptyLabel={setValues.length ? 'Choose a value' : 'This parameter set has no values per unit'}
            options={setValues.map((v) => ({ value: v.key, label: `${v.label} — ${formatMoney(v.valuePence)} ${v.unit} (${v.priceYear})` }))}
          />
        </div>
      )}
      {valued && unitInfo && <p className="muted">{unitInfo.message}</p>}
      {draft.source === 'parameter' && chosenValue && <p className="muted">Source: {chosenValue.source}</p>}
      {valued ? (
        <ProfileGrid
          caption="Volumes per year"
          unit={unitInfo ? unitInfo.unit : 'units'}
          startYear={startYear}
          years={years}
          triples={draft.volumes}
          errors={errors}
          errorPrefix="volumes"
          onChange={set('volumes')}
        />
      ) : (
        <ProfileGrid caption="Amounts per year" unit="£" startYear={startYear} years={years} triples={draft.profile} errors={errors} errorPrefix="profile" onChange={set('profile')} />
      )}
      <p className="switching">
        <strong>Switching value:</strong> {switchingText(switching, draft.kind)}
      </p>
    </section>
  );
}
