import { financialYearAt } from '../../../shared/calc/estimateModel';
import { SCENARIOS, type EstimateResult, type YearRow } from '../../../shared/calc/savings';
import { NpvRangeChart, OrganisationChart, ProfileChart } from './charts';
import { gbp, ratio } from './format';

const SCENARIO_LABEL = { pessimistic: 'Pessimistic', central: 'Central', optimistic: 'Optimistic' } as const;

/** The estimate's results, recomputed in the page as figures are typed. */
export function ResultsPanel({ name, result, yearly, startYear }: { name: string; result: EstimateResult; yearly: YearRow[]; startYear: string }) {
  const s = result.scenarios;
  const payback = (t: number | null) => (t === null ? 'Not within the period' : financialYearAt(startYear, t));
  const rows: [string, (k: (typeof SCENARIOS)[number]) => string][] = [
    ['Present value of costs', (k) => gbp(s[k].pvCosts)],
    ['Present value of benefits', (k) => gbp(s[k].pvBenefits)],
    ['Net present value', (k) => gbp(s[k].npv)],
    ['Benefit-cost ratio', (k) => ratio(s[k].bcr)],
    ['Payback year', (k) => payback(s[k].paybackYear)],
    ['Cashable benefits (PV)', (k) => gbp(s[k].cashablePvBenefits)],
    ['Fiscal NPV', (k) => gbp(s[k].fiscalNpv)],
  ];
  return (
    <section className="card results" aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <div className="tiles tiles--results">
        <div className="tile">
          <h3>Central NPV</h3>
          <p className="tile__figure" data-testid="central-npv">
            {gbp(s.central.npv)}
          </p>
          <p className="muted">BCR {ratio(s.central.bcr)}</p>
        </div>
        {result.simulation && (
          <div className="tile">
            <h3>Simulated range (P10 to P90)</h3>
            <p className="tile__figure">
              {gbp(result.simulation.p10)} to {gbp(result.simulation.p90)}
            </p>
            <p className="muted">
              P50 {gbp(result.simulation.p50)}, mean {gbp(result.simulation.mean)} over {result.simulation.iterations.toLocaleString('en-GB')} draws
            </p>
          </div>
        )}
      </div>
      <table className="table">
        <caption>Results by scenario</caption>
        <thead>
          <tr>
            <th scope="col">Measure</th>
            {SCENARIOS.map((k) => (
              <th key={k} scope="col" className="num">
                {SCENARIO_LABEL[k]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, f]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {SCENARIOS.map((k) => (
                <td key={k} className="num">
                  {f(k)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Pessimistic: benefits at their low values and costs at their high values; optimistic the reverse.</p>
      <table className="table">
        <caption>Who pays and who benefits (central, present values)</caption>
        <thead>
          <tr>
            <th scope="col">Organisation</th>
            <th scope="col" className="num">Costs</th>
            <th scope="col" className="num">Benefits</th>
            <th scope="col" className="num">Net</th>
          </tr>
        </thead>
        <tbody>
          {s.central.byOrganisation.map((o) => (
            <tr key={o.organisation}>
              <th scope="row">{o.organisation}</th>
              <td className="num">{gbp(o.pvCosts)}</td>
              <td className="num">{gbp(o.pvBenefits)}</td>
              <td className="num">{gbp(o.net)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {yearly.length > 0 && <ProfileChart yearly={yearly} startYear={startYear} />}
      {result.simulation && <NpvRangeChart rows={[{ name, p10: result.simulation.p10, central: s.central.npv, p90: result.simulation.p90 }]} />}
      {s.central.byOrganisation.length > 0 && <OrganisationChart positions={s.central.byOrganisation} />}
    </section>
  );
}
