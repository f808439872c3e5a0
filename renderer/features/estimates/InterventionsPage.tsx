import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { financialYearAt } from '../../../shared/calc/estimateModel';
import { INTERVENTION_STATUS_LABELS } from '../../../shared/domain/estimates';
import { useApi, useApiMutation } from '../../api/hooks';
import { EmptyState, ErrorSummary, fieldError, Loading } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { EstimatesHeader } from './EstimatesHeader';
import { gbp, ratio } from './format';

/** The financial year we are in today (April to March). */
export function currentFinancialYear(now = new Date()): string {
  const y = now.getMonth() >= 3 ? now.getFullYear() : now.getFullYear() - 1;
  return financialYearAt(`${y}-00`, 0);
}

export function InterventionsPage() {
  const list = useApi('intervention.list', {});
  const overview = useApi('pilot.overview', {});
  const add = useApiMutation('intervention.add');
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [startYear, setStartYear] = useState(currentFinancialYear());
  const [years, setYears] = useState('5');
  const themes = overview.data?.themes ?? [];
  return (
    <div className="page page--wide">
      <EstimatesHeader title="Savings estimates" />
      <p className="lead">
        Each intervention's costs and benefits, year by year and organisation by organisation, discounted the Green Book way, with the range a simulation gives.
      </p>
      {list.isPending && <Loading what="interventions" />}
      <ErrorSummary error={list.error} />
      {list.data && list.data.length === 0 && (
        <EmptyState title="No interventions yet">
          <p>Add the first intervention below: a change the pilot proposes, such as a joint falls team. Then give it its cost and benefit lines.</p>
        </EmptyState>
      )}
      {list.data && list.data.length > 0 && (
        <table className="table">
          <caption>
            {list.data.length} intervention{list.data.length === 1 ? '' : 's'} (central scenario)
          </caption>
          <thead>
            <tr>
              <th scope="col">Intervention</th>
              <th scope="col">Status</th>
              <th scope="col">Theme</th>
              <th scope="col">Period</th>
              <th scope="col" className="num">PV costs</th>
              <th scope="col" className="num">PV benefits</th>
              <th scope="col" className="num">NPV</th>
              <th scope="col" className="num">BCR</th>
              <th scope="col">Payback</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={`/estimates/${i.id}`}>{i.name}</Link>
                  <span className="muted"> · {i.lineCount} line{i.lineCount === 1 ? '' : 's'}</span>
                </td>
                <td>{INTERVENTION_STATUS_LABELS[i.status]}</td>
                <td>{themes.find((t) => t.id === i.themeId)?.name ?? '—'}</td>
                <td>
                  {i.startYear} to {financialYearAt(i.startYear, i.years - 1)}
                </td>
                <td className="num">{gbp(i.central.pvCosts)}</td>
                <td className="num">{gbp(i.central.pvBenefits)}</td>
                <td className="num">{gbp(i.central.npv)}</td>
                <td className="num">{ratio(i.central.bcr)}</td>
                <td>{i.central.paybackYear === null ? 'Not within the period' : financialYearAt(i.startYear, i.central.paybackYear)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="card"
        aria-labelledby="new-intervention-heading"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(
            { name, startYear, years: Number(years) },
            { onSuccess: (created) => void navigate(`/estimates/${created.id}`) },
          );
        }}
      >
        <h2 id="new-intervention-heading">Add an intervention</h2>
        <ErrorSummary error={add.error} />
        <div className="field-row">
          <TextField label="Intervention name" hint="e.g. Integrated falls prevention" value={name} onChange={setName} error={fieldError(add.error, 'name')} />
          <TextField label="First financial year" hint="Like 2026-27" value={startYear} onChange={setStartYear} error={fieldError(add.error, 'startYear')} />
          <TextField label="Years to appraise" type="number" min="1" max="400" value={years} onChange={setYears} error={fieldError(add.error, 'years')} />
        </div>
        <button type="submit" className="button" disabled={add.isPending}>
          Add intervention
        </button>
      </form>
    </div>
  );
}
