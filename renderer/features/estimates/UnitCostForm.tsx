import { useEffect, useRef, useState } from 'react';
import { unitCostName, type UnitCost } from '../../../shared/domain/estimates';
import { useApiMutation } from '../../api/hooks';
import { ErrorSummary, fieldError } from '../../kit/feedback/Feedback';
import { CheckboxField } from '../../kit/form/CheckboxField';
import { TextField } from '../../kit/form/fields';
import { parsePounds, poundsInput } from '../../kit/format/money';
import { Section } from '../../kit/page/Section';

interface Draft {
  code: string;
  variant: string;
  description: string;
  unit: string;
  agency: string;
  value: string;
  priceYear: string;
  source: string;
  quality: string;
  category: string;
  healthValue: boolean;
}

const BLANK: Draft = { code: '', variant: '', description: '', unit: '', agency: '', value: '', priceYear: '', source: '', quality: '', category: '', healthValue: false };

/**
 * Starting points for the values a health appraisal needs. The figures themselves are left blank:
 * enter the current published value, its price year and where it was published.
 */
const PRESETS: { label: string; draft: Partial<Draft> }[] = [
  { label: 'QALY', draft: { code: 'QALY', description: 'Quality-adjusted life year', unit: 'per QALY', agency: 'Society (wellbeing)', category: 'Health and wellbeing values', healthValue: true } },
  { label: 'WELLBY', draft: { code: 'WELLBY', description: 'Wellbeing-adjusted life year (one point of life satisfaction for one year)', unit: 'per WELLBY', agency: 'Society (wellbeing)', category: 'Health and wellbeing values', healthValue: true } },
];

const draftOf = (u: UnitCost): Draft => ({
  code: u.code,
  variant: u.variant,
  description: u.description,
  unit: u.unit,
  agency: u.agency,
  value: poundsInput(u.valuePence),
  priceYear: u.priceYear,
  source: u.source ?? '',
  quality: u.quality ?? '',
  category: u.category ?? '',
  healthValue: u.healthValue,
});

/** Adds a unit cost (or a value per unit such as a QALY) by hand, or edits the one chosen in the library. */
export function UnitCostForm({ editing, onDone }: { editing: UnitCost | null; onDone(): void }) {
  const add = useApiMutation('unitCost.add');
  const update = useApiMutation('unitCost.update');
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : BLANK);
  const [done, setDone] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setDraft(editing ? draftOf(editing) : BLANK);
    if (editing) heading.current?.querySelector('input')?.focus();
  }, [editing]);
  const bind = (k: Exclude<keyof Draft, 'healthValue'>) => ({ value: draft[k], onChange: (v: string) => setDraft((d) => ({ ...d, [k]: v })) });
  const pence = parsePounds(draft.value, { blank: null });
  const mutation = editing ? update : add;
  const error = mutation.error;
  const fields = {
    code: draft.code,
    variant: draft.variant,
    description: draft.description,
    unit: draft.unit,
    agency: draft.agency,
    valuePence: pence ?? -1,
    priceYear: draft.priceYear,
    source: draft.source || null,
    quality: draft.quality || null,
    category: draft.category || null,
    healthValue: draft.healthValue,
  };
  const submit = () => {
    setDone(null);
    setTried(true);
    if (pence === null) return;
    const after = (u: UnitCost) => {
      setDone(`${editing ? 'Saved' : 'Added'} ${unitCostName(u)} ${u.description}.`);
      setDraft(BLANK);
      setTried(false);
      onDone();
    };
    if (editing) update.mutate({ id: editing.id, rev: editing.rev, patch: fields }, { onSuccess: after });
    else add.mutate(fields, { onSuccess: after });
  };
  return (
    <Section id="unit-cost-form-heading" title={editing ? `Edit ${unitCostName(editing)}` : 'Add a unit cost or value by hand'}>
      {!editing && (
        <div className="button-row">
          <span className="muted">Start from:</span>
          {PRESETS.map((p) => (
            <button key={p.label} type="button" className="button button--small button--secondary" onClick={() => setDraft({ ...BLANK, ...p.draft })}>
              {p.label}
            </button>
          ))}
        </div>
      )}
      <form
        aria-label={editing ? `Edit the unit cost ${unitCostName(editing)}` : 'Add a unit cost'}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field-row" ref={heading}>
          <TextField label="Code" {...bind('code')} error={fieldError(error, 'code')} />
          <TextField label="Variant" hint="Only when the code is used for more than one entry" {...bind('variant')} error={fieldError(error, 'variant')} />
          <TextField label="Description" {...bind('description')} error={fieldError(error, 'description')} />
        </div>
        <div className="field-row">
          <TextField label="Unit" hint="e.g. per episode, per QALY" {...bind('unit')} error={fieldError(error, 'unit')} />
          <TextField label="Agency bearing the cost" {...bind('agency')} error={fieldError(error, 'agency')} />
          <TextField label="Value (£)" {...bind('value')} error={pence === null && (draft.value || tried) ? 'Enter an amount in pounds, like 1250.50' : fieldError(error, 'valuePence')} />
          <TextField label="Price year" hint="Like 2023-24" {...bind('priceYear')} error={fieldError(error, 'priceYear')} />
        </div>
        <div className="field-row">
          <TextField label="Source" hint="Where the figure was published" {...bind('source')} error={fieldError(error, 'source')} />
          <TextField label="Quality rating" {...bind('quality')} error={fieldError(error, 'quality')} />
          <TextField label="Category" hint="e.g. Crime, Health" {...bind('category')} error={fieldError(error, 'category')} />
        </div>
        <CheckboxField label="A health or life value (lines valued with it are discounted on the health schedule)" checked={draft.healthValue} onChange={(v) => setDraft((d) => ({ ...d, healthValue: v }))} />
        {error && !error.fields && <ErrorSummary error={error} />}
        {done && <p role="status">{done}</p>}
        <div className="button-row">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {editing ? 'Save changes' : 'Add to the library'}
          </button>
          {editing && (
            <button type="button" className="button button--secondary" onClick={onDone}>
              Cancel
            </button>
          )}
        </div>
      </form>
    </Section>
  );
}
