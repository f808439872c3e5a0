import { financialYearAt } from '../../../shared/calc/estimateModel';
import { SCENARIOS, type EstimateResult, type YearRow } from '../../../shared/calc/savings';
import { SCENARIO_LABELS } from '../../../shared/domain/estimates';
import { formatMoney, SIGNED } from '../../kit/format/money';
import { formatNumber, formatRatio } from '../../kit/format/number';
import { DataTable, numeric } from '../../kit/list/DataTable';
import { Section } from '../../kit/page/Section';
import { NpvRangeChart, OrganisationChart, ProfileChart } from './charts';

/** The estimate's results, recomputed in the page as figures are typed. */
export function ResultsPanel({ name, result, yearly, startYear }: { name: string; result: EstimateResult; yearly: YearRow[]; startYear: string }) {
  const s = result.scenarios;
  const payback = (t: number | null) => (t === null ? 'Not within the period' : financialYearAt(startYear, t));
  const rows: [string, (k: (typeof SCENARIOS)[number]) => string][] = [
    ['Present value of costs', (k) => formatMoney(s[k].pvCosts, SIGNED)],
    ['Present value of benefits', (k) => formatMoney(s[k].pvBenefits, SIGNED)],
    ['Net present value', (k) => formatMoney(s[k].npv, SIGNED)],
    ['Benefit-cost ratio', (k) => formatRatio(s[k].bcr)],
    ['Payback year', (k) => payback(s[k].paybackYear)],
    ['Cashable benefits (PV)', (k) => formatMoney(s[k].cashablePvBenefits, SIGNED)],
    ['Fiscal NPV', (k) => formatMoney(s[k].fiscalNpv, SIGNED)],
  ];
  return (
    <Section id="results-heading" title="Results" className="card results">
      <div className="tiles tiles--results">
        <div className="tile">
          <h3>Central NPV</h3>
          <p className="tile__figure" data-testid="central-npv">
            {formatMoney(s.central.npv, SIGNED)}
          </p>
          <p className="muted">BCR {formatRatio(s.central.bcr)}</p>
        </div>
        {result.simulation && (
          <div className="tile">
            <h3>Simulated range (P10 to P90)</h3>
            <p className="tile__figure">
              {formatMoney(result.simulation.p10, SIGNED)} to {formatMoney(result.simulation.p90, SIGNED)}
            </p>
            <p className="muted">
              P50 {formatMoney(result.simulation.p50, SIGNED)}, mean {formatMoney(result.simulation.mean, SIGNED)} over {formatNumber(result.simulation.iterations)} draws
            </p>
          </div>
        )}
      </div>
      <DataTable caption="Results by scenario" columns={['Measure', ...numeric(...SCENARIOS.map((k) => SCENARIO_LABELS[k]))]}>
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
      </DataTable>
      <p className="muted">Pessimistic: benefits at their low values and costs at their high values; optimistic the reverse.</p>
      <DataTable caption="Who pays and who benefits (central, present values)" columns={['Organisation', ...numeric('Costs', 'Benefits', 'Net')]}>
        {s.central.byOrganisation.map((o) => (
          <tr key={o.organisation}>
            <th scope="row">{o.organisation}</th>
            <td className="num">{formatMoney(o.pvCosts, SIGNED)}</td>
            <td className="num">{formatMoney(o.pvBenefits, SIGNED)}</td>
            <td className="num">{formatMoney(o.net, SIGNED)}</td>
          </tr>
        ))}
      </DataTable>
      {yearly.length > 0 && <ProfileChart yearly={yearly} startYear={startYear} />}
      {result.simulation && <NpvRangeChart rows={[{ name, p10: result.simulation.p10, central: s.central.npv, p90: result.simulation.p90 }]} />}
      {s.central.byOrganisation.length > 0 && <OrganisationChart positions={s.central.byOrganisation} />}
    </Section>
  );
}
