import { Link } from 'react-router';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { DEFAULT_PARAMETER_SET_ID } from '../../../shared/calc/parameterSets';
import { DEFAULT_YEARS, INTERVENTION_STATUS_LABELS, InterventionInput, MAX_YEARS, MIN_YEARS } from '../../../shared/domain/estimates';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextField } from '../../kit/form/fields';
import { useEditForm } from '../../kit/form/useEditForm';
import { Money } from '../../kit/format/Money';
import { countOf, formatRatio } from '../../kit/format/number';
import { DataTable } from '../../kit/list/DataTable';
import { ListState } from '../../kit/list/ListState';
import { useRecordAdd } from '../../kit/record/useRecordAdd';
import { EstimatesHeader } from './EstimatesHeader';

/** The financial year we are in today (April to March). */
export function currentFinancialYear(now = new Date()): string {
  const y = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return financialYearAt(`${y}-00`, 0);
}

export function InterventionsPage() {
  const list = useApi('intervention.list', {});
  const overview = useApi('pilot.overview', {});
  const themes = overview.data?.themes ?? [];
  return (
    <div className="page page--wide">
      <EstimatesHeader title="Savings estimates" />
      <p className="lead">
        Each intervention's costs and benefits, year by year and organisation by organisation, discounted the Green Book way, with the range a simulation gives.
      </p>
      <ListState
        query={list}
        what="interventions"
        empty={
          <EmptyState title="No interventions yet">
            <p>Add the first intervention below: a change the pilot proposes, such as a joint falls team. Then give it its cost and benefit lines.</p>
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable
            caption={`${countOf(rows.length, 'intervention')} (central scenario)`}
            columns={['Intervention', 'Status', 'Theme', 'Period', { label: 'PV costs', num: true }, { label: 'PV benefits', num: true }, { label: 'NPV', num: true }, { label: 'BCR', num: true }, 'Payback']}
          >
            {rows.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/estimates/${i.id}`}>{i.name}</Link>
                  <span className="muted"> · {countOf(i.lineCount, 'line')}</span>
                </td>
                <td>{INTERVENTION_STATUS_LABELS[i.status]}</td>
                <td>{themes.find((t) => t.id === i.themeId)?.name ?? '—'}</td>
                <td>
                  {i.startYear} to {financialYearAt(i.startYear, i.years - 1)}
                </td>
                <td className="num"><Money pence={i.central.pvCosts} /></td>
                <td className="num"><Money pence={i.central.pvBenefits} /></td>
                <td className="num"><Money pence={i.central.npv} /></td>
                <td className="num">{formatRatio(i.central.bcr)}</td>
                <td>{i.central.paybackYear === null ? 'Not within the period' : financialYearAt(i.startYear, i.central.paybackYear)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListState>
      <AddIntervention />
    </div>
  );
}

function AddIntervention() {
  const add = useRecordAdd('intervention.add', { next: (created) => `/estimates/${created.id}` });
  const sets = useApi('parameterSet.list', {});
  const form = useEditForm({
    initial: { name: '', startYear: currentFinancialYear(), years: String(DEFAULT_YEARS), parameterSetId: DEFAULT_PARAMETER_SET_ID },
    schema: InterventionInput,
    toInput: (v) => ({ name: v.name, startYear: v.startYear, years: Number(v.years), parameterSetId: v.parameterSetId }),
    error: add.error,
    onSubmit: add.onSubmit,
  });
  return (
    <EditForm form={form} labelledBy="new-intervention-heading" heading={<h2 id="new-intervention-heading">Add an intervention</h2>} submitLabel="Add intervention" pending={add.pending} bare>
      <div className="field-row">
        <TextField label="Intervention name" hint="e.g. Integrated falls prevention" {...form.bind('name')} />
        <TextField label="First financial year" hint="Like 2026-27" {...form.bind('startYear')} />
        <TextField label="Years to appraise" type="number" min={String(MIN_YEARS)} max={String(MAX_YEARS)} {...form.bind('years')} />
        {(sets.data?.length ?? 0) > 1 && (
          <SelectField
            label="Parameter set"
            hint="The published figures it is made with"
            {...form.bind('parameterSetId')}
            options={(sets.data ?? []).map((s) => ({ value: s.id, label: s.content.name }))}
          />
        )}
      </div>
    </EditForm>
  );
}
