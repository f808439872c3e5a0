import { Link } from 'react-router';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { DEFAULT_PARAMETER_SET_ID } from '../../../shared/calc/parameterSets';
import { DEFAULT_YEARS, INTERVENTION_STATUS_LABELS, INTERVENTION_STATUSES, InterventionInput, MAX_YEARS, MIN_YEARS } from '../../../shared/domain/estimates';
import type { InterventionSummary } from '../../../shared/contract/estimates';
import { useApi } from '../../api/hooks';
import { EmptyState } from '../../kit/feedback/Feedback';
import { EditForm } from '../../kit/form/EditForm';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions, namedOptions } from '../../kit/form/options';
import { useEditForm } from '../../kit/form/useEditForm';
import { Money } from '../../kit/format/Money';
import { scaleFor } from '../../kit/format/money';
import { countOf, formatRatio } from '../../kit/format/number';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { FilteredList } from '../../kit/list/FilteredList';
import { useFilters } from '../../kit/list/useFilters';
import { useSort } from '../../kit/list/useSort';
import { useRecordAdd } from '../../kit/record/useRecordAdd';
import { EstimatesHeader } from './EstimatesHeader';

/** The list's one unit for its figures (whole pounds, or £m when any reaches a million). */
const scaleOf = (rows: InterventionSummary[]) => scaleFor(rows.flatMap((i) => [i.central.pvCosts, i.central.pvBenefits, i.central.npv]));

/** The financial year we are in today (April to March). */
export function currentFinancialYear(now = new Date()): string {
  const y = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return financialYearAt(`${y}-00`, 0);
}

export function InterventionsPage() {
  const all = useApi('intervention.list', {});
  const overview = useApi('pilot.overview', {});
  const themes = overview.data?.themes ?? [];
  const themeName = (id: string | null) => themes.find((t) => t.id === id)?.name;
  // A pilot has a handful of interventions: all come at once and are filtered and sorted here.
  const f = useFilters({ status: '', themeId: '' });
  const list = { ...all, data: all.data?.filter((i) => (!f.active.status || i.status === f.active.status) && (!f.active.themeId || i.themeId === f.active.themeId)) };
  const sort = useSort<InterventionSummary>({
    name: (i) => i.name,
    status: (i) => INTERVENTION_STATUSES.indexOf(i.status),
    theme: (i) => themeName(i.themeId),
    period: (i) => i.startYear,
    pvCosts: (i) => i.central.pvCosts,
    pvBenefits: (i) => i.central.pvBenefits,
    npv: (i) => i.central.npv,
    bcr: (i) => i.central.bcr,
    payback: (i) => i.central.paybackYear,
  });
  return (
    <div className="page page--wide">
      <EstimatesHeader title="Savings estimates" />
      <p className="lead">
        Each intervention's costs and benefits, year by year and organisation by organisation, discounted the Green Book way, with the range a simulation gives.
      </p>
      <FilteredList
        label="Filter interventions"
        filters={
          <>
            <SelectField label="Status" {...f.bind('status')} emptyLabel="Any status" options={labelledOptions(INTERVENTION_STATUSES, INTERVENTION_STATUS_LABELS)} />
            <SelectField label="Theme" {...f.bind('themeId')} emptyLabel="Any theme" options={namedOptions(themes)} />
          </>
        }
        query={list}
        what="interventions"
        filtered={f.any}
        noMatch="No interventions match these filters"
        empty={
          <EmptyState title="No interventions yet">
            <p>Add the first intervention below: a change the pilot proposes, such as a joint falls team. Then give it its cost and benefit lines.</p>
          </EmptyState>
        }
      >
        {(rows) => (
          <DataTable
            caption={`${countOf(rows.length, 'intervention')} (central scenario${scaleOf(rows) === 'millions' ? ', £m' : ''})`}
            sorting={sort}
            scrollRegion="Interventions, scrollable"
            columns={[
              ...sortable(['Intervention', 'name'], ['Status', 'status'], ['Theme', 'theme'], ['Period', 'period'], ['PV costs', 'pvCosts', 'num'], ['PV benefits', 'pvBenefits', 'num'], ['NPV', 'npv', 'num'], ['BCR', 'bcr', 'num'], ['Payback', 'payback']),
            ]}
          >
            {sort.apply(rows).map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/estimates/${i.id}`}>{i.name}</Link>
                  <span className="muted"> · {countOf(i.lineCount, 'line')}</span>
                </td>
                <td>{INTERVENTION_STATUS_LABELS[i.status]}</td>
                <td>{themeName(i.themeId) ?? '—'}</td>
                <td>
                  {i.startYear} to {financialYearAt(i.startYear, i.years - 1)}
                </td>
                <td className="num"><Money pence={i.central.pvCosts} scale={scaleOf(rows)} /></td>
                <td className="num"><Money pence={i.central.pvBenefits} scale={scaleOf(rows)} /></td>
                <td className="num"><Money pence={i.central.npv} scale={scaleOf(rows)} /></td>
                <td className="num">{formatRatio(i.central.bcr)}</td>
                <td>{i.central.paybackYear === null ? 'Not within the period' : financialYearAt(i.startYear, i.central.paybackYear)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </FilteredList>
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
